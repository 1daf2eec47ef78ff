package dev.proxima.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.space.Architecture;
import dev.proxima.space.nb201.Nb201Space;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReinforceControllerTest {
    private final Nb201Space space = new Nb201Space();

    @Test
    void startsUniformAndLearnsToPreferTheRewardedOperations() {
        ReinforceController rl = new ReinforceController(space, 0.01, 0.9);
        assertEquals(0.2, rl.probabilities(0)[3], 1e-12);
        Architecture good = space.fromChoices(new int[] {3, 3, 3, 3, 3, 3});
        Architecture bad = space.fromChoices(new int[] {0, 0, 0, 0, 0, 0});
        for (int i = 0; i < 200; i++) {
            rl.observe(good, 90);
            rl.observe(bad, 10);
        }
        for (int d = 0; d < 6; d++) {
            double[] p = rl.probabilities(d);
            assertTrue(p[3] > 0.5 && p[0] < 0.05, "decision " + d + ": p(conv3x3)=" + p[3] + ", p(none)=" + p[0]);
        }
        SplittableRandom rng = new SplittableRandom(7);
        int conv = 0;
        for (int i = 0; i < 100; i++) {
            conv += space.choicesOf(rl.propose(rng))[0] == 3 ? 1 : 0;
        }
        assertTrue(conv > 50, "proposals follow the policy: " + conv + "/100 picked conv3x3 on edge 0");
    }

    @Test
    void aConstantRewardTeachesNothingOnceTheBaselineHasCaughtUp() {
        ReinforceController rl = new ReinforceController(space, 0.01, 0.9);
        Architecture any = space.fromChoices(new int[] {1, 2, 3, 4, 0, 1});
        for (int i = 0; i < 50; i++) {
            rl.observe(any, 70); // the bias-corrected baseline equals 70 from the first step: zero advantage
        }
        assertEquals(0.2, rl.probabilities(2)[3], 1e-6, "only rounding noise moves it");
    }
}
