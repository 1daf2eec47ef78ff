package dev.proxima.stopping;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/** Quantiles as numpy's {@code percentile} computes them (linear interpolation, Commons Math R_7), which Ray's rules use. */
final class Quantiles {
    private Quantiles() {}

    /** The {@code q}-quantile, q in [0, 1], of a non-empty array. */
    static double of(double[] values, double q) {
        if (values.length == 1) {
            return values[0];
        }
        return new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(values, Math.max(1e-9, q * 100));
    }
}
