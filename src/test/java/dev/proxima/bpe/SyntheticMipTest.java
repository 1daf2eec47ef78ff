package dev.proxima.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.TrainingRecipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The synthetic check: the objective depends on 2 of 6 hyper-parameters (learning rate and
 * resolution, best at a middle value and at the top), with a little noise; MIP must prune the 4
 * others first and return the true best setting (the two at their best, the rest at their cheapest).
 * {@code mvn test -Dtest=SyntheticMipTest} prints the counts for both pruning rules.
 */
class SyntheticMipTest {
    static final BpeSpace SPACE = new BpeSpace(List.of(
            new BpeSpace.Dimension(BpeParameter.EPOCHS, List.of(1.0, 2.0, 4.0)),
            new BpeSpace.Dimension(BpeParameter.BATCH_SIZE, List.of(64.0, 128.0, 256.0)),
            new BpeSpace.Dimension(BpeParameter.LEARNING_RATE, List.of(0.025, 0.05, 0.1, 0.2)),
            new BpeSpace.Dimension(BpeParameter.INITIAL_CHANNELS, List.of(4.0, 8.0, 16.0)),
            new BpeSpace.Dimension(BpeParameter.RESOLUTION, List.of(8.0, 16.0, 24.0, 32.0)),
            new BpeSpace.Dimension(BpeParameter.DATA_FRACTION, List.of(0.1, 0.25, 0.5))),
            new Fidelity("base", 2, TrainingRecipe.NAS_BENCH_201), 32);
    static final int LR = 2;
    static final int RES = 4;
    static final Set<Integer> IRRELEVANT = Set.of(0, 1, 3, 5);
    /** Learning rate best at 0.05 (level 1), resolution best at 32 px (level 3). */
    static final double[] LR_EFFECT = {0.05, 0.25, 0.15, 0.0};
    static final double[] RES_EFFECT = {0.0, 0.08, 0.14, 0.2};

    static double objective(BpeSetting s) {
        double noise = new SplittableRandom(s.hashCode()).nextDouble(-0.005, 0.005);
        return 0.3 + LR_EFFECT[s.level(LR)] + RES_EFFECT[s.level(RES)] + noise;
    }

    /** Device-seconds per architecture from the first-guess exponents, so cheapness is realistic. */
    static double cost(BpeSetting s) {
        double c = 0.001;
        for (int d = 0; d < SPACE.size(); d++) {
            c *= Math.pow(SPACE.value(s, d), SPACE.dimension(d).parameter().costExponent());
        }
        return c;
    }

    static final SettingEvaluator EVALUATOR = settings -> settings.stream()
            .map(s -> new SettingResult(s, objective(s), Double.NaN, cost(s), 10)).toList();

    static MipResult run(long seed, MipSettings.PruneTo pruneTo) {
        MipSettings settings = new MipSettings(12, 4, 0, 0, pruneTo, 0.02, 100, seed);
        return new Mip(SPACE, settings, s -> true).run(EVALUATOR, r -> { });
    }

    /** Seeds 1 to 10: in how many the four irrelevant parameters were pruned first, and the true best was the answer. */
    static int[] tenSeeds(MipSettings.PruneTo pruneTo) {
        BpeSetting trueBest = SPACE.minCost().with(LR, 1).with(RES, 3);
        int irrelevantFirst = 0;
        int foundBest = 0;
        for (long seed = 1; seed <= 10; seed++) {
            MipResult result = run(seed, pruneTo);
            List<Integer> pruned = new ArrayList<>();
            result.rounds().stream().filter(r -> r.pruned() >= 0).forEach(r -> pruned.add(r.pruned()));
            assertEquals(5, pruned.size(), "seed " + seed + ": one parameter is left for the final grid");
            if (Set.copyOf(pruned.subList(0, 4)).equals(IRRELEVANT)) {
                irrelevantFirst++;
            }
            if (result.best().orElseThrow().setting().equals(trueBest)) {
                foundBest++;
            }
            assertTrue(result.rounds().get(result.rounds().size() - 1).finalGrid());
        }
        System.out.printf("synthetic MIP, prune to %s: the 4 irrelevant parameters pruned first in %d of 10 seeds, the true "
                + "best found in %d%n", pruneTo.key(), irrelevantFirst, foundBest);
        return new int[] {irrelevantFirst, foundBest};
    }

