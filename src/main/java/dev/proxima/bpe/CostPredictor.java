package dev.proxima.bpe;

import dev.proxima.proxy.Fidelity;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Predicts a setting's device-seconds per architecture before it runs, so MIP can sample the
 * cheapest settings first and skip those over the budget. A log-linear model: log(seconds) = b0 +
 * sum_j b_j log(value_j), ridge-regressed towards the first guess of {@link BpeParameter#costExponent}
 * (so a handful of measurements corrects it without overfitting). Before any measurement it only
 * orders settings (the scale is unknown, so nothing counts as over the budget).
 */
public final class CostPredictor {
    /** Pull towards the first-guess exponents, in squared log-units per parameter. */
    static final double RIDGE = 1.0;

    private final BpeSpace space;
    private final double[] exponents;
    private double intercept = Double.NaN;

    public CostPredictor(BpeSpace space, List<SettingResult> measured) {
        this.space = space;
        int p = space.size();
        double[] prior = new double[p];
        for (int d = 0; d < p; d++) {
            prior[d] = space.dimension(d).parameter().costExponent();
        }
        this.exponents = prior.clone();
        List<SettingResult> usable = measured.stream().filter(r -> r.secondsPerArchitecture() > 0).toList();
        if (usable.isEmpty()) {
            return;
        }
        // unknowns: b0 and delta_j = b_j - prior_j; residual target y - sum prior_j x_j; b0 unpenalised
        RealMatrix a = new Array2DRowRealMatrix(p + 1, p + 1);
        RealVector rhs = new ArrayRealVector(p + 1);
        for (SettingResult r : usable) {
            double[] x = features(r.setting());
            double y = Math.log(r.secondsPerArchitecture());
            for (int d = 0; d < p; d++) {
                y -= prior[d] * x[d + 1];
            }
            for (int i = 0; i <= p; i++) {
                rhs.addToEntry(i, x[i] * y);
                for (int j = 0; j <= p; j++) {
                    a.addToEntry(i, j, x[i] * x[j]);
                }
            }
        }
        for (int d = 1; d <= p; d++) {
            a.addToEntry(d, d, RIDGE);
        }
        RealVector solution = new LUDecomposition(a).getSolver().solve(rhs);
        intercept = solution.getEntry(0);
        for (int d = 0; d < p; d++) {
            exponents[d] = prior[d] + solution.getEntry(d + 1);
        }
    }

    private double[] features(BpeSetting s) {
        double[] values = new double[space.size()];
        for (int d = 0; d < space.size(); d++) {
            values[d] = space.value(s, d);
        }
        return features(values);
    }

    /** 1, then log(value) of each dimension that costs (a cost-neutral one, e.g. cutout 0, gets 0). */
    private double[] features(double[] values) {
        double[] x = new double[space.size() + 1];
        x[0] = 1;
        for (int d = 0; d < space.size(); d++) {
            boolean neutral = space.dimension(d).parameter().cheaper() == BpeParameter.Cheaper.NEITHER;
            x[d + 1] = neutral ? 0 : Math.log(values[d]);
        }
        return x;
    }

    /** True once a measurement fixed the scale, so {@link #seconds} are seconds. */
    public boolean calibrated() {
        return !Double.isNaN(intercept);
    }

    /** Predicted device-seconds per architecture; before calibration, a relative cost only. */
    public double seconds(BpeSetting s) {
        return predict(features(s));
    }

    /**
     * The same for any proxy setting, read through the space's parameters (values outside their
     * grids extrapolate; parameters the space does not search are assumed as in its base).
     */
    public double seconds(Fidelity f) {
        double[] values = new double[space.size()];
        for (int d = 0; d < space.size(); d++) {
            values[d] = space.dimension(d).parameter().valueIn(f, space.nativeResolution());
        }
        return predict(features(values));
    }

    private double predict(double[] x) {
        double log = calibrated() ? intercept : 0;
        for (int d = 0; d < space.size(); d++) {
            log += exponents[d] * x[d + 1];
        }
        return Math.exp(log);
    }

    /** Whether the setting fits {@code budgetPerArchitecture} (0 = none); an uncalibrated predictor lets all through. */
    public boolean fits(BpeSetting s, double budgetPerArchitecture) {
        return budgetPerArchitecture <= 0 || !calibrated() || seconds(s) <= budgetPerArchitecture;
    }
}
