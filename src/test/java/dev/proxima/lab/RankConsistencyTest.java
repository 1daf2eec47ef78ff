package dev.proxima.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RankConsistencyTest {

    @Test
    void oneSwappedPairGivesTheTextbookValues() {
        // ranks 1 2 3 4 against 1 3 2 4: sum d^2 = 2, so rho = 1 - 6*2/(4*15) = 0.8; 5 concordant, 1 discordant pair
        RankConsistency r = RankConsistency.of(new double[] {1, 2, 3, 4}, true, new double[] {10, 30, 20, 40}, 25);
        assertEquals(4, r.n());
        assertEquals(0.8, r.spearman(), 1e-12);
        assertEquals(4.0 / 6, r.kendall(), 1e-12);
        assertEquals(1.0, r.topKRecall(), "the best by truth is the best by proxy");
    }

    @Test
    void aLowerIsBetterProxyIsNegatedSoAGoodProxyComesOutPositive() {
        double[] loss = {0.9, 0.5, 0.1};
        double[] accuracy = {60, 70, 90};
        RankConsistency r = RankConsistency.of(loss, false, accuracy, 100);
        assertEquals(1.0, r.spearman(), 1e-12);
        assertEquals(1.0, r.kendall(), 1e-12);
    }

    @Test
    void nanPairsAreLeftOutAndMinusInfinityRanksLast() {
        double[] proxy = {Double.NEGATIVE_INFINITY, 2, Double.NaN, 3, 4};
        double[] truth = {1, 2, 100, 3, 4};
        RankConsistency r = RankConsistency.of(proxy, true, truth, 50);
        assertEquals(4, r.n());
        assertEquals(1.0, r.spearman(), 1e-12);
    }

    @Test
    void topKRecallCountsTheTruthsBestThatTheProxyAlsoPutsFirst() {
        double[] truth = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] proxy = {10, 9, 3, 4, 5, 6, 7, 8, 1, 2}; // the true best two (indices 8, 9) ranked last
        RankConsistency r = RankConsistency.of(proxy, true, truth, 20);
        assertEquals(0.0, r.topKRecall());
        RankConsistency half = RankConsistency.of(proxy, true, truth, 50);
        assertEquals(3 / 5.0, half.topKRecall(), 1e-12, "indices 5, 6, 7 of the true 5..9 are in the proxy's top half");
    }

    @Test
    void mismatchedLengthsAndABadPercentageAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RankConsistency.of(new double[3], true, new double[4], 10));
        assertThrows(IllegalArgumentException.class, () -> RankConsistency.of(new double[3], true, new double[3], 0));
    }
}
