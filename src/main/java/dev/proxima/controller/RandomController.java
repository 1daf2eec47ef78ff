package dev.proxima.controller;

import dev.proxima.space.Architecture;
import dev.proxima.space.SearchSpace;
import java.util.random.RandomGenerator;

/** Random search: every proposal is drawn uniformly from the space, with replacement. */
public final class RandomController implements Controller {
    private final SearchSpace space;

    public RandomController(SearchSpace space) {
        this.space = space;
    }

    @Override
    public Architecture propose(RandomGenerator rng) {
        return space.sample(rng);
    }

    @Override
    public void observe(Architecture architecture, double score) {
        // random search learns nothing
    }
}
