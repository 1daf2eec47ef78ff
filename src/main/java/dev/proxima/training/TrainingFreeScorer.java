package dev.proxima.training;

import ai.djl.Device;
import dev.proxima.evaluation.Evaluation;
import dev.proxima.evaluation.EvaluationRequest;

/** Scores a candidate at a training-free (0-epoch) ladder tier; runs on the device's training thread. */
public interface TrainingFreeScorer {
    Evaluation score(EvaluationRequest request, Device device);
}
