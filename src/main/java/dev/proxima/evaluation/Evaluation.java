package dev.proxima.evaluation;

import java.util.Map;

/**
 * The outcome of evaluating one candidate at one fidelity.
 *
 * @param score the reward the controller sees (higher is better)
 * @param costSeconds device-seconds the evaluation took (recorded or modelled for a replay)
 * @param metrics further measurements, e.g. a table's ground-truth accuracy
 */
public record Evaluation(double score, double costSeconds, Map<String, Double> metrics) {
    public Evaluation {
        metrics = Map.copyOf(metrics);
    }
}
