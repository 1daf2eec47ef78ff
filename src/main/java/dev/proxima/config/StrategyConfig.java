package dev.proxima.config;

/**
 * The search strategy as configured under {@code proxima.search}: which controller, and the
 * promotion and early-stopping rules, each with its parameters (validated where they do not depend
 * on the ladder; {@link ProximaSettings#strategies} checks the rest).
 */
public record StrategyConfig(String controller, int populationSize, int sampleSize, double reinforceLearningRate,
        double reinforceMomentum, int econasMultiplier, int econasChildren, int econasAgingRounds, java.util.List<Integer> econasPromote,
        java.util.List<Integer> econasParents, String promotionRule, double promotionEta, String stoppingRule, double stoppingEta,
        double gracePeriod, int minTrials, double quantile) {}
