package dev.proxima.evaluation;

import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.Resume;
import dev.proxima.space.Architecture;

/**
 * One attempt to evaluate a candidate at a fidelity: what a worker needs, with where it starts.
 */
public record EvaluationRequest(long trialId, int attempt, Architecture architecture, Fidelity fidelity, Resume resume) {

    /** An attempt that trains from scratch. */
    public EvaluationRequest(long trialId, int attempt, Architecture architecture, Fidelity fidelity) {
        this(trialId, attempt, architecture, fidelity, Resume.NONE);
    }
}
