package dev.proxima.controller;

import dev.proxima.space.Architecture;
import dev.proxima.space.SearchSpace;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Regularized (aging) evolution, Real et al. 2019 (https://arxiv.org/abs/1802.01548), as in
 * NAS-Bench-201's {@code R_EA.py}: until {@code populationSize} results are in, proposals are
 * random; after that a tournament of {@code sampleSize} members drawn with replacement picks the
 * best-scoring parent, its child is a single mutation, and each new result evicts the oldest member.
 * With several workers, proposals made before the population is full are random too.
 */
public final class RegularizedEvolutionController implements Controller {
    private final SearchSpace space;
    private final int populationSize;
    private final int sampleSize;
    private final ArrayDeque<Member> population = new ArrayDeque<>();

    private record Member(Architecture architecture, double score) {}

    public RegularizedEvolutionController(SearchSpace space, int populationSize, int sampleSize) {
        if (populationSize < 1 || sampleSize < 1) {
            throw new IllegalArgumentException("evolution needs population-size and sample-size >= 1, got "
                    + populationSize + " and " + sampleSize);
        }
        this.space = space;
        this.populationSize = populationSize;
        this.sampleSize = sampleSize;
    }

    @Override
    public Architecture propose(RandomGenerator rng) {
        if (population.size() < populationSize) {
            return space.sample(rng);
        }
        List<Member> members = new ArrayList<>(population);
        Member parent = null;
        for (int i = 0; i < sampleSize; i++) {
            Member candidate = members.get(rng.nextInt(members.size()));
            if (parent == null || candidate.score() > parent.score()) {
                parent = candidate;
            }
        }
        return space.mutate(parent.architecture(), rng);
    }

    @Override
    public void observe(Architecture architecture, double score) {
        population.addLast(new Member(architecture, score));
        if (population.size() > populationSize) {
            population.removeFirst();
        }
    }

    /** Current population size (at most {@code populationSize}). */
    public int populationCount() {
        return population.size();
    }
}
