package dev.proxima.search;

import dev.proxima.proxy.Fidelity;
import dev.proxima.space.Architecture;

/**
 * What a worker has to do now: one attempt of one trial.
 *
 * @param tier the ladder tier of the trial
 * @param resumeFromTrial the lower-tier trial whose checkpoint this one continues, or -1 to train from scratch
 * @param startEpoch the epoch of the fidelity's schedule training starts at (0 unless resuming)
 */
public record Assignment(long trialId, int attempt, String workerId, Architecture architecture, Fidelity fidelity,
        long deadlineMillis, int tier, long resumeFromTrial, int startEpoch) {

    /** An assignment that trains from scratch at tier 0. */
    public Assignment(long trialId, int attempt, String workerId, Architecture architecture, Fidelity fidelity,
            long deadlineMillis) {
        this(trialId, attempt, workerId, architecture, fidelity, deadlineMillis, 0, -1, 0);
    }
}
