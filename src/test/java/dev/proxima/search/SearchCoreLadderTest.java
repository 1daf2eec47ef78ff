package dev.proxima.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.ProxyLadder;
import dev.proxima.proxy.TrainingRecipe;
import dev.proxima.search.SearchEvent.TrialProposed;
import dev.proxima.search.SearchEvent.TrialStopRequested;
import dev.proxima.stopping.AshaPromotion;
import dev.proxima.stopping.Decision;
import dev.proxima.stopping.PromotionRule;
import dev.proxima.stopping.StoppingRule;
import dev.proxima.stopping.TierEntry;
import dev.proxima.stopping.TierView;
import dev.proxima.testing.NamedSpace;
import dev.proxima.testing.ScriptedController;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchCoreLadderTest {
    private static final TrainingRecipe RECIPE = TrainingRecipe.NAS_BENCH_201;
    /** zero-cost -> 20 epochs of a 60-epoch schedule -> 40 of the same schedule. */
    private static final ProxyLadder LADDER = new ProxyLadder(List.of(new Fidelity("zc", 0, RECIPE),
            new Fidelity("e20", 20, 60, RECIPE), new Fidelity("e40", 40, 60, RECIPE)));
    private final NamedSpace space = new NamedSpace();

    /** Stops every report below 50, with a reason that names the score. */
    private static final StoppingRule BELOW_50 = new StoppingRule() {
        @Override
        public Decision onProgress(TierEntry trial, TierView view) {
            double s = trial.curve().get(trial.curve().size() - 1).score();
            return s < 50 ? Decision.stop("below-50", "scored " + s) : Decision.CONTINUE;
        }

        @Override
        public String describe() {
            return "below-50";
        }
    };

    private SearchCore core(PromotionRule promotions, StoppingRule stopping, String... names) {
        return core(LADDER, promotions, stopping, names);
    }

    private SearchCore core(ProxyLadder ladder, PromotionRule promotions, StoppingRule stopping, String... names) {
        SearchSettings settings = new SearchSettings(1, ladder, new Budget(100, 0, 0), 10_000, 2, DedupPolicy.OFF);
        return SearchCore.start(settings, space, new Strategy(new ScriptedController(names), promotions, stopping), 0);
    }

    private static Assignment run(SearchCore core, String worker, double score, long now) {
        core.assign(worker, now);
        Assignment a = core.assignmentFor(worker).orElseThrow();
        core.complete(a.trialId(), a.attempt(), worker, score, 1, Map.of(), now + 1);
        return a;
    }

    @Test
    void promotionsComeBeforeNewCandidatesAndResumeAlongASharedSchedule() {
        SearchCore core = core(new AshaPromotion(2), StoppingRule.NEVER, "a", "b", "c", "d");
        Assignment a = run(core, "w", 30, 0);
        assertEquals(0, a.tier());
        assertEquals("zc", a.fidelity().name());
        Assignment b = run(core, "w", 70, 10);
        core.assign("w", 20);
        Assignment promoted = core.assignmentFor("w").orElseThrow();
        assertEquals("b", promoted.architecture().encode(), "the better half of two tier-0 scores moves up");
        assertEquals(1, promoted.tier());
        assertEquals(-1, promoted.resume().fromTrial(), "a zero-cost tier leaves nothing to resume");
        TrialRecord record = core.book().get(promoted.trialId()).orElseThrow();
        assertEquals(b.trialId(), record.promotedFrom());
        assertTrue(core.book().get(b.trialId()).orElseThrow().isPromoted());
        core.complete(promoted.trialId(), 1, "w", 60, 20, Map.of(), 30);
        assertEquals(promoted.trialId(), core.best().orElseThrow().trialId(), "the answer comes from the highest tier");

        Assignment c = run(core, "w", 90, 40); // tier 0 had 2 scores and 1 slot, used by b: a new candidate
        assertEquals(0, c.tier());
        core.assign("w", 50); // 3 tier-0 scores, still 1 slot: c (90) now holds it
        Assignment cUp = core.assignmentFor("w").orElseThrow();
        assertEquals("c", cUp.architecture().encode());
        assertEquals(1, cUp.tier());
        core.complete(cUp.trialId(), 1, "w", 65, 20, Map.of(), 60);
        core.assign("w", 80);
        Assignment top = core.assignmentFor("w").orElseThrow();
        assertEquals(2, top.tier(), "two tier-1 scores: the better (c, 65) moves to tier 2 before anything else");
        assertEquals("c", top.architecture().encode());
        assertEquals(cUp.trialId(), top.resume().fromTrial());
        assertEquals(20, top.resume().startEpoch());
    }

    @Test
    void aStopIsAnEventTheTrialEndsOnceWithItsCostAndLaterReportsAreDropped() {
        SearchCore core = core(ProxyLadder.of(new Fidelity("e3", 3, RECIPE)), PromotionRule.NEVER, BELOW_50, "a", "b");
        core.assign("w", 0);
        Assignment a = core.assignmentFor("w").orElseThrow();
        assertTrue(core.progress(a.trialId(), 1, "w", 1, 60, 5).stream().noneMatch(e -> e instanceof TrialStopRequested));
        List<SearchEvent> events = core.progress(a.trialId(), 1, "w", 2, 40, 10);
        TrialStopRequested stop = (TrialStopRequested) events.get(events.size() - 1);
        assertEquals("below-50", stop.rule());
        assertEquals("scored 40.0", stop.reason());
        assertTrue(core.progress(a.trialId(), 1, "w", 2.5, 30, 11).isEmpty(), "reports after the stop are dropped");
        assertEquals(a, core.assignmentFor("w").orElseThrow(), "the worker is busy until it answers");

        assertEquals(1, core.fail(a.trialId(), 1, "w", "stopped: below-50", 7.5, 12).size());
        assertTrue(core.fail(a.trialId(), 1, "w", "stopped: below-50", 7.5, 13).isEmpty(), "ends exactly once");
        TrialRecord r = core.book().get(a.trialId()).orElseThrow();
        assertEquals(TrialStatus.STOPPED, r.status());
        assertEquals("below-50", r.stopRule());
        assertEquals("scored 40.0", r.reason());
        assertEquals(2, r.curve().size(), "the partial curve is kept");
        assertEquals(7.5, core.summary(13).deviceSeconds());
        core.assign("w", 14);
        assertEquals("b", core.assignmentFor("w").orElseThrow().architecture().encode(), "the worker moves on");
    }

    @Test
    void theReportAtATiersLastEpochIsNotJudged() {
        SearchCore core = core(ProxyLadder.of(new Fidelity("e3", 3, RECIPE)), PromotionRule.NEVER, BELOW_50, "a");
        core.assign("w", 0);
        Assignment a = core.assignmentFor("w").orElseThrow();
        assertEquals(1, core.progress(a.trialId(), 1, "w", 3, 10, 5).size(), "recorded, not stopped: the result follows");
    }

    @Test
    void aRecoveredLadderSearchDecidesTheSame() {
        SearchCore live = core(new AshaPromotion(2), BELOW_50, "a", "b", "c");
        run(live, "w", 30, 0);
        run(live, "w", 70, 10);
        SearchCore recovered = SearchCore.recover(live.settings(), space, new Strategy(
                new ScriptedController("a", "b", "c"), new AshaPromotion(2), BELOW_50), live.history());
        List<SearchEvent> next = live.assign("w", 20);
        assertEquals(next, recovered.assign("w", 20));
        assertTrue(next.stream().anyMatch(e -> e instanceof TrialProposed p && p.promotedFrom() >= 0));
    }
}
