package dev.proxima.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.controller.Controller.Observation;
import dev.proxima.space.Architecture;
import dev.proxima.testing.NamedSpace;
import dev.proxima.testing.ScriptedTiers;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EcoNasControllerTest {
    private final NamedSpace space = new NamedSpace();
    private final ScriptedTiers unused = new ScriptedTiers(2);
    private long nextId = 1;

    /** Two tiers; per round 4 children (2 bred from each tier) and 1 promotion; aging 2 rounds. */
    private EcoNasController small() {
        return new EcoNasController(space, 2, 4, new int[] {1}, new int[] {2, 2}, 2);
    }

    private long issueChild(EcoNasController c, SplittableRandom rng) {
        Architecture a = c.propose(rng);
        long id = nextId++;
        c.issued(id, a, 0, -1);
        return id;
    }

    @Test
    void theFirstRoundIsRandomAndPromotesNothingThenTheBestAliveTrialMovesUpFirst() {
        EcoNasController c = small();
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 4; i++) {
            assertTrue(c.nextPromotion(unused).isEmpty(), "round 0 owes no promotion");
            long id = issueChild(c, rng);
            c.observe(new Observation(id, space.parse("r" + id), 0, false, 10.0 * id, false));
        }
        assertEquals(1, c.round(), "round 0 ends with its 4th child");
        assertEquals(4, c.nextPromotion(unused).orElseThrow(), "best tier-0 score (40) is promoted first");
        c.issued(nextId++, space.parse("r4"), 1, 4);
        assertTrue(c.nextPromotion(unused).isEmpty(), "round 1 owes only one promotion");
        Architecture child = c.propose(rng);
        assertTrue(child.encode().endsWith("'"), "round 1 breeds children by mutation: " + child.encode());
    }

    @Test
    void agedTrialsAreNeitherPromotedNorParents() {
        EcoNasController c = small();
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < 4; i++) {
            long id = issueChild(c, rng);
            c.observe(new Observation(id, space.parse("r" + id), 0, false, id, false));
        }
        // rounds 1 and 2 pass without results: the round-0 trials age out (aging = 2 rounds)
        for (int i = 0; i < 8; i++) {
            if (c.nextPromotion(unused).isPresent()) {
                long from = c.nextPromotion(unused).getAsLong();
                c.issued(nextId++, space.parse("r" + from), 1, from);
            }
            issueChild(c, rng);
        }
        assertTrue(c.round() >= 2);
        assertTrue(c.nextPromotion(unused).isEmpty(), "round-0 trials are dead by round " + c.round());
        assertTrue(!c.propose(rng).encode().endsWith("'"), "no living parent: a random candidate, not a child");
    }

    @Test
    void aReusedChildIsNotOneOfTheRoundsChildrenAndAClassEntersATierOnce() {
        EcoNasController c = small();
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 3; i++) {
            long id = issueChild(c, rng);
            c.observe(new Observation(id, space.parse("r" + id), 0, false, 10.0 * id, false));
        }
        long duplicate = issueChild(c, rng);
        c.observe(new Observation(duplicate, space.parse("r3"), 0, false, 30.0, true));
        assertEquals(0, c.round(), "a reused duplicate bought nothing: round 0 still owes a child");
        long fourth = issueChild(c, rng);
        c.observe(new Observation(fourth, space.parse("r3"), 0, false, 99.0, false));
        assertEquals(1, c.round());
        assertEquals(3, c.nextPromotion(unused).orElseThrow(),
                "the re-evaluated duplicate of r3 (99) does not enter tier 0 again; r3 itself (30) is the best");
    }

    @Test
    void quotasMustMatchTheLadder() {
        assertThrows(IllegalArgumentException.class, () -> new EcoNasController(space, 3, 16, new int[] {8}, new int[] {6, 5, 5}, 10));
        assertThrows(IllegalArgumentException.class, () -> new EcoNasController(space, 3, 16, new int[] {8, 4}, new int[] {6, 5, 4}, 10));
        EcoNasController paper = EcoNasController.paperDefaults(space, 2);
        assertTrue(paper.describe().contains("children=32") && paper.describe().contains("[16, 8]"), paper.describe());
    }
}
