package dev.proxima.config;

import dev.proxima.search.Budget;
import dev.proxima.search.DedupPolicy;
import java.time.Duration;

/**
 * {@code proxima.search}: what every search shares.
 *
 * @param budget the limits of a trained search ({@code replay} has its own)
 */
public record SearchConfig(long seed, StrategyConfig strategy, DedupPolicy dedup, String evaluator, Budget budget,
        Duration trialTimeout, int maxAttempts, Duration tickInterval, Duration reportInterval, FusionConfig fusion) {}