    @Test
    void prunesTheFourIrrelevantParametersFirstAndFindsTheTrueBest() {
        int[] counts = tenSeeds(MipSettings.PruneTo.MIN_COST);
        assertTrue(counts[0] >= 9, "the irrelevant four went first in " + counts[0] + " of 10 seeds");
        assertTrue(counts[1] >= 9, "the true best was found in " + counts[1] + " of 10 seeds");
    }

    @Test
    void fixingPrunedParametersAtTheirBestValuesFindsItToo() {
        int[] counts = tenSeeds(MipSettings.PruneTo.CHEAPEST_NEAR_BEST);
        assertTrue(counts[0] >= 9, "pruning order does not depend on where pruned values go: " + counts[0]);
        assertTrue(counts[1] >= 8, "cheapest-near-best found the true best in " + counts[1] + " of 10 seeds");
    }

    @Test
    void theFanovaOfAnIrrelevantParameterIsNearZeroAndOfARelevantOneLarge() {
        MipResult result = run(3, MipSettings.PruneTo.MIN_COST);
        List<Importance> first = result.rounds().get(0).importance();
        double lr = first.stream().filter(i -> i.dimension() == LR).findFirst().orElseThrow().fanova();
        double epochs = first.stream().filter(i -> i.dimension() == 0).findFirst().orElseThrow().fanova();
        assertTrue(lr > 0.2, "learning rate's share " + lr);
        assertTrue(epochs < 0.05, "epochs' share " + epochs);
        double lrPermutation = first.stream().filter(i -> i.dimension() == LR).findFirst().orElseThrow().permutation();
        double epochsPermutation = first.stream().filter(i -> i.dimension() == 0).findFirst().orElseThrow().permutation();
        assertTrue(lrPermutation > epochsPermutation, "permutation importance agrees: " + lrPermutation + " vs "
                + epochsPermutation);
    }

    @Test
    void thePapersRuleFixesAPrunedRelevantParameterAtItsCheapestValue() {
        MipResult result = run(1, MipSettings.PruneTo.MIN_COST);
        MipRound fifth = result.rounds().stream().filter(r -> r.pruned() >= 0).toList().get(4);
        assertEquals(SPACE.minCostLevel(fifth.pruned()), fifth.prunedLevel());
    }

    @Test
    void aBudgetPerArchitectureKeepsTheAnswerWithinIt() {
        BpeSetting trueBest = SPACE.minCost().with(LR, 1).with(RES, 3);
        double tight = cost(trueBest) * 0.9; // the best is just out of reach
        MipSettings settings = new MipSettings(12, 4, tight, 0, MipSettings.PruneTo.MIN_COST, 0.02, 100, 2);
        MipResult result = new Mip(SPACE, settings, s -> true).run(EVALUATOR, r -> { });
        SettingResult best = result.best().orElseThrow();
        assertTrue(best.secondsPerArchitecture() <= tight, best + " costs more than " + tight);
        assertTrue(best.setting().level(RES) < 3, "32 px is over the budget: " + SPACE.describe(best.setting()));
    }

    @Test
    void aTotalBudgetEndsTheSearchEarly() {
        double oneRound = 12 * 10 * cost(SPACE.minCost()) * 3;
        MipSettings settings = new MipSettings(12, 4, 0, oneRound, MipSettings.PruneTo.MIN_COST, 0.02, 50, 2);
        MipResult result = new Mip(SPACE, settings, s -> true).run(EVALUATOR, r -> { });
        assertEquals("total budget spent", result.stopped());
        assertTrue(result.deviceSeconds() <= oneRound * 1.5, result.deviceSeconds() + " device-seconds for a budget of " + oneRound);
    }
}
