package dev.proxima.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.config.ConfigKeys;
import dev.proxima.config.ProximaConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.evaluation.Evaluation;
import dev.proxima.evaluation.EvaluationRequest;
import dev.proxima.evaluation.Evaluator;
import dev.proxima.evaluation.ProgressSink;
import dev.proxima.evaluation.StopSignal;
import dev.proxima.journal.SqliteJournal;
import dev.proxima.proxy.Fidelity;
import dev.proxima.search.SearchCore;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Space;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An evaluation of a setting is a journaled search: a killed one goes on from its journal, a finished one is read back. */
class SettingRunsTest {
    @TempDir
    Path dir;

    /** Scores an architecture by its encoding's length, instantly, and counts what it evaluates. */
    static final class CountingEvaluator implements Evaluator {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public CompletionStage<Evaluation> evaluate(EvaluationRequest request, ProgressSink progress, StopSignal stop) {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(new Evaluation(request.architecture().encode().length(), 2.5, Map.of()));
        }

        @Override
        public String describe() {
            return "counting";
        }
    }

    @Test
    void aKilledEvaluationResumesFromItsJournalAndAFinishedOneIsReadBack() throws Exception {
        ProximaSettings config = ProximaConfig.load(Optional.empty()).with(ConfigKeys.RUNS_DIR, dir.toString()).settings();
        Nb201Space space = new Nb201Space();
        List<Nb201Cell> cells = new ArrayList<>();
        for (int i = 0; cells.size() < 4; i++) {
            cells.add(space.sample(new java.util.SplittableRandom(i)));
        }
        CountingEvaluator evaluator = new CountingEvaluator();
        SettingRuns runs = new SettingRuns(config, space, List.of(new LocalSearch.Device("cpu", evaluator)), dir.resolve("cache"),
                "test");
        Fidelity fidelity = new Fidelity("e1", 1);

        // what a kill leaves: two trials completed, the third assigned and in flight
        Path journal = runs.journalOf(fidelity, cells);
        Files.createDirectories(journal.getParent());
        SearchCore killed = SearchCore.start(runs.settings(fidelity, cells), space, SettingRuns.strategy(cells), 0);
        for (int t = 0; t < 2; t++) {
            killed.assign("w", 1);
            var a = killed.assignmentFor("w").orElseThrow();
            killed.complete(a.trialId(), a.attempt(), "w", 100 + t, 7, Map.of(), 2);
        }
        killed.assign("w", 3);
        try (SqliteJournal j = SqliteJournal.create(journal, "test", "test")) {
            j.append(killed.history());
        }

        SettingRuns.Scores resumed = runs.evaluate(fidelity, cells, line -> { });
        assertFalse(resumed.cached());
        assertEquals(2, evaluator.calls.get(), "only the in-flight and the unstarted trial are evaluated");
        assertArrayEquals(new double[] {100, 101, cells.get(2).encode().length(), cells.get(3).encode().length()},
                resumed.scores(), 1e-9);
        assertArrayEquals(new double[] {7, 7, 2.5, 2.5}, resumed.seconds(), 1e-9);

        SettingRuns.Scores again = runs.evaluate(fidelity, cells, line -> { });
        assertTrue(again.cached());
        assertEquals(2, evaluator.calls.get(), "a finished evaluation trains nothing");
        assertArrayEquals(resumed.scores(), again.scores(), 1e-9);

        SettingRuns.Scores other = runs.evaluate(new Fidelity("e1", 2), cells, line -> { });
        assertFalse(other.cached(), "another setting is another evaluation");
        assertEquals(6, evaluator.calls.get());
    }
}
