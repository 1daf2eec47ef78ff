package dev.proxima.space;

import java.util.random.RandomGenerator;

/**
 * A space of candidate architectures: parsing, uniform sampling and mutation.
 * Implementations are stateless; all randomness comes from the caller's generator.
 */
public interface SearchSpace {

    /** The space's name as used in config and in {@link Architecture#space()}. */
    String name();

    /**
     * Reads an architecture from the space's encoding.
     *
     * @throws IllegalArgumentException with a one-line message naming what is wrong
     */
    Architecture parse(String encoding);

    /** Draws an architecture uniformly at random from the space. */
    Architecture sample(RandomGenerator rng);

    /** Returns a child that differs from {@code parent} by one elementary change. */
    Architecture mutate(Architecture parent, RandomGenerator rng);

    /** Number of architectures in the space (encodings, not isomorphism classes). */
    long size();
}
