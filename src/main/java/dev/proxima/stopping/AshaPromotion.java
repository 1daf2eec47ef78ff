package dev.proxima.stopping;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * Asynchronous successive halving, promotion variant (Li et al. 2020, "A System for Massively
 * Parallel Hyperparameter Tuning", Algorithm 2): looking from the highest promotable tier down, the
 * best trial among the top {@code floor(n / eta)} of a tier's n scored trials that has not moved up
 * yet is promoted. Nothing waits for a tier to fill, so no worker idles at a barrier.
 */
public final class AshaPromotion implements PromotionRule {
    private final double eta;

    public AshaPromotion(double eta) {
        if (!(eta > 1)) {
            throw new IllegalArgumentException("ASHA's reduction factor must be > 1, got " + eta);
        }
        this.eta = eta;
    }

    @Override
    public OptionalLong nextPromotion(TierView view) {
        for (int tier = view.tiers() - 2; tier >= 0; tier--) {
            int quota = (int) Math.floor(view.scoredCount(tier) / eta);
            int rank = 0;
            for (TierEntry e : view.ranked(tier)) {
                if (rank++ >= quota) {
                    break;
                }
                if (!e.isPromoted()) {
                    return OptionalLong.of(e.trialId());
                }
            }
        }
        return OptionalLong.empty();
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "asha-promotion(eta=%s)", eta);
    }
}
