package dev.proxima.replay;

import dev.proxima.evaluation.Evaluation;
import dev.proxima.evaluation.EvaluationFailedException;
import dev.proxima.proxy.Fidelity;
import dev.proxima.space.Architecture;
import java.util.HashMap;
import java.util.Map;

/**
 * Evaluates a candidate by looking it up: the score is the table's value at the fidelity, the cost
 * comes from the {@link CostModel}, and every metric and score column is reported alongside.
 * Synchronous and pure; {@link TableReplayEvaluator} adds the (scaled) waiting.
 */
public final class TableReplay {
    private final BenchmarkTable table;
    private final CostModel costModel;

    public TableReplay(BenchmarkTable table, CostModel costModel) {
        this.table = table;
        this.costModel = costModel;
    }

    /** @throws EvaluationFailedException when the table has no value for the candidate at that fidelity */
    public Evaluation evaluate(Architecture architecture, Fidelity fidelity) {
        TableRow row = table.row(architecture).orElseThrow(() -> new EvaluationFailedException(
                "architecture " + architecture.encode() + " is not in " + table.name(), 0));
        String column = table.schema().fidelity(fidelity.name()).orElseThrow(() -> new EvaluationFailedException(
                "fidelity '" + fidelity.name() + "' has no column in " + table.name(), 0)).column();
        double cost = costModel.seconds(row, fidelity);
        if (Double.isNaN(cost)) {
            throw new EvaluationFailedException("no cost for line " + row.line() + " of " + table.name() + " from "
                    + costModel.describe(), 0);
        }
        double score = row.value(column).orElseThrow(() -> new EvaluationFailedException(
                table.name() + " line " + row.line() + " has no value in column '" + column + "'", cost));
        Map<String, Double> metrics = new HashMap<>();
        table.schema().metricColumns().forEach(c -> row.value(c).ifPresent(v -> metrics.put(c, v)));
        table.schema().scoreColumns().forEach(c -> row.value(c).ifPresent(v -> metrics.put(c, v)));
        return new Evaluation(score, cost, metrics);
    }

    public BenchmarkTable table() {
        return table;
    }

    public CostModel costModel() {
        return costModel;
    }
}
