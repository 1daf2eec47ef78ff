package dev.proxima.search;

/** Where a trial is in its life. */
public enum TrialStatus {
    /** Proposed or re-queued, waiting for a worker. */
    PENDING,
    /** An attempt is running on a worker. */
    RUNNING,
    /** Scored by a worker. */
    COMPLETED,
    /**
     * Not the status of a trial: the key under which {@link TrialBook#countByStatus()} counts the
     * candidates that reused an isomorphic trial's result instead of becoming trials.
     */
    REUSED,
    /** Ended without a score. */
    FAILED,
    /** Rejected early by a stopping rule; its partial curve is kept. */
    STOPPED,
    /** Finished after the budget ran out; not counted. */
    DISCARDED;

    /** True once the trial will not change any more. */
    public boolean isFinal() {
        return this != PENDING && this != RUNNING;
    }

    /** True when the trial has a score. */
    public boolean isScored() {
        return this == COMPLETED || this == REUSED;
    }
}
