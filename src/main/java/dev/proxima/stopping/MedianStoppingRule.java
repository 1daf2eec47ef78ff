package dev.proxima.stopping;

import java.util.ArrayList;
import java.util.List;
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
        List<Double> means = new ArrayList<>();
        for (TierEntry other : view.at(trial.tier())) {
            if (other.trialId() != trial.trialId() && CurvePoint.reached(other.curve(), now.epoch())) {
                means.add(CurvePoint.at(other.curve(), now.epoch()).mean());
            }
        }
        if (means.size() < minTrials) {
            return Decision.CONTINUE;
        }
        double median = Quantiles.of(means.stream().mapToDouble(Double::doubleValue).toArray(), 0.5);
        if (now.best() < median) {
            return Decision.stop("median", String.format(Locale.ROOT,
                    "best %.2f after %s epochs is below the median running mean %.2f of %d trials", now.best(),
                    AshaStoppingRule.fmt(now.epoch()), median, means.size()));
        }
        return Decision.CONTINUE;
    }

    @Override
    public String describe() {
        return "median(grace=" + AshaStoppingRule.fmt(grace) + ", min-trials=" + minTrials + ")";
    }
}
