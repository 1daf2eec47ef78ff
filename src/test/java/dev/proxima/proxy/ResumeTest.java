package dev.proxima.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResumeTest {
    private static final TrainingRecipe RECIPE = TrainingRecipe.NAS_BENCH_201;
    /** zero-cost -> 20 of a 60-epoch schedule -> 40 of it -> 12 of another schedule. */
    private static final ProxyLadder LADDER = new ProxyLadder(List.of(new Fidelity("zc", 0, RECIPE),
            new Fidelity("e20", 20, 60, RECIPE), new Fidelity("e40", 40, 60, RECIPE), new Fidelity("hp12", 12, RECIPE)));

    @Test
    void onlyAPromotionAlongOneScheduleResumes() {
        assertEquals(new Resume(7, 20), LADDER.resumeOf(2, 7), "e20 -> e40 continues at epoch 20");
        assertEquals(Resume.NONE, LADDER.resumeOf(2, -1), "a new candidate starts from scratch");
        assertEquals(Resume.NONE, LADDER.resumeOf(1, 7), "a zero-cost tier leaves nothing to resume");
        assertEquals(Resume.NONE, LADDER.resumeOf(3, 7), "another schedule starts from scratch");
    }

    @Test
    void anIncompleteResumeReadsAsFromScratch() {
        assertFalse(new Resume(7, 0).isResuming());
        assertEquals(Resume.NONE, new Resume(-1, 20));
        assertTrue(new Resume(7, 1).isResuming());
    }
}
