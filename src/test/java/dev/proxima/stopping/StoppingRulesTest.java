package dev.proxima.stopping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.testing.ScriptedTiers;
import dev.proxima.testing.ScriptedTiers.Trial;
import org.junit.jupiter.api.Test;

class StoppingRulesTest {

    /** Four finished curves of 9 epochs: final accuracies 60, 70, 80, 90, each rising by 1 per epoch. */
    private static ScriptedTiers fourFinishedTrials() {
        ScriptedTiers tiers = new ScriptedTiers(1);
        for (int end : new int[] {60, 70, 80, 90}) {
            double[] curve = new double[9];
            for (int e = 0; e < 9; e++) {
                curve[e] = end - 8 + e;
            }
            tiers.add(0).curve(curve).scored(end);
        }
        return tiers;
    }

    @Test
    void ashaStopsATrialBelowTheTopThirdAtARungAndOnlyAtRungs() {
        AshaStoppingRule asha = new AshaStoppingRule(3, 1); // rungs at epochs 1, 3, 9
        ScriptedTiers tiers = fourFinishedTrials();
        Trial low = tiers.add(0).curve(50);
        Decision atRung1 = asha.onProgress(low, tiers);
        assertTrue(atRung1.stop());
        assertEquals("asha", atRung1.rule());
        assertTrue(atRung1.reason().contains("rung 1 epochs"), atRung1.reason());

        Trial good = tiers.add(0).curve(85);
        assertFalse(asha.onProgress(good, tiers).stop(), "at the top third at rung 1");
        good.curve(20);
        assertFalse(asha.onProgress(good, tiers).stop(), "epoch 2 is no rung");
        good.curve(20);
        assertTrue(asha.onProgress(good, tiers).stop(), "epoch 3 is a rung, and 20 is far below the others' 54..84");
    }

    @Test
    void ashaComparesOnlyWithinTheTrialsTier() {
        AshaStoppingRule asha = new AshaStoppingRule(3, 1);
        ScriptedTiers tiers = new ScriptedTiers(2);
        tiers.add(0).curve(90).scored(90);
        Trial alone = tiers.add(1).curve(10);
        assertFalse(asha.onProgress(alone, tiers).stop(), "nobody else at tier 1");
    }

    @Test
    void medianStopsWhenTheBestSoFarIsBelowTheMedianRunningMean() {
        MedianStoppingRule median = new MedianStoppingRule(2, 3);
        ScriptedTiers tiers = fourFinishedTrials(); // running means at epoch 3: 53, 63, 73, 83 -> median 68
        Trial t = tiers.add(0).curve(40);
        assertFalse(median.onProgress(t, tiers).stop(), "inside the grace period");
        t.curve(66, 67);
        Decision d = median.onProgress(t, tiers);
        assertTrue(d.stop());
        assertTrue(d.reason().contains("best 67.00") && d.reason().contains("median running mean 68.00"), d.reason());

        Trial better = tiers.add(0).curve(40, 50, 69);
        assertFalse(median.onProgress(better, tiers).stop(), "69 beats the median 68");
        assertFalse(new MedianStoppingRule(2, 10).onProgress(t, tiers).stop(), "too few trials reached epoch 3");
    }

    @Test
    void tierQuantileStopsBelowTheQuantileOfScoresAtTheSameEpoch() {
        TierQuantileRule rule = new TierQuantileRule(0.75, 1, 3);
        ScriptedTiers tiers = fourFinishedTrials(); // epoch 2 scores: 53, 63, 73, 83 -> 0.75-quantile 75.5
        Trial t = tiers.add(0).curve(70, 75);
        Decision d = rule.onProgress(t, tiers);
        assertTrue(d.stop());
        assertEquals("tier-quantile", d.rule());
        assertFalse(rule.onProgress(tiers.add(0).curve(70, 76), tiers).stop());
    }

    @Test
    void ashaPromotionTakesTheBestUnpromotedOfTheTopFractionHighestTierFirst() {
        AshaPromotion asha = new AshaPromotion(3);
        ScriptedTiers tiers = new ScriptedTiers(3);
        Trial[] bottom = new Trial[5];
        for (int i = 0; i < 5; i++) {
            bottom[i] = tiers.add(0).scored(10 * (i + 1));
        }
        assertEquals(bottom[4].trialId(), asha.nextPromotion(tiers).orElseThrow(), "top floor(5/3) = 1 of 5");
        bottom[4].promoted();
        assertTrue(asha.nextPromotion(tiers).isEmpty(), "the only slot of the top third is used");
        tiers.add(0).scored(1);
        assertEquals(bottom[3].trialId(), asha.nextPromotion(tiers).orElseThrow(), "6 scored: 2 slots");
        Trial[] middle = {tiers.add(1).scored(70), tiers.add(1).scored(80), tiers.add(1).scored(75)};
        assertEquals(middle[1].trialId(), asha.nextPromotion(tiers).orElseThrow(), "tier 1 before tier 0");
        assertThrows(IllegalArgumentException.class, () -> new AshaPromotion(1));
    }
}
