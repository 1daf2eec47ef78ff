package dev.proxima.search;

import dev.proxima.fusion.Fusion;
import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.ProxyLadder;

/**
 * Fixed settings of one search.
 *
 * @param seed seeds every random choice; same seed and same results give the same events
 * @param ladder the proxy tiers; a single tier for a plain search
 * @param budget when the search stops
 * @param trialTimeoutMillis an attempt not reported within this time is re-queued
 * @param maxAttempts a trial whose attempts were lost this many times is given up as failed
 * @param dedup whether isomorphic candidates reuse earlier results (per tier)
 * @param fusion how the evidence of every tier is fused, and where the fused score decides
 */
public record SearchSettings(long seed, ProxyLadder ladder, Budget budget, long trialTimeoutMillis, int maxAttempts,
        DedupPolicy dedup, Fusion fusion) {
    public SearchSettings {
        if (fusion.answerTier() >= ladder.size()) {
            throw new IllegalArgumentException("fusion answers at tier " + fusion.answerTier() + ", but the ladder has "
                    + ladder.size());
        }
        if (trialTimeoutMillis <= 0) {
            throw new IllegalArgumentException("trial timeout must be > 0 ms, got " + trialTimeoutMillis);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be >= 1, got " + maxAttempts);
        }
    }

    /** Settings of a single-fidelity search. */
    public SearchSettings(long seed, Fidelity fidelity, Budget budget, long trialTimeoutMillis, int maxAttempts,
            DedupPolicy dedup) {
        this(seed, ProxyLadder.of(fidelity), budget, trialTimeoutMillis, maxAttempts, dedup, Fusion.OFF);
    }

    /** Settings of a search without fusion. */
    public SearchSettings(long seed, ProxyLadder ladder, Budget budget, long trialTimeoutMillis, int maxAttempts,
            DedupPolicy dedup) {
        this(seed, ladder, budget, trialTimeoutMillis, maxAttempts, dedup, Fusion.OFF);
    }

    /** The same settings with another seed. */
    public SearchSettings withSeed(long newSeed) {
        return new SearchSettings(newSeed, ladder, budget, trialTimeoutMillis, maxAttempts, dedup, fusion);
    }

    /** The same settings with another fusion. */
    public SearchSettings withFusion(Fusion newFusion) {
        return new SearchSettings(seed, ladder, budget, trialTimeoutMillis, maxAttempts, dedup, newFusion);
    }
}
