package dev.proxima.stopping;

import java.util.Locale;

/**
 * Median stopping (Golovin et al. 2017, "Google Vizier"; as Ray Tune's {@code MedianStoppingRule}):
 * after the grace period, a trial whose best score so far is below the median of the other trials'
 * running means at the same epoch is stopped. Only trials of its tier that reached that epoch count,
 * and at least {@code minTrials} of them must have.
 */
public final class MedianStoppingRule implements StoppingRule {
    private final double grace;
    private final int minTrials;

    public MedianStoppingRule(double gracePeriodEpochs, int minTrials) {
        if (gracePeriodEpochs < 0 || minTrials < 1) {
            throw new IllegalArgumentException("median stopping needs grace-period >= 0 and min-trials >= 1, got "
                    + gracePeriodEpochs + " and " + minTrials);
        }
        this.grace = gracePeriodEpochs;
        this.minTrials = minTrials;
    }

    @Override
    public Decision onProgress(TierEntry trial, TierView view) {
        CurvePoint now = trial.curve().get(trial.curve().size() - 1);
        if (now.epoch() < grace) {
            return Decision.CONTINUE;
        }
        double[] means = view.othersAt(trial, now.epoch(), CurvePoint::mean);
        if (means.length < minTrials) {
            return Decision.CONTINUE;
        }
        double median = Quantiles.of(means, 0.5);
        if (now.best() < median) {
            return Decision.stop("median", String.format(Locale.ROOT,
                    "best %.2f after %s epochs is below the median running mean %.2f of %d trials", now.best(),
                    AshaStoppingRule.fmt(now.epoch()), median, means.length));
        }
        return Decision.CONTINUE;
    }

    @Override
    public String describe() {
        return "median(grace=" + AshaStoppingRule.fmt(grace) + ", min-trials=" + minTrials + ")";
    }
}
