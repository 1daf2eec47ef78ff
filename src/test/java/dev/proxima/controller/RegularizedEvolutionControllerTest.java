package dev.proxima.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.space.Architecture;
import dev.proxima.testing.NamedSpace;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RegularizedEvolutionControllerTest {
    private final NamedSpace space = new NamedSpace();
    private final SplittableRandom rng = new SplittableRandom(5);

    private static Architecture named(String name) {
        return new NamedSpace.Named(name);
    }

    @Test
    void proposesRandomCandidatesUntilThePopulationIsFull() {
        RegularizedEvolutionController rea = new RegularizedEvolutionController(space, 3, 2);
        rea.observe(named("p1"), 1);
        rea.observe(named("p2"), 2);
        assertTrue(rea.propose(rng).encode().startsWith("r"));
        rea.observe(named("p3"), 3);
        assertTrue(rea.propose(rng).encode().endsWith("'"), "a mutated child once the population is full");
    }

    @Test
    void theTournamentWinnerIsTheBestOfTheSample() {
        // with a sample of 40 drawn from 3 members, the best member is in the sample almost surely
        RegularizedEvolutionController rea = new RegularizedEvolutionController(space, 3, 40);
        rea.observe(named("low"), 10);
        rea.observe(named("high"), 90);
        rea.observe(named("mid"), 50);
        for (int i = 0; i < 50; i++) {
            assertEquals("high'", rea.propose(rng).encode());
        }
    }

    @Test
    void agingEvictsTheOldestMemberHoweverGoodItIs() {
        RegularizedEvolutionController rea = new RegularizedEvolutionController(space, 2, 40);
        rea.observe(named("old-champion"), 99);
        rea.observe(named("a"), 10);
        rea.observe(named("b"), 20);
        assertEquals(2, rea.populationCount());
        for (int i = 0; i < 50; i++) {
            assertEquals("b'", rea.propose(rng).encode());
        }
    }

    @Test
    void rejectsAnEmptyPopulationOrSample() {
        assertThrows(IllegalArgumentException.class, () -> new RegularizedEvolutionController(space, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> new RegularizedEvolutionController(space, 10, 0));
    }
}
