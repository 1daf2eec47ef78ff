package dev.proxima.replay;

import dev.proxima.proxy.Fidelity;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the columns of a tabular benchmark mean. Configured under {@code proxima.replay.table}.
 *
 * @param file the gzipped (or plain) CSV file
 * @param space the search space the architectures belong to
 * @param archColumn the column with the architecture (the space's string encoding, or NB201's op digits)
 * @param fidelities one column per fidelity: the score a trial gets when evaluated at that fidelity
 * @param metricColumns further columns reported with every trial (e.g. the ground truth {@code test_acc_200})
 * @param scoreColumns training-free proxy scores (higher = predicted better)
 * @param curveColumn optional per-epoch score curve ({@code ;}-separated, first epoch first)
 * @param epochTimeColumn optional training seconds per epoch (one value, or a {@code ;}-separated list)
 */
public record TableSchema(Path file, String space, String archColumn, List<FidelityColumn> fidelities,
        List<String> metricColumns, List<String> scoreColumns, Optional<String> curveColumn,
        Optional<String> epochTimeColumn) {

    /**
     * A fidelity and where a candidate's score at it comes from: a column, or (when {@code column}
     * is empty) the curve column's value after the fidelity's epochs, with one progress report per
     * epoch. {@code declaredSeconds}, when set, is the cost of every evaluation (a zero-cost score
     * has no training time to model); otherwise the cost model decides.
     */
    public record FidelityColumn(Fidelity fidelity, Optional<String> column, OptionalDouble declaredSeconds) {
        public FidelityColumn(Fidelity fidelity, String column) {
            this(fidelity, Optional.of(column), OptionalDouble.empty());
        }

        public boolean fromCurve() {
            return column.isEmpty();
        }

        /** The column, or a description of the curve position, for messages. */
        public String source() {
            return column.orElse("curve epoch " + fidelity.epochs());
        }
    }

    public TableSchema {
        fidelities = List.copyOf(fidelities);
        metricColumns = List.copyOf(metricColumns);
        scoreColumns = List.copyOf(scoreColumns);
        if (fidelities.isEmpty()) {
            throw new IllegalArgumentException("table " + file + " needs at least one fidelity column");
        }
        for (FidelityColumn f : fidelities) {
            if (f.fromCurve() && curveColumn.isEmpty()) {
                throw new IllegalArgumentException("fidelity '" + f.fidelity().name() + "' reads the curve, but table "
                        + file + " has no curve-column");
            }
        }
    }

    /** The fidelity with this name. */
    public Optional<FidelityColumn> fidelity(String name) {
        return fidelities.stream().filter(f -> f.fidelity().name().equals(name)).findFirst();
    }
}
