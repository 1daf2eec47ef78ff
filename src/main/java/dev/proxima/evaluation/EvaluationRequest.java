package dev.proxima.evaluation;

import dev.proxima.proxy.Fidelity;
import dev.proxima.space.Architecture;

/** One attempt to evaluate a candidate at a fidelity. */
public record EvaluationRequest(long trialId, int attempt, Architecture architecture, Fidelity fidelity) {}
