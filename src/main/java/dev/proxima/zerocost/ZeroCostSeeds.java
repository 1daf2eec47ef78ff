package dev.proxima.zerocost;

import dev.proxima.space.nb201.Nb201Cell;

/** The initialisation seed of a scored network: one per (study seed, cell), so any subset scores the same. */
final class ZeroCostSeeds {
    private ZeroCostSeeds() {}

    static long of(long seed, Nb201Cell cell) {
        return seed * 0x9E3779B97F4A7C15L ^ cell.encode().hashCode();
    }
}
