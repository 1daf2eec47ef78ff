package dev.proxima.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.controller.RegularizedEvolutionController;
import dev.proxima.proxy.Fidelity;
import dev.proxima.search.Budget;
import dev.proxima.search.DedupPolicy;
import dev.proxima.search.SearchSettings;
import dev.proxima.search.Strategy;
import dev.proxima.search.TrialRecord;
import dev.proxima.search.TrialStatus;
import dev.proxima.space.nb201.Nb201Space;
import dev.proxima.testing.Tables;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    private final Nb201Space space = new Nb201Space();

    private Simulator simulator(int workers, DedupPolicy dedup) {
        SearchSettings settings = new SearchSettings(0, new Fidelity("hp12", 12), new Budget(0, 12_000, 0), 3_600_000, 3, dedup);
        return new Simulator(space, Tables.nb201Replay(), () -> Strategy.of(new RegularizedEvolutionController(space, 10, 3)), settings,
                workers, "test_acc_200");
    }

    @Test
    void theSameSeedGivesTheSameEventsAndAnotherSeedOthers() {
        Simulator sim = simulator(1, DedupPolicy.OFF);
        Simulator.Run a = sim.run(42);
        assertEquals(a.core().history(), sim.run(42).core().history());
        assertNotEquals(a.core().history(), sim.run(43).core().history());
    }

    @Test
    void oneWorkerFollowsTheNasBench201BudgetRule() {
        Simulator.Run run = simulator(1, DedupPolicy.OFF).run(7);
        double counted = run.core().book().trials().stream().filter(t -> t.status() == TrialStatus.COMPLETED)
                .mapToDouble(TrialRecord::costSeconds).sum();
        assertTrue(counted <= 12_000, "completed trials fit in the budget: " + counted);
        assertEquals(1, run.core().book().countByStatus().get(TrialStatus.DISCARDED), "exactly the trial that overran");
        assertTrue(run.core().isFinished());
        Simulator.Point last = run.trajectory().get(run.trajectory().size() - 1);
        assertEquals(run.core().best().orElseThrow().metrics().get("test_acc_200"), last.result());
    }

    @Test
    void aReplayWhoseTrialsAllFailAtNoCostStopsWithTheReasonInsteadOfLoopingForever() {
        // a fidelity the table has no column for: every evaluation fails at once, so the clock never moves
        SearchSettings settings = new SearchSettings(0, new Fidelity("hp50", 50), new Budget(0, 12_000, 0), 3_600_000, 3,
                DedupPolicy.OFF);
        Simulator sim = new Simulator(space, Tables.nb201Replay(), () -> Strategy.of(new RegularizedEvolutionController(space,
                10, 3)), settings, 1, "test_acc_200");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sim.run(1));
        assertEquals("the replay makes no progress: " + Simulator.MAX_FREE_FAILURES_IN_A_ROW + " evaluations in a row failed "
                + "at no cost; the last: fidelity 'hp50' has no column in nb201-cifar10.csv.gz", e.getMessage());
    }

    @Test
    void fourWorkersRunTrialsConcurrentlyOnTheVirtualClock() {
        Simulator.Run one = simulator(1, DedupPolicy.OFF).run(3);
        Simulator.Run four = simulator(4, DedupPolicy.OFF).run(3);
        double oneEnd = one.trajectory().get(one.trajectory().size() - 1).seconds();
        double fourEnd = four.trajectory().get(four.trajectory().size() - 1).seconds();
        assertTrue(fourEnd < oneEnd / 3, "4 workers spend the device budget about 4x faster: " + fourEnd + " vs " + oneEnd);
    }

    @Test
    void dedupNeverEvaluatesAnIsomorphismClassTwice() {
        Simulator.Run run = simulator(1, DedupPolicy.ISOMORPHIC).run(5);
        var evaluated = run.core().book().trials().stream().filter(t -> t.status() == TrialStatus.COMPLETED)
                .map(TrialRecord::canonicalHash).toList();
        assertEquals(evaluated.size(), evaluated.stream().distinct().count());
    }
}
