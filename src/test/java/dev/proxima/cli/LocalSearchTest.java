package dev.proxima.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.controller.RegularizedEvolutionController;
import dev.proxima.proxy.Fidelity;
import dev.proxima.replay.TableReplayEvaluator;
import dev.proxima.search.Budget;
import dev.proxima.search.DedupPolicy;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchSettings;
import dev.proxima.search.TrialStatus;
import dev.proxima.space.nb201.Nb201Space;
import dev.proxima.supervisor.SupervisorMessages.Status;
import dev.proxima.testing.Tables;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.proxima.journal.SqliteJournal;
import java.nio.file.Path;

/** One JVM, a supervisor and three workers replaying NAS-Bench-201 through the real protocol. */
class LocalSearchTest {
    @TempDir
    Path dir;

    @Test
    void everyTrialEndsExactlyOnceAndTheJournalHasEveryEvent() throws Exception {
        Nb201Space space = new Nb201Space();
        SearchSettings settings = new SearchSettings(9, new Fidelity("hp12", 12), new Budget(150, 0, 0), 60_000, 3,
                DedupPolicy.OFF);
        SearchCore core = SearchCore.start(settings, space, new RegularizedEvolutionController(space, 10, 3),
                System.currentTimeMillis());
        List<SearchEvent> observed = new CopyOnWriteArrayList<>(core.history());
        // 100 simulated seconds take 1 ms: trials overlap on the three workers
        TableReplayEvaluator evaluator = new TableReplayEvaluator(Tables.nb201Replay(), 100_000);
        LocalSearch.Outcome outcome;
        try (SqliteJournal journal = SqliteJournal.create(dir.resolve("journal.db"), "", "test")) {
            journal.append(core.history());
            outcome = LocalSearch.run(Tables.defaults().actorSystem(), core, LocalSearch.virtual(evaluator, 3),
                    Duration.ofMillis(100), Duration.ofMillis(500), journal, observed::addAll, s -> { });
            assertEquals(core.history(), journal.events(), "the journal holds every event in order");
        }
        Status status = outcome.status();

        assertTrue(status.summary().finished());
        assertEquals(150, status.summary().completed());
        assertEquals(150, core.book().size());
        assertTrue(core.book().trials().stream().allMatch(t -> t.status() == TrialStatus.COMPLETED));
        assertEquals(core.history(), observed, "the observer saw every event in order");
        assertTrue(outcome.journaledEvents() == core.history().size() - 1, "all but SearchStarted went through the writer");
        assertEquals(3, status.workers());
        // a result per trial, each answered with the next assignment; requests only to start and when idle
        assertTrue(status.decisions() >= 150 && status.decisions() < 250, "decisions: " + status.decisions());
    }
}
