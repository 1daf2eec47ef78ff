package dev.proxima.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.proxima.fusion.FusedScore;
import dev.proxima.fusion.Fusion;
import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.ProxyLadder;
import dev.proxima.stopping.AshaPromotion;
import dev.proxima.stopping.PromotionRule;
import dev.proxima.stopping.StoppingRule;
import dev.proxima.stopping.TierView;
import dev.proxima.testing.NamedSpace;
import dev.proxima.testing.ScriptedController;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchCoreFusionTest {
    /** A synflow screen under a 12-epoch tier, as the NAS-Bench-201 pipelines run. */
    private static final ProxyLadder LADDER = new ProxyLadder(List.of(new Fidelity("synflow", 0), new Fidelity("hp12", 12)));
    /** Per candidate: synflow (tier 0), naswot (computed alongside), hp12 (tier 1, if promoted). */
    private static final Map<String, double[]> SCORES = Map.of(
            "a", new double[] {2, 10, 80}, "b", new double[] {5, 50, 79}, "c", new double[] {1, 20, 0},
            "d", new double[] {3, 30, 0}, "e", new double[] {4, 40, 70});
    private final NamedSpace space = new NamedSpace();

    /** Promotes trials a, b and e (ids 1, 2, 5), in that order, once all five are screened. */
    private static final PromotionRule ABE = new PromotionRule() {
        @Override
        public OptionalLong nextPromotion(TierView view) {
            if (view.scoredCount(0) < 5) {
                return OptionalLong.empty();
            }
            return view.at(0).stream().filter(t -> List.of(1L, 2L, 5L).contains(t.trialId()) && !t.isPromoted())
                    .mapToLong(t -> t.trialId()).findFirst();
        }

        @Override
        public String describe() {
            return "a-b-e";
        }
    };

    private static Fusion fusion(boolean answer, boolean reward, boolean promotion) {
        return new Fusion(List.of("synflow", "naswot", "hp12"), Fusion.Weights.TIER, answer ? 1 : -1, reward, promotion, Set.of());
    }

    private SearchCore core(Fusion fusion, ScriptedController controller, PromotionRule promotions) {
        SearchSettings settings = new SearchSettings(1, LADDER, new Budget(8, 0, 0), 10_000, 2, DedupPolicy.OFF, fusion);
        return SearchCore.start(settings, space, new Strategy(controller, promotions, StoppingRule.NEVER), 0);
    }

    /** Runs every trial to the end on one worker, scored from {@link #SCORES}; returns the requests' extra scores per tier. */
    private static Map<Integer, List<String>> runAll(SearchCore core) {
        Map<Integer, List<String>> extra = new HashMap<>();
        for (long now = 0; !core.isFinished(); now += 10) {
            core.assign("w", now);
            Assignment a = core.assignmentFor("w").orElseThrow();
            extra.put(a.tier(), a.request().zeroCostScores());
            double[] s = SCORES.get(a.architecture().encode());
            Map<String, Double> metrics = a.request().zeroCostScores().contains("naswot") ? Map.of("naswot", s[1]) : Map.of();
            core.complete(a.trialId(), a.attempt(), "w", a.tier() == 0 ? s[0] : s[2], 1, metrics, now + 1);
        }
        return extra;
    }

    @Test
    void theAnswerIsTheBestFusedCandidateOfTheTopTierNotTheBestTopScore() {
        SearchCore plain = core(fusion(false, false, false), new ScriptedController("a", "b", "c", "d", "e"), ABE);
        runAll(plain);
        assertEquals("a", plain.best().orElseThrow().architecture().encode(), "a has the best 12-epoch score");

        SearchCore fused = core(fusion(true, false, false), new ScriptedController("a", "b", "c", "d", "e"), ABE);
        Map<Integer, List<String>> extra = runAll(fused);
        TrialRecord best = fused.best().orElseThrow();
        assertEquals("b", best.architecture().encode());
        assertEquals(1, best.tier());
        // b: first of five by synflow and by naswot (zero-cost tier 1.0), second of three by hp12 (0.5)
        FusedScore why = fused.evidenceOf(best);
        assertEquals((1.0 + 0.5) / 2, why.score(), 1e-12);
        assertEquals(List.of("synflow", "naswot", "hp12"), why.pieces().stream().map(FusedScore.Piece::source).toList());
        assertEquals(List.of(5, 5, 3), why.pieces().stream().map(FusedScore.Piece::seen).toList());
        assertEquals(List.of("naswot"), extra.get(0), "the bottom tier computes the zero-cost evidence");
        assertEquals(List.of(), extra.get(1));
    }

    @Test
    void theControllerLearnsFusedScoresAsTheyStoodWhenTheResultCame() {
        ScriptedController controller = new ScriptedController("a", "b", "c", "d", "e");
        runAll(core(fusion(false, true, false), controller, ABE));
        // a's hp12 came first: alone in its tier (0.5); its zero-cost tier: synflow 0.25, naswot 0.0
        // b's next: second of two (0.0), zero-cost 1.0; e last: third of three, zero-cost (0.75 + 0.75) / 2
        assertEquals(List.of("a=" + (0.125 + 0.5) / 2, "b=" + 0.5, "e=" + 0.375), controller.observed);
    }

    @Test
    void promotionByFusedScoreMovesUpTheCandidateTheEnsembleRanksFirst() {
        // a zero-cost screen of two scorers: x first by synflow (its own score), y first by naswot
        Fusion f = new Fusion(List.of("synflow", "naswot"), Fusion.Weights.PIECE, -1, false, true, Set.of());
        SearchCore core = core(f, new ScriptedController("x", "y", "z"), new AshaPromotion(3));
        double[][] s = {{3, 10}, {2, 30}, {1, 20}}; // x: (1 + 0) / 2, y: (0.5 + 1) / 2, z: (0 + 0.5) / 2
        for (int i = 0; i < 3; i++) {
            core.assign("w", i * 10L);
            Assignment a = core.assignmentFor("w").orElseThrow();
            core.complete(a.trialId(), 1, "w", s[i][0], 1, Map.of("naswot", s[i][1]), i * 10L + 1);
        }
        core.assign("w", 40);
        Assignment promoted = core.assignmentFor("w").orElseThrow();
        assertEquals(1, promoted.tier());
        assertEquals("y", promoted.architecture().encode(), "x has the best own score; y the best fused one");
    }

    @Test
    void aRecoveredSearchFusesExactlyAsTheOriginal() {
        SearchCore fused = core(fusion(true, true, false), new ScriptedController("a", "b", "c", "d", "e"), ABE);
        runAll(fused);
        ScriptedController fresh = new ScriptedController("a", "b", "c", "d", "e");
        SearchCore recovered = SearchCore.recover(fused.settings(), space, new Strategy(fresh, ABE, StoppingRule.NEVER),
                fused.history());
        TrialRecord best = recovered.best().orElseThrow();
        assertEquals(fused.best().orElseThrow().trialId(), best.trialId());
        assertEquals(fused.evidenceOf(fused.best().orElseThrow()), recovered.evidenceOf(best));
        assertEquals(List.of("a=" + (0.125 + 0.5) / 2, "b=" + 0.5, "e=" + 0.375), fresh.observed);
    }
}
