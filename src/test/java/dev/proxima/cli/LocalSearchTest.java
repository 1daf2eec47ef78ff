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

/** One JVM, a supervisor and three workers replaying NAS-Bench-201 through the real protocol. */
class LocalSearchTest {

    @Test
    void everyTrialEndsExactlyOnceAndTheJournalHasEveryEvent() throws Exception {
        Nb201Space space = new Nb201Space();
        SearchSettings settings = new SearchSettings(9, new Fidelity("hp12", 12), new Budget(150, 0, 0), 60_000, 3,
                DedupPolicy.OFF);
        SearchCore core = SearchCore.start(settings, space, new RegularizedEvolutionController(space, 10, 3),
                System.currentTimeMillis());
        List<SearchEvent> journal = new CopyOnWriteArrayList<>(core.history());
        // 100 simulated seconds take 1 ms: trials overlap on the three workers
        TableReplayEvaluator evaluator = new TableReplayEvaluator(Tables.nb201Replay(), 100_000);
        Status status = LocalSearch.run(Tables.defaults().actorSystem(), core, LocalSearch.virtual(evaluator, 3), Duration.ofMillis(100),
                Duration.ofMillis(500), journal::addAll, s -> { });

        assertTrue(status.summary().finished());
        assertEquals(150, status.summary().completed());
        assertEquals(150, core.book().size());
        assertTrue(core.book().trials().stream().allMatch(t -> t.status() == TrialStatus.COMPLETED));
        assertEquals(core.history(), journal, "the journal saw every event in order");
        assertEquals(3, status.workers());
        assertTrue(status.decisions() >= 300, "a request and a result per trial");
    }
}
