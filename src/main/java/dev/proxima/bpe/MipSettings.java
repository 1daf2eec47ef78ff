package dev.proxima.bpe;

import java.util.Locale;

/**
 * How Minimum Importance Pruning runs.
 *
 * @param settingsPerRound settings evaluated per round (the paper's K)
 * @param drawsPerSetting candidates drawn uniformly per setting kept; the cheapest predicted are kept
 * @param budgetPerArchitecture device-seconds one architecture may cost under the answer (BPE's constraint); 0 = none
 * @param totalBudget device-seconds all evaluations together may cost; 0 = none
 * @param pruneTo where a pruned parameter is fixed
 * @param tolerance objective differences counted as ties, broken towards the cheaper: in
 *     {@link PruneTo#CHEAPEST_NEAR_BEST} how far below the best marginal a cheaper value may be, and among
 *     the answer's candidates
 * @param trees trees of the random forest
 * @param seed seeds the draws, the forest and the permutations
 */
public record MipSettings(int settingsPerRound, int drawsPerSetting, double budgetPerArchitecture, double totalBudget,
        PruneTo pruneTo, double tolerance, int trees, long seed) {

    /** Where a pruned parameter is fixed. */
    public enum PruneTo {
        /** its cheapest value, as the paper does */
        MIN_COST,
        /** the value with the best marginal objective in the forest */
        BEST,
        /**
         * the cheapest value whose marginal is within the tolerance of the best: the paper's choice for a
         * parameter that does not matter, the best value for one that still does
         */
        CHEAPEST_NEAR_BEST;

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public MipSettings {
        if (settingsPerRound < 1) {
            throw new IllegalArgumentException("settings-per-round must be >= 1, got " + settingsPerRound);
        }
        if (drawsPerSetting < 1) {
            throw new IllegalArgumentException("draws-per-setting must be >= 1, got " + drawsPerSetting);
        }
        if (!(budgetPerArchitecture >= 0) || !(totalBudget >= 0)) {
            throw new IllegalArgumentException("budgets must be >= 0 (0 = none), got " + budgetPerArchitecture + " and "
                    + totalBudget);
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
        }
        if (trees < 1) {
            throw new IllegalArgumentException("trees must be >= 1, got " + trees);
        }
    }
}
