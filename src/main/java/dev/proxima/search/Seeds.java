package dev.proxima.search;

import java.util.SplittableRandom;

/** Derives independent random streams from one search seed. */
public final class Seeds {
    private Seeds() {}

    /**
     * The generator for proposal {@code index} of the search seeded with {@code seed}. Streams for
     * different indices are decorrelated by a 64-bit finaliser (not shifted copies of one stream),
     * and a proposal's randomness depends on nothing but (seed, index).
     */
    public static SplittableRandom forIndex(long seed, long index) {
        return new SplittableRandom(mix(mix(seed) ^ (index * 0xD1B54A32D192ED03L)));
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
