package dev.proxima.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.ProxyLadder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvidenceBookTest {
    /** A zero-cost tier (synflow) under a trained one (hp12). */
    private static final ProxyLadder LADDER = new ProxyLadder(List.of(new Fidelity("synflow", 0), new Fidelity("hp12", 12)));
    private static final double EPS = 1e-12;

    private static Fusion fusion(Fusion.Weights weights, String... evidence) {
        return new Fusion(List.of(evidence), weights, 1, false, false, Set.of());
    }

    @Test
    void percentilesAreMidRanksAmongTheCandidatesSeenSoFar() {
        EvidenceBook book = new EvidenceBook(fusion(Fusion.Weights.TIER, "synflow"), LADDER);
        book.scored(1, -1, "synflow", 10, Map.of());
        assertEquals(0.5, book.fused(1, 0), EPS, "a candidate alone stands in the middle");
        book.scored(2, -1, "synflow", 30, Map.of());
        book.scored(3, -1, "synflow", 20, Map.of());
        book.scored(4, -1, "synflow", 20, Map.of());
        assertEquals(0.0, book.fused(1, 0), EPS);
        assertEquals(1.0, book.fused(2, 0), EPS);
        assertEquals(0.5, book.fused(3, 0), EPS, "tied values share their mid-rank");
        assertEquals(book.fused(3, 0), book.fused(4, 0), EPS);
    }

    @Test
    void undefinedScoresRankLastAndMissingOnesDoNotVote() {
        EvidenceBook book = new EvidenceBook(fusion(Fusion.Weights.PIECE, "synflow", "naswot"), LADDER);
        book.scored(1, -1, "synflow", 5, Map.of("naswot", Double.NEGATIVE_INFINITY));
        book.scored(2, -1, "synflow", 1, Map.of("naswot", 700.0));
        book.scored(3, -1, "synflow", 3, Map.of()); // no naswot: only synflow votes
        assertEquals((1.0 + 0.0) / 2, book.fused(1, 0), EPS);
        assertEquals((0.0 + 1.0) / 2, book.fused(2, 0), EPS);
        assertEquals(0.5, book.fused(3, 0), EPS);
        assertEquals(List.of("synflow"), book.explain(3, 0).pieces().stream().map(FusedScore.Piece::source).toList());
    }

    @Test
    void aPromotedTrialVotesWithItsWholeLineageAndOnlyUpToTheTierAsked() {
        EvidenceBook book = new EvidenceBook(fusion(Fusion.Weights.PIECE, "synflow", "hp12"), LADDER);
        book.scored(1, -1, "synflow", 9, Map.of());
        book.scored(2, -1, "synflow", 1, Map.of());
        book.scored(3, 1, "hp12", 60, Map.of()); // trial 3 is candidate 1 at tier 1
        book.scored(4, 2, "hp12", 80, Map.of());
        assertEquals((1.0 + 0.0) / 2, book.fused(3, 1), EPS);
        assertEquals((0.0 + 1.0) / 2, book.fused(4, 1), EPS);
        assertEquals(1.0, book.fused(1, 0), EPS, "at tier 0 only the bottom tier's evidence counts");
        assertEquals(book.fused(3, 1), book.fused(1, 1), EPS, "every trial of a lineage is the same candidate");
    }

    @Test
    void tierWeightsGiveEachTierOneVoteAndPieceWeightsGiveEachPieceOne() {
        // candidate A: best by both zero-cost scores, worst trained; B the reverse
        Fusion.Weights[] weights = {Fusion.Weights.TIER, Fusion.Weights.PIECE};
        double[] expectedA = {(1.0 + 0.0) / 2, (1.0 + 1.0 + 0.0) / 3};
        for (int w = 0; w < 2; w++) {
            EvidenceBook book = new EvidenceBook(fusion(weights[w], "synflow", "naswot", "hp12"), LADDER);
            book.scored(1, -1, "synflow", 9, Map.of("naswot", 900.0));
            book.scored(2, -1, "synflow", 1, Map.of("naswot", 100.0));
            book.scored(3, 1, "hp12", 60, Map.of("naswot", 1.0)); // a later trial's metric does not replace the first
            book.scored(4, 2, "hp12", 80, Map.of());
            assertEquals(expectedA[w], book.fused(3, 1), EPS, weights[w].name());
            assertEquals(1 - expectedA[w], book.fused(4, 1), EPS, weights[w].name());
        }
    }

    @Test
    void lowerIsBetterEvidenceIsFlippedButReportedAsMeasured() {
        Fusion f = new Fusion(List.of("eproxy"), Fusion.Weights.TIER, -1, false, false, Set.of("eproxy"));
        EvidenceBook book = new EvidenceBook(f, LADDER);
        book.scored(1, -1, "synflow", 0, Map.of("eproxy", 0.2));
        book.scored(2, -1, "synflow", 0, Map.of("eproxy", 0.9));
        FusedScore best = book.explain(1, 0);
        assertEquals(1.0, best.score(), EPS);
        assertEquals(0.2, best.pieces().get(0).value(), EPS);
        assertEquals(2, best.pieces().get(0).seen());
        assertTrue(best.describe().contains("eproxy 0.200000 (percentile 1.000 of 2)"), best.describe());
    }

    @Test
    void withoutFusionNothingIsKept() {
        EvidenceBook book = new EvidenceBook(Fusion.OFF, LADDER);
        book.scored(1, -1, "synflow", 3, Map.of());
        assertTrue(Double.isNaN(book.fused(1, 0)));
        assertEquals(0, book.version());
    }

    @Test
    void fusionSettingsRefuseWhatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> new Fusion(List.of(), Fusion.Weights.TIER, 1, false, false, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new Fusion(List.of("a", "a"), Fusion.Weights.TIER, -1, true, false,
                Set.of()));
        assertEquals(List.of("naswot"), new Fusion(List.of("synflow", "naswot", "hp12"), Fusion.Weights.TIER, -1, false, false,
                Set.of()).extraScores(LADDER));
    }
}
