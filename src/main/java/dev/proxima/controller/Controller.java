package dev.proxima.controller;

import dev.proxima.space.Architecture;
import java.util.random.RandomGenerator;

/**
 * A search strategy in ask-and-tell form. A controller keeps no random state of its own: every
 * proposal gets a generator seeded from (search seed, proposal number), so its state is a pure
 * function of what it was told, and replaying a search's events rebuilds it exactly.
 *
 * <p>With a proxy ladder, new candidates enter at the bottom tier; a flat strategy (random,
 * evolution, REINFORCE) learns only from results at the top tier, the one the search answers with.
 * A tier-aware strategy (EcoNAS's hierarchical evolution) overrides {@link #observe(Observation)}.
 */
public interface Controller {

    /** Proposes the next candidate to evaluate. */
    Architecture propose(RandomGenerator rng);

    /** Learns from a top-tier result. Called once per trial that produced a score, in event order. */
    void observe(Architecture architecture, double score);

    /** A trial produced a score at some tier. By default only top-tier scores reach {@link #observe(Architecture, double)}. */
    default void observe(Observation observation) {
        if (observation.topTier()) {
            observe(observation.architecture(), observation.score());
        }
    }

    /** A trial was created: a new candidate (tier 0) or a promotion ({@code promotedFrom} >= 0). Called in event order. */
    default void issued(long trialId, Architecture architecture, int tier, long promotedFrom) {}

    /**
     * A scored trial.
     *
     * @param tier the ladder tier it was scored at
     * @param topTier true when that tier is the ladder's highest
     * @param reused true when the score is an isomorphic trial's, reused at no cost
     */
    record Observation(long trialId, Architecture architecture, int tier, boolean topTier, double score, boolean reused) {}
}
