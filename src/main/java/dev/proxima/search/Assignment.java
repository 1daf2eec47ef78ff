package dev.proxima.search;

import dev.proxima.evaluation.EvaluationRequest;
import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.Resume;
import dev.proxima.space.Architecture;


/**
 * What a worker has to do now: the evaluation request of one attempt, and where it goes.
 *
 * @param tier the ladder tier of the trial
 * @param request the attempt itself, with where its training starts
 */
public record Assignment(String workerId, long deadlineMillis, int tier, EvaluationRequest request) {
    public long trialId() {
        return request.trialId();
    }

    public int attempt() {
        return request.attempt();
    }

    public Architecture architecture() {
        return request.architecture();
    }

    public Fidelity fidelity() {
        return request.fidelity();
    }

    public Resume resume() {
        return request.resume();
    }
}
