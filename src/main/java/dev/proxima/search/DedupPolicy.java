package dev.proxima.search;

/** What to do when the controller proposes a candidate that was already evaluated at the same fidelity. */
public enum DedupPolicy {
    /** Evaluate it again (the NAS-Bench-201 protocol does; a noisy evaluator gives a fresh sample). */
    OFF,
    /** Reuse the earlier result when the candidate is isomorphic to an evaluated one; costs nothing. */
    ISOMORPHIC
}
