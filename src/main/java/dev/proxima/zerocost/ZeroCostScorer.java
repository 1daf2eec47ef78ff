package dev.proxima.zerocost;

import dev.proxima.space.nb201.Nb201Cell;

/** A training-free score of an architecture. Implementations are thread-confined: one per thread. */
public interface ZeroCostScorer {

    /** The name used in configs, tables and reports (e.g. {@code synflow}). */
    String name();

    /** True when a higher score predicts a better architecture. */
    boolean higherIsBetter();

    /**
     * Scores one cell. May be {@code -Infinity} where the score is undefined at the bottom (NASWOT of a
     * network whose output ignores its input).
     */
    double score(Nb201Cell cell);
}
