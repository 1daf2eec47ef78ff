package dev.proxima.search;

import dev.proxima.proxy.Fidelity;

/**
 * Fixed settings of one search.
 *
 * @param seed seeds every random choice; same seed and same results give the same events
 * @param fidelity the proxy setting every trial is evaluated at
 * @param budget when the search stops
 * @param trialTimeoutMillis an attempt not reported within this time is re-queued
 * @param maxAttempts a trial whose attempts were lost this many times is given up as failed
 * @param dedup whether isomorphic candidates reuse earlier results
 */
public record SearchSettings(long seed, Fidelity fidelity, Budget budget, long trialTimeoutMillis, int maxAttempts,
        DedupPolicy dedup) {
    public SearchSettings {
        if (trialTimeoutMillis <= 0) {
            throw new IllegalArgumentException("trial timeout must be > 0 ms, got " + trialTimeoutMillis);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be >= 1, got " + maxAttempts);
        }
    }
}
