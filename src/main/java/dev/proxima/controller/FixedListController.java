package dev.proxima.controller;

import dev.proxima.space.Architecture;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Proposes a given list of architectures, in order, then starts over. For studies that score one
 * fixed set under a setting (BPE's objective); the search's trial budget says how many are taken.
 * The position follows the trials issued, so a recovered search goes on where it stopped.
 */
public final class FixedListController implements Controller {
    private final List<Architecture> architectures;
    private int issued;

    public FixedListController(List<? extends Architecture> architectures) {
        if (architectures.isEmpty()) {
            throw new IllegalArgumentException("a fixed list of architectures needs at least one");
        }
        this.architectures = List.copyOf(architectures);
    }

    @Override
    public Architecture propose(RandomGenerator rng) {
        return architectures.get(issued % architectures.size());
    }

    @Override
    public void issued(long trialId, Architecture architecture, int tier, long promotedFrom) {
        if (promotedFrom < 0) {
            issued++;
        }
    }

    @Override
    public void observe(Architecture architecture, double score) {
        // the list does not depend on results
    }
}
