package dev.proxima.view;

import java.util.List;
import java.util.OptionalDouble;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * The candidates that reached tier {@code lower} and the tier above it: the proxy lab's question
 * (does the cheaper tier rank like the dearer one?) asked of the running search.
 *
 * @param points per candidate: the lower tier's score, the upper tier's score, the lower trial's id
 *     and the upper trial's id
 */
public record TierPair(String lower, String upper, List<double[]> points) {

    /** Spearman's rank correlation of the two scores; empty below 3 candidates or when a tier's scores are all equal. */
    public OptionalDouble spearman() {
        if (points.size() < 3) {
            return OptionalDouble.empty();
        }
        double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
        double rho = new SpearmansCorrelation().correlation(x, y);
        return Double.isNaN(rho) ? OptionalDouble.empty() : OptionalDouble.of(rho);
    }
}
