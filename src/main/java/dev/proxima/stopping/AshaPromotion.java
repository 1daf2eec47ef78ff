package dev.proxima.stopping;

import java.util.Locale;
import java.util.Optional;
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

    /**
     * The best trial not promoted yet has only promoted trials above it, so it lies within the top
     * {@code quota} exactly when fewer than {@code quota} promoted trials rank above it: two index
     * look-ups instead of a scan of the promoted head of the ranking (which grew with every trial).
     */
    @Override
    public OptionalLong nextPromotion(TierView view) {
        for (int tier = view.tiers() - 2; tier >= 0; tier--) {
            int quota = (int) Math.floor(view.scoredCount(tier) / eta);
            Optional<? extends TierEntry> best = view.bestUnpromoted(tier);
            if (best.isPresent() && view.promotedAbove(tier, best.get().trialId()) < quota) {
                return OptionalLong.of(best.get().trialId());
            }
        }
        return OptionalLong.empty();
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "asha-promotion(eta=%s)", eta);
    }
}
