package dev.proxima.controller;

import dev.proxima.space.Architecture;
import java.util.random.RandomGenerator;

/**
 * A search strategy in ask-and-tell form. A controller keeps no random state of its own: every
 * proposal gets a generator seeded from (search seed, proposal number), so its state is a pure
 * function of the observations it was told, and replaying a search's events rebuilds it exactly.
 */
public interface Controller {

    /** Proposes the next candidate to evaluate. */
    Architecture propose(RandomGenerator rng);

    /** Learns from a finished trial. Called once per trial that produced a score, in event order. */
    void observe(Architecture architecture, double score);
}
