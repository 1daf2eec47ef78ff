package dev.proxima.stopping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Asynchronous successive halving, stopping variant (as Ray Tune's {@code AsyncHyperBandScheduler}):
 * rungs sit at {@code grace * eta^k} epochs; when a trial first reaches a rung, its score there is
 * compared with the scores every trial of its tier had at that rung, and it is stopped unless it is
 * at or above their {@code 1 - 1/eta} quantile.
 */
public final class AshaStoppingRule implements StoppingRule {
    private final double eta;
    private final double grace;

    public AshaStoppingRule(double eta, double gracePeriodEpochs) {
        if (!(eta > 1) || !(gracePeriodEpochs > 0)) {
            throw new IllegalArgumentException("ASHA needs eta > 1 and grace-period > 0, got " + eta + " and "
                    + gracePeriodEpochs);
        }
        this.eta = eta;
        this.grace = gracePeriodEpochs;
    }

    @Override
    public Decision onProgress(TierEntry trial, TierView view) {
        List<CurvePoint> curve = trial.curve();
        CurvePoint now = curve.get(curve.size() - 1);
        double before = curve.size() > 1 ? curve.get(curve.size() - 2).epoch() : 0;
        double rung = highestRungUpTo(now.epoch());
        if (rung < 0 || rung <= before) {
            return Decision.CONTINUE; // this report crossed no rung
        }
        List<Double> recorded = new ArrayList<>();
        for (TierEntry other : view.at(trial.tier())) {
            CurvePoint p = other.trialId() == trial.trialId() ? now : firstAtOrAfter(other.curve(), rung);
            if (p != null) {
                recorded.add(p.score());
            }
        }
        double cutoff = Quantiles.of(recorded.stream().mapToDouble(Double::doubleValue).toArray(), 1 - 1 / eta);
        if (now.score() < cutoff) {
            return Decision.stop("asha", String.format(Locale.ROOT,
                    "%.2f at rung %s epochs is below the top-1/%s cutoff %.2f of %d trials", now.score(), fmt(rung),
                    fmt(eta), cutoff, recorded.size()));
        }
        return Decision.CONTINUE;
    }

    private double highestRungUpTo(double epoch) {
        double rung = -1;
        for (double r = grace; r <= epoch; r *= eta) {
            rung = r;
        }
        return rung;
    }

    /** The report with which a curve first reached {@code epoch}, or null if it never did. */
    private static CurvePoint firstAtOrAfter(List<CurvePoint> curve, double epoch) {
        if (!CurvePoint.reached(curve, epoch)) {
            return null;
        }
        return curve.get(CurvePoint.indexAt(curve, Math.nextDown(epoch)) + 1);
    }

    /** A number for a reason line: whole numbers without decimals, others with two. */
    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    @Override
    public String describe() {
        return "asha(eta=" + fmt(eta) + ", grace=" + fmt(grace) + ")";
    }
}
