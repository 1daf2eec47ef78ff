package dev.proxima.evaluation;

import dev.proxima.proxy.Fidelity;
import dev.proxima.space.Architecture;

/**
 * One attempt to evaluate a candidate at a fidelity.
 *
 * @param resumeFromTrial the lower-tier trial whose checkpoint this attempt continues, or -1 to start from scratch
 * @param startEpoch the epoch of the fidelity's schedule the training starts at (0 unless resuming)
 */
public record EvaluationRequest(long trialId, int attempt, Architecture architecture, Fidelity fidelity,
        long resumeFromTrial, int startEpoch) {

    /** An attempt that trains from scratch. */
    public EvaluationRequest(long trialId, int attempt, Architecture architecture, Fidelity fidelity) {
        this(trialId, attempt, architecture, fidelity, -1, 0);
    }

    /** True when this attempt continues a lower tier's training. */
    public boolean resumes() {
        return resumeFromTrial >= 0 && startEpoch > 0;
    }
}
