package dev.proxima.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.proxy.Fidelity;
import dev.proxima.search.Budget;
import dev.proxima.search.DedupPolicy;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchSettings;
import dev.proxima.search.Strategy;
import dev.proxima.space.Architecture;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Space;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FixedListControllerTest {
    private final Nb201Space space = new Nb201Space();
    private final List<Nb201Cell> cells = List.of(space.sample(new SplittableRandom(1)), space.sample(new SplittableRandom(2)),
            space.sample(new SplittableRandom(3)));
    private final SearchSettings settings = new SearchSettings(1, new Fidelity("e1", 1), new Budget(3, 0, 0), 60_000, 2,
            DedupPolicy.OFF);

    private String assignAndComplete(SearchCore core, String worker, long now) {
        core.assign(worker, now);
        var a = core.assignmentFor(worker).orElseThrow();
        core.complete(a.trialId(), a.attempt(), worker, 50, 1, Map.of(), now + 1);
        return a.architecture().encode();
    }

    @Test
    void theListIsProposedInOrderOneTrialEachAndARecoveredSearchGoesOnWhereItStopped() {
        SearchCore core = SearchCore.start(settings, space, Strategy.of(new FixedListController(cells)), 0);
        assertEquals(cells.get(0).encode(), assignAndComplete(core, "w", 1));
        assertEquals(cells.get(1).encode(), assignAndComplete(core, "w", 3));
        SearchCore recovered = SearchCore.recover(settings, space, Strategy.of(new FixedListController(cells)), core.history());
        assertEquals(cells.get(2).encode(), assignAndComplete(recovered, "w", 5));
        assertTrue(recovered.isFinished(), "the trial budget is the list's length");
        List<String> trained = recovered.book().trials().stream().map(t -> t.architecture().encode()).toList();
        assertEquals(cells.stream().map(Architecture::encode).toList(), trained);
    }
}
