package dev.proxima.replay;

import dev.proxima.space.Architecture;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One architecture's recorded results.
 *
 * @param line the 1-based line of the file it came from
 * @param values every numeric column the schema names; a missing value is NaN
 * @param curve per-epoch scores, empty when the table has none
 * @param epochSeconds training seconds per epoch (one entry = every epoch), empty when the table has none
 */
public record TableRow(Architecture architecture, long line, Map<String, Double> values, double[] curve,
        double[] epochSeconds) {

    /** The value of a column, empty when it is missing or not loaded. */
    public OptionalDouble value(String column) {
        Double v = values.get(column);
        return v == null || v.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
