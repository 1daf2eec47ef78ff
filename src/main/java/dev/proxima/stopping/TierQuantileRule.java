package dev.proxima.stopping;

import java.util.Locale;

/**
 * Stops a trial whose score at an epoch falls below the {@code quantile} of the scores the other
 * trials of its tier had at that same epoch (quantile 0.75: only the top quarter goes on). Checked
 * on every report after the grace period, once at least {@code minTrials} others reached the epoch.
 */
public final class TierQuantileRule implements StoppingRule {
    private final double quantile;
    private final double grace;
    private final int minTrials;

    public TierQuantileRule(double quantile, double gracePeriodEpochs, int minTrials) {
        if (!(quantile > 0 && quantile < 1) || gracePeriodEpochs < 0 || minTrials < 1) {
            throw new IllegalArgumentException("tier-quantile needs quantile in (0, 1), grace-period >= 0 and "
                    + "min-trials >= 1, got " + quantile + ", " + gracePeriodEpochs + " and " + minTrials);
        }
        this.quantile = quantile;
        this.grace = gracePeriodEpochs;
        this.minTrials = minTrials;
    }

    @Override
    public Decision onProgress(TierEntry trial, TierView view) {
        CurvePoint now = trial.curve().get(trial.curve().size() - 1);
        if (now.epoch() < grace) {
            return Decision.CONTINUE;
        }
        double[] scores = view.othersAt(trial, now.epoch(), CurvePoint::score);
        if (scores.length < minTrials) {
            return Decision.CONTINUE;
        }
        double cutoff = Quantiles.of(scores, quantile);
        if (now.score() < cutoff) {
            return Decision.stop("tier-quantile", String.format(Locale.ROOT,
                    "%.2f after %s epochs is below the %s-quantile %.2f of %d trials of its tier", now.score(),
                    AshaStoppingRule.fmt(now.epoch()), AshaStoppingRule.fmt(quantile), cutoff, scores.length));
        }
        return Decision.CONTINUE;
    }

    @Override
    public String describe() {
        return "tier-quantile(q=" + AshaStoppingRule.fmt(quantile) + ", grace=" + AshaStoppingRule.fmt(grace)
                + ", min-trials=" + minTrials + ")";
    }
}
