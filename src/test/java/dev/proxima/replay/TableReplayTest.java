package dev.proxima.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.evaluation.Evaluation;
import dev.proxima.evaluation.EvaluationFailedException;
import dev.proxima.evaluation.EvaluationRequest;
import dev.proxima.evaluation.ProgressSink;
import dev.proxima.evaluation.StopSignal;
import dev.proxima.proxy.Fidelity;
import dev.proxima.space.nb201.Nb201Space;
import dev.proxima.testing.Tables;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TableReplayTest {
    private final Nb201Space space = new Nb201Space();
    private static final String BEST = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|"; // index 6111, the optimum

    @Test
    void scoresAtTheFidelitysColumnAndReportsTheMetrics() {
        Evaluation e = Tables.nb201Replay().evaluate(space.parse(BEST), new Fidelity("hp12", 12));
        TableRow row = Tables.nb201().row(space.parse(BEST)).orElseThrow();
        assertEquals(row.value("val_acc_12").orElseThrow(), e.score());
        assertEquals(94.3733, e.metrics().get("test_acc_200"), 1e-9);
        assertTrue(e.metrics().containsKey("synflow"));
        double hp200 = Tables.nb201Replay().evaluate(space.parse(BEST), new Fidelity("hp200", 200)).costSeconds();
        assertTrue(hp200 > 15 * e.costSeconds(), "200 epochs cost far more than 12");
    }

    @Test
    void zeroCostEvidenceIsChargedPerScore() {
        TableReplay replay = new TableReplay(Tables.nb201(), Tables.nb201Replay().costModel(), 0.5);
        Fidelity hp12 = new Fidelity("hp12", 12);
        TableReplay.Replayed plain = replay.replay(space.parse(BEST), hp12, 0);
        TableReplay.Replayed withEvidence = replay.replay(space.parse(BEST), hp12, 0, List.of("naswot", "logsynflow"));
        assertEquals(plain.result().costSeconds() + 2 * 0.5, withEvidence.result().costSeconds(), 1e-9);
        assertEquals(plain.result().metrics(), withEvidence.result().metrics(), "the table's score columns are reported anyway");
        assertEquals(TableReplay.ZERO_COST_SECONDS, Tables.nb201Replay().replay(space.parse(BEST), hp12, 0,
                List.of("naswot")).result().costSeconds() - plain.result().costSeconds(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new TableReplay(Tables.nb201(), replay.costModel(), -1));
    }

    @Test
    void anUnknownFidelityFailsTheEvaluationWithAReason() {
        EvaluationFailedException e = assertThrows(EvaluationFailedException.class,
                () -> Tables.nb201Replay().evaluate(space.parse(BEST), new Fidelity("hp50", 50)));
        assertEquals("fidelity 'hp50' has no column in nb201-cifar10.csv.gz", e.getMessage());
    }

    @Test
    void aTimeColumnReplacesTheTimeModel() {
        TableRow perEpoch = new TableRow(space.parse(BEST), 2, Map.of(), new double[0], new double[] {2, 3, 4});
        TableRow constant = new TableRow(space.parse(BEST), 3, Map.of(), new double[0], new double[] {5});
        EpochTimeCostModel model = new EpochTimeCostModel("t", 1.5);
        assertEquals(2 + 3 + 1.5, model.seconds(perEpoch, new Fidelity("e2", 2)));
        assertEquals(12 * 5 + 1.5, model.seconds(constant, new Fidelity("e12", 12)));
        assertTrue(Double.isNaN(model.seconds(perEpoch, new Fidelity("e4", 4))), "not enough recorded epochs");
    }

    @Test
    void theEvaluatorWaitsTheCostDividedByTheSpeedup() throws Exception {
        TableReplayEvaluator evaluator = new TableReplayEvaluator(Tables.nb201Replay(), 1_000);
        EvaluationRequest request = new EvaluationRequest(1, 1, space.parse(BEST), new Fidelity("hp12", 12));
        long start = System.nanoTime();
        Evaluation e = evaluator.evaluate(request, ProgressSink.NONE, new StopSignal()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        double waitedMillis = (System.nanoTime() - start) / 1e6;
        assertTrue(waitedMillis >= e.costSeconds() - 1, "waited " + waitedMillis + " ms for " + e.costSeconds() + " s / 1000");
    }
}
