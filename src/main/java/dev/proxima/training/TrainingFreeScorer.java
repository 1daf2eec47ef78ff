package dev.proxima.training;

import ai.djl.Device;
import dev.proxima.evaluation.Evaluation;
import dev.proxima.evaluation.EvaluationRequest;
import java.util.List;
import java.util.Map;

/** Scores a candidate without training; runs on the device's training thread. */
public interface TrainingFreeScorer {

    /** The candidate's score at a training-free (0-epoch) ladder tier named after a scorer. */
    Evaluation score(EvaluationRequest request, Device device);

    /**
     * The named zero-cost scores of the request's candidate, each as measured (not negated), on the
     * network its fidelity trains: the evidence a fusion rule asks every bottom-tier trial for.
     */
    Map<String, Double> scores(EvaluationRequest request, List<String> names, Device device);
}
