package dev.proxima.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportanceTest {
    static final BpeSpace SPACE = BpeSpaceTest.SPACE;

    @Test
    void theGridHoldsEveryCombinationOfTheActiveParametersOnce() {
        BpeSetting anchor = SPACE.minCost();
        List<BpeSetting> grid = SPACE.grid(anchor, List.of(0, 2, 4), 1);
        assertEquals(3 * 3 * 2, grid.size());
        assertEquals(grid.size(), new HashSet<>(grid).size());
        assertTrue(grid.stream().allMatch(s -> s.level(1) == anchor.level(1) && s.level(3) == anchor.level(3)),
                "inactive parameters stay at the anchor's levels");
    }

    /**
     * An additive objective over the whole grid (epochs: 0, 0.1, 0.2; learning rate: 0, 0, 0.3;
     * nothing else): the main effects' shares are var(a) / (var(a) + var(b)) = 0.2 and 0.8.
     */
    @Test
    void fanovaSharesMatchTheMainEffectsOfAnAdditiveObjective() {
        double[] epochs = {0, 0.1, 0.2};
        double[] lr = {0, 0, 0.3};
        List<SettingResult> all = new ArrayList<>();
        for (BpeSetting s : SPACE.grid(SPACE.minCost(), List.of(0, 1, 2, 3, 4), 1)) {
            all.add(new SettingResult(s, 0.3 + epochs[s.level(0)] + lr[s.level(2)], Double.NaN, 1, 10));
        }
        Forest forest = Forest.fit(all, SPACE.size(), 50, 7);
        List<Importance> imp = Importance.of(forest, SPACE, SPACE.minCost(), List.of(0, 1, 2, 3, 4), all, 7);
        double varA = Importance.variance(epochs);
        double varB = Importance.variance(lr);
        assertEquals(varA / (varA + varB), imp.get(0).fanova(), 0.03);
        assertEquals(varB / (varA + varB), imp.get(2).fanova(), 0.03);
        assertEquals(0, imp.get(1).fanova(), 0.01);
        assertEquals(0.3, imp.get(2).marginal()[2] - imp.get(2).marginal()[0], 0.03, "the marginal shows the effect");
        assertTrue(imp.get(2).permutation() > imp.get(0).permutation() && imp.get(0).permutation() > imp.get(3).permutation(),
                "the permutation check orders them alike");
    }
}
