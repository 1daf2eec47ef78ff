package dev.proxima.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankVoteTest {
    @Test
    void meanPercentileOverVotersWithOrientationAndAbstentions() {
        double[] a = {1, 2, 3, 4, 5};
        double[] lowerBetter = {50, 40, 30, 20, 10}; // the same order as a once flipped
        double[] partial = {Double.NaN, 0, 0, 1, 1};
        double[] fused = RankVote.of(List.of(a, lowerBetter, partial), List.of(true, false, true));
        // partial: among four values, the two 0s share ranks 1-2 (percentile 1/6), the two 1s ranks 3-4 (5/6)
        double[] expected = {0.0, (0.25 + 0.25 + 1.0 / 6) / 3, (0.5 + 0.5 + 1.0 / 6) / 3, (0.75 + 0.75 + 5.0 / 6) / 3, (1.0 + 1.0 + 5.0 / 6) / 3};
        assertArrayEquals(expected, fused, 1e-12);
    }

    @Test
    void aCandidateNoVoterScoredHasNoFusedScore() {
        double[] fused = RankVote.of(List.of(new double[] {Double.NaN, 1, 2}), List.of(true));
        assertTrue(Double.isNaN(fused[0]));
    }

    @Test
    void votersMustScoreTheSameCandidates() {
        assertThrows(IllegalArgumentException.class, () -> RankVote.of(List.of(new double[2], new double[3]), List.of(true, true)));
        assertThrows(IllegalArgumentException.class, () -> RankVote.of(List.of(new double[2]), List.of()));
    }
}
