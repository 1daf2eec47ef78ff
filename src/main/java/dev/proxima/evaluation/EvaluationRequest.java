package dev.proxima.evaluation;

import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.Resume;
import dev.proxima.space.Architecture;
import java.util.List;

/**
 * One attempt to evaluate a candidate at a fidelity: what a worker needs, with where it starts.
 *
 * @param zeroCostScores zero-cost scores to compute as well and report as metrics under their names
 *     (evidence a fusion rule votes with); empty for most trials
 * @param run the run's name when several runs may share a worker's checkpoint folder; empty otherwise
 */
public record EvaluationRequest(long trialId, int attempt, Architecture architecture, Fidelity fidelity, Resume resume,
        List<String> zeroCostScores, String run) {
    public EvaluationRequest {
        zeroCostScores = List.copyOf(zeroCostScores);
    }

    public EvaluationRequest(long trialId, int attempt, Architecture architecture, Fidelity fidelity, Resume resume,
            List<String> zeroCostScores) {
        this(trialId, attempt, architecture, fidelity, resume, zeroCostScores, "");
    }

    /** An attempt that computes no extra scores. */
    public EvaluationRequest(long trialId, int attempt, Architecture architecture, Fidelity fidelity, Resume resume) {
        this(trialId, attempt, architecture, fidelity, resume, List.of());
    }

    /** An attempt that trains from scratch. */
    public EvaluationRequest(long trialId, int attempt, Architecture architecture, Fidelity fidelity) {
        this(trialId, attempt, architecture, fidelity, Resume.NONE);
    }
}
