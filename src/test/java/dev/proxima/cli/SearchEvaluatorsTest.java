package dev.proxima.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.daemon.RoutingEvaluator;
import dev.proxima.evaluation.Evaluation;
import dev.proxima.evaluation.EvaluationRequest;
import dev.proxima.evaluation.StopSignal;
import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.Resume;
import dev.proxima.space.SearchSpaces;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A node's evaluators of daemon searches, built from each search's configuration. */
class SearchEvaluatorsTest {
    private static final String CELL = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|";
    private static final String REPLAY = "proxima.search.evaluator = replay\nproxima.replay.speedup = 100000\n";

    private static EvaluationRequest request(String run) {
        return new EvaluationRequest(1, 1, SearchSpaces.byName("nb201").parse(CELL), new Fidelity("hp12", 12), Resume.NONE,
                List.of(), run);
    }

    @Test
    void aSearchsTableIsLoadedOncePerNodeAndLetGoWithTheLastWorkerThatUsedIt() throws Exception {
        SearchEvaluators node = new SearchEvaluators(null);
        RoutingEvaluator first = node.forDevice("replay:0", null);
        RoutingEvaluator second = node.forDevice("replay:1", null);
        first.serve("r1", REPLAY);
        second.serve("r1", REPLAY); // both build off the caller's thread; an attempt waits for its evaluator
        for (RoutingEvaluator worker : List.of(first, second)) {
            Evaluation e = worker.evaluate(request("r1"), (epoch, score) -> { }, new StopSignal()).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            assertTrue(e.score() > 0 && e.costSeconds() > 0, e.toString());
        }
        assertEquals(1, node.held(), "one table for both workers");
        first.release("r1");
        assertEquals(1, node.held(), "still used by the second worker");
        second.release("r1");
        assertEquals(0, node.held());
    }

    @Test
    void anAttemptOfASearchTheNodeCannotEvaluateFailsWithWhy() {
        SearchEvaluators node = new SearchEvaluators(null);
        RoutingEvaluator worker = node.forDevice("replay:0", null);
        worker.serve("r2", "proxima.search.evaluator = training\n");
        ExecutionException failed = assertThrows(ExecutionException.class, () -> worker.evaluate(request("r2"),
                (epoch, score) -> { }, new StopSignal()).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertTrue(failed.getCause().getMessage().contains("this worker cannot evaluate search r2: search r2 evaluates by "
                + "training, this node by replay"), failed.getCause().getMessage());
        assertEquals(0, node.held());
        ExecutionException unknown = assertThrows(ExecutionException.class, () -> worker.evaluate(request("r3"),
                (epoch, score) -> { }, new StopSignal()).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertTrue(unknown.getCause().getMessage().contains("serves no search 'r3'"), unknown.getCause().getMessage());
    }
}
