package dev.proxima.lab;

import dev.proxima.zerocost.EproxySettings;
import dev.proxima.zerocost.EproxySettings.Branch;
import dev.proxima.zerocost.EproxySettings.Init;
import dev.proxima.zerocost.EproxySettings.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Discrete Proxy Search (Eproxy paper, GenNAS-Zero's {@code Explorer}): aging evolution over Eproxy
 * settings. The first {@code population} settings are random; each later one mutates the fittest of
 * {@code tournament} settings drawn without replacement from the {@code population} most recently
 * evaluated. Fitness is supplied by the caller (the sign-corrected Spearman of the setting's scores on
 * a handful of benchmarked architectures); NaN counts as -1 everywhere.
 *
 * @param evaluations settings evaluated in all (paper: 200)
 * @param population random settings first, and the window the tournament draws from (paper: 40)
 * @param tournament settings per tournament (paper: 10)
 * @param mutationRate chance that each variable is redrawn, or each target bit flipped (paper: 0.2)
 * @param targetRate chance that each target family is on in a random setting (paper: 0.2)
 * @param channels the head and target channel counts searched (paper: 16 to 512; fewer keep a CPU run short,
 *     since a 512-channel 7x7 head costs more than the backbone)
 */
public record DiscreteProxySearch(int evaluations, int population, int tournament, double mutationRate,
        double targetRate, List<Integer> channels) {
    public static final DiscreteProxySearch PAPER = new DiscreteProxySearch(200, 40, 10, 0.2, 0.2, EproxySettings.CHANNELS);

    static final List<Double> LEARNING_RATES = steps(0.5, 1.5);
    static final List<Double> MACS_WEIGHTS = steps(-0.5, 0.5);
    static final List<Double> LEVELS = List.of(0.5, 1.0, 1.5, 2.0);
    static final int MAX_BRANCHES = 3;

    public DiscreteProxySearch {
        if (evaluations < 1 || population < 1 || tournament < 1 || tournament > population) {
            throw new IllegalArgumentException("DPS needs evaluations >= 1 and 1 <= tournament <= population, got "
                    + evaluations + " evaluations, population " + population + ", tournament " + tournament);
        }
        if (!(mutationRate >= 0 && mutationRate <= 1 && targetRate >= 0 && targetRate <= 1)) {
            throw new IllegalArgumentException("DPS rates must lie in [0, 1], got mutation " + mutationRate + ", target "
                    + targetRate);
        }
        channels = List.copyOf(channels);
        if (channels.isEmpty() || !EproxySettings.CHANNELS.containsAll(channels)) {
            throw new IllegalArgumentException("DPS channels must be some of " + EproxySettings.CHANNELS + ", got " + channels);
        }
    }

    /** One evaluated setting, in evaluation order. */
    public record Candidate(int index, EproxySettings settings, double fitness) {
        /** Fitness with NaN (an undefined correlation) as -1. */
        public double rank() {
            return Double.isNaN(fitness) ? -1 : fitness;
        }
    }

    /** Every candidate, and the fittest (the earliest among equals). */
    public record Result(List<Candidate> history, Candidate best) {}

    /**
     * Runs the search.
     *
     * @param fitness the setting's fitness; higher is better
     * @param progress sees each candidate as soon as it is evaluated
     */
    public Result run(ToDoubleFunction<EproxySettings> fitness, long seed, Consumer<Candidate> progress) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Genome> genomes = new ArrayList<>();
        List<Candidate> history = new ArrayList<>();
        Candidate best = null;
        for (int i = 0; i < evaluations; i++) {
            Genome g = i < population ? random(rng) : mutate(parent(genomes, history, rng), rng);
            Candidate c = new Candidate(i, g.settings(), fitness.applyAsDouble(g.settings()));
            genomes.add(g);
            history.add(c);
            if (best == null || c.rank() > best.rank()) {
                best = c;
            }
            progress.accept(c);
        }
        return new Result(List.copyOf(history), best);
    }

    /** The fittest of a tournament drawn without replacement from the most recent {@code population}. */
    private Genome parent(List<Genome> genomes, List<Candidate> history, SplittableRandom rng) {
        int from = history.size() - population;
        List<Integer> window = new ArrayList<>();
        for (int i = from; i < history.size(); i++) {
            window.add(i);
        }
        for (int i = 0; i < tournament; i++) { // partial Fisher-Yates: the first `tournament` are the draw
            int j = i + rng.nextInt(window.size() - i);
            window.set(j, window.set(i, window.get(j)));
        }
        int winner = window.subList(0, tournament).stream()
                .max(Comparator.comparingDouble((Integer k) -> history.get(k).rank()).thenComparing(k -> -k)).orElseThrow();
        return genomes.get(winner);
    }

    /**
     * A point of the search space: genes for all three branches, of which the first {@code branches}
     * are used (as the released code keeps them, so a mutation can bring a dormant branch back).
     */
    record Genome(double learningRate, double macsWeight, Init networkInit, Init barrierInit, int branches,
            List<BranchGenes> genes) {
        EproxySettings settings() {
            List<Branch> used = new ArrayList<>();
            for (BranchGenes b : genes.subList(0, branches)) {
                used.add(b.branch());
            }
            return new EproxySettings(learningRate, macsWeight, networkInit, barrierInit, used);
        }
    }

    record BranchGenes(Set<Target> targets, int headKernel, int barrierKernel, int headChannels, int targetChannels,
            double level) {
        Branch branch() {
            return new Branch(targets, headKernel, barrierKernel, headChannels, targetChannels, level);
        }
    }

    Genome random(SplittableRandom rng) {
        List<BranchGenes> genes = new ArrayList<>();
        for (int i = 0; i < MAX_BRANCHES; i++) {
            EnumSet<Target> targets = EnumSet.noneOf(Target.class);
            for (Target t : Target.values()) {
                if (rng.nextDouble() < targetRate) {
                    targets.add(t);
                }
            }
            genes.add(new BranchGenes(targets, pick(EproxySettings.KERNELS, rng), pick(EproxySettings.KERNELS, rng),
                    pick(channels, rng), pick(channels, rng), pick(LEVELS, rng)));
        }
        return new Genome(pick(LEARNING_RATES, rng), pick(MACS_WEIGHTS, rng), pick(Init.SEARCHED, rng),
                pick(Init.SEARCHED, rng), 1 + rng.nextInt(MAX_BRANCHES), genes);
    }

    /** Every variable redrawn (possibly to the same value) with {@code mutationRate}; every target bit flipped with it. */
    Genome mutate(Genome g, SplittableRandom rng) {
        List<BranchGenes> genes = new ArrayList<>();
        for (BranchGenes b : g.genes()) {
            EnumSet<Target> targets = b.targets().isEmpty() ? EnumSet.noneOf(Target.class) : EnumSet.copyOf(b.targets());
            for (Target t : Target.values()) {
                if (hit(rng)) {
                    if (!targets.remove(t)) {
                        targets.add(t);
                    }
                }
            }
            genes.add(new BranchGenes(targets, redraw(b.headKernel(), EproxySettings.KERNELS, rng),
                    redraw(b.barrierKernel(), EproxySettings.KERNELS, rng), redraw(b.headChannels(), channels, rng),
                    redraw(b.targetChannels(), channels, rng), redraw(b.level(), LEVELS, rng)));
        }
        return new Genome(redraw(g.learningRate(), LEARNING_RATES, rng), redraw(g.macsWeight(), MACS_WEIGHTS, rng),
                redraw(g.networkInit(), Init.SEARCHED, rng), redraw(g.barrierInit(), Init.SEARCHED, rng),
                hit(rng) ? 1 + rng.nextInt(MAX_BRANCHES) : g.branches(), genes);
    }

    private boolean hit(SplittableRandom rng) {
        return rng.nextDouble() < mutationRate;
    }

    private <T> T redraw(T current, List<T> domain, SplittableRandom rng) {
        return hit(rng) ? pick(domain, rng) : current;
    }

    private static <T> T pick(List<T> domain, SplittableRandom rng) {
        return domain.get(rng.nextInt(domain.size()));
    }

    /** 11 values from {@code from} to {@code to} in steps of a tenth, rounded so they print as written. */
    private static List<Double> steps(double from, double to) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            out.add(Math.round((from + i * (to - from) / 10) * 10) / 10.0);
        }
        return List.copyOf(out);
    }
}
