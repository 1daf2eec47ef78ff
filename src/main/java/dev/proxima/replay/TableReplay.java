package dev.proxima.replay;

import dev.proxima.evaluation.Evaluation;
import dev.proxima.evaluation.EvaluationFailedException;
import dev.proxima.proxy.Fidelity;
import dev.proxima.space.Architecture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a candidate by looking it up: the score is the table's value at the fidelity, the cost
 * comes from the {@link CostModel} (or the fidelity's declared cost), and every metric and score
 * column is reported alongside. A fidelity read from the learning-curve column also yields one
 * progress report per epoch, so stopping rules see what a real training would have shown. A
 * resumed evaluation (a promotion along one schedule) costs only the epochs it adds.
 * Synchronous and pure; {@link TableReplayEvaluator} and {@link Simulator} add the waiting.
 */
public final class TableReplay {
    /** The metric that carries the last value of a row's curve (the full schedule's result). */
    public static final String CURVE_FINAL = "curve_final";

    /**
     * Device-seconds of one zero-cost score a trial computes besides its own (fusion evidence): NASWOT's
     * published 306 s per 1,000 NAS-Bench-201 cells on one GPU; synflow also takes one pass.
     */
    public static final double ZERO_COST_SECONDS = 0.31;

    private final BenchmarkTable table;
    private final CostModel costModel;
    private final double scoreSeconds;

    /**
     * @param scoreSeconds what each extra zero-cost score of a request costs (the table already holds
     *     its value; computing it would take a forward/backward pass)
     */
    public TableReplay(BenchmarkTable table, CostModel costModel, double scoreSeconds) {
        if (!(scoreSeconds >= 0) || Double.isInfinite(scoreSeconds)) {
            throw new IllegalArgumentException("score cost must be >= 0 seconds, got " + scoreSeconds);
        }
        this.table = table;
        this.costModel = costModel;
        this.scoreSeconds = scoreSeconds;
    }

    public TableReplay(BenchmarkTable table, CostModel costModel) {
        this(table, costModel, ZERO_COST_SECONDS);
    }

    /** A progress report {@code atSeconds} device-seconds into the evaluation. */
    public record Report(double epoch, double score, double atSeconds) {}

    /** The final result and the reports that lead to it (empty unless the fidelity reads the curve). */
    public record Replayed(Evaluation result, List<Report> progress) {}

    /** Evaluates from scratch. */
    public Evaluation evaluate(Architecture architecture, Fidelity fidelity) {
        return replay(architecture, fidelity, 0).result();
    }

    /**
     * @param startEpoch the epoch the evaluation resumes at (0 = from scratch)
     * @throws EvaluationFailedException when the table has no value for the candidate at that fidelity
     */
    public Replayed replay(Architecture architecture, Fidelity fidelity, int startEpoch) {
        return replay(architecture, fidelity, startEpoch, List.of());
    }

    /**
     * A replay that also "computes" {@code zeroCostScores}: score columns every trial reports anyway,
     * charged {@link #ZERO_COST_SECONDS} (or the configured cost) each, up front.
     */
    public Replayed replay(Architecture architecture, Fidelity fidelity, int startEpoch, List<String> zeroCostScores) {
        Replayed plain = replayAlone(architecture, fidelity, startEpoch);
        if (zeroCostScores.isEmpty()) {
            return plain;
        }
        double extra = scoreSeconds * zeroCostScores.size();
        Evaluation r = plain.result();
        List<Report> later = plain.progress().stream().map(p -> new Report(p.epoch(), p.score(), p.atSeconds() + extra)).toList();
        return new Replayed(new Evaluation(r.score(), r.costSeconds() + extra, r.metrics()), later);
    }

    private Replayed replayAlone(Architecture architecture, Fidelity fidelity, int startEpoch) {
        TableRow row = table.row(architecture).orElseThrow(() -> new EvaluationFailedException(
                "architecture " + architecture.encode() + " is not in " + table.name(), 0));
        TableSchema.FidelityColumn source = table.schema().fidelity(fidelity.name()).orElseThrow(() ->
                new EvaluationFailedException("fidelity '" + fidelity.name() + "' has no column in " + table.name(), 0));
        Map<String, Double> metrics = new HashMap<>();
        table.schema().metricColumns().forEach(c -> row.value(c).ifPresent(v -> metrics.put(c, v)));
        table.schema().scoreColumns().forEach(c -> row.value(c).ifPresent(v -> metrics.put(c, v)));
        if (row.curve().length > 0) {
            metrics.put(CURVE_FINAL, row.curve()[row.curve().length - 1]); // the ground truth of curve tables
        }
        if (source.fromCurve()) {
            return fromCurve(row, fidelity, startEpoch, metrics, source);
        }
        double cost = source.declaredSeconds().isPresent() ? source.declaredSeconds().getAsDouble()
                : startEpoch > 0 ? seconds(row, fidelity, fidelity.epochs()) - seconds(row, fidelity, startEpoch)
                        + seconds(row, fidelity, 0)
                : seconds(row, fidelity, fidelity.epochs());
        String column = source.column().orElseThrow();
        double score = row.value(column).orElseThrow(() -> new EvaluationFailedException(
                table.name() + " line " + row.line() + " has no value in column '" + column + "'", cost));
        return new Replayed(new Evaluation(score, cost, metrics), List.of());
    }

    /** One report per epoch from the curve; every epoch costs its training plus one evaluation pass. */
    private Replayed fromCurve(TableRow row, Fidelity fidelity, int startEpoch, Map<String, Double> metrics,
            TableSchema.FidelityColumn source) {
        double[] curve = row.curve();
        if (curve.length < fidelity.epochs()) {
            throw new EvaluationFailedException(table.name() + " line " + row.line() + " has a curve of " + curve.length
                    + " epochs; fidelity '" + fidelity.name() + "' needs " + fidelity.epochs(), 0);
        }
        double evalPass = seconds(row, fidelity, 0);
        List<Report> reports = new ArrayList<>();
        double elapsed = 0;
        for (int e = startEpoch + 1; e <= fidelity.epochs(); e++) {
            elapsed += seconds(row, fidelity, e) - seconds(row, fidelity, e - 1) + evalPass;
            reports.add(new Report(e, curve[e - 1], elapsed));
        }
        double score = curve[fidelity.epochs() - 1];
        if (reports.isEmpty() || Double.isNaN(score)) {
            throw new EvaluationFailedException(table.name() + " line " + row.line() + ": no curve value for "
                    + source.source() + " from epoch " + startEpoch, 0);
        }
        return new Replayed(new Evaluation(score, elapsed, metrics), List.copyOf(reports));
    }

    /** Seconds of training {@code epochs} epochs and one evaluation pass, from the cost model. */
    private double seconds(TableRow row, Fidelity fidelity, int epochs) {
        double s = costModel.seconds(row, new Fidelity(fidelity.name(), epochs, fidelity.scheduleEpochs(), fidelity.recipe()));
        if (Double.isNaN(s)) {
            throw new EvaluationFailedException("no cost for line " + row.line() + " of " + table.name() + " from "
                    + costModel.describe(), 0);
        }
        return s;
    }

    /** A candidate's value in a result column ({@link #CURVE_FINAL} included); NaN when the table has none. */
    public double result(Architecture architecture, String column) {
        return table.row(architecture).map(row -> column.equals(CURVE_FINAL)
                ? (row.curve().length > 0 ? row.curve()[row.curve().length - 1] : Double.NaN)
                : row.value(column).orElse(Double.NaN)).orElse(Double.NaN);
    }

    public BenchmarkTable table() {
        return table;
    }

    public CostModel costModel() {
        return costModel;
    }
}
