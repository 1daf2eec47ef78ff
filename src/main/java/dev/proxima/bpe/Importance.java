package dev.proxima.bpe;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How much one active parameter matters to the forest's objective over the current subspace.
 *
 * @param dimension the parameter's index in the space
 * @param fanova the variance of its marginal (the mean prediction at each of its values, every other
 *     active parameter averaged over its whole grid) over the variance of all predictions on that grid:
 *     fANOVA's main effect, computed exactly over the discrete grid
 * @param permutation the rise in the forest's mean squared error on the evaluated settings when this
 *     parameter's levels are shuffled among them (mean of {@link #PERMUTATIONS} shuffles): a cross-check
 * @param marginal the mean prediction at each level (value index) of the parameter
 */
public record Importance(int dimension, double fanova, double permutation, double[] marginal) {
    /** Grid points beyond which the marginals are estimated from this many uniform draws instead. */
    static final int MAX_GRID = 1 << 17;
    static final int PERMUTATIONS = 10;

    /**
     * The importance of each active parameter.
     *
     * @param anchor gives the levels of the parameters that are no longer active (pruned)
     * @param evaluated the settings the forest was fitted to, for the permutation check
     */
    public static List<Importance> of(Forest forest, BpeSpace space, BpeSetting anchor, List<Integer> active,
            List<SettingResult> evaluated, long seed) {
        List<BpeSetting> grid = grid(space, anchor, active, seed);
        double[] y = forest.predict(grid);
        double total = variance(y);
        double base = meanSquaredError(forest, evaluated, evaluated.stream().map(SettingResult::setting).toList());
        SplittableRandom rng = new SplittableRandom(seed);
        List<Importance> out = new ArrayList<>();
        for (int d : active) {
            int levels = space.dimension(d).size();
            double[] sum = new double[levels];
            int[] count = new int[levels];
            for (int i = 0; i < grid.size(); i++) {
                int level = grid.get(i).level(d);
                sum[level] += y[i];
                count[level]++;
            }
            double[] marginal = new double[levels];
            for (int l = 0; l < levels; l++) {
                marginal[l] = count[l] == 0 ? Double.NaN : sum[l] / count[l];
            }
            double fanova = total <= 0 ? 0 : variance(marginal) / total;
            out.add(new Importance(d, fanova, permuted(forest, evaluated, d, rng) - base, marginal));
        }
        return out;
    }

    /** Every combination of the active parameters' levels, the others as in {@code anchor} (or uniform draws of them). */
    static List<BpeSetting> grid(BpeSpace space, BpeSetting anchor, List<Integer> active, long seed) {
        long size = 1;
        for (int d : active) {
            size *= space.dimension(d).size();
        }
        List<BpeSetting> grid = new ArrayList<>();
        if (size > MAX_GRID) {
            SplittableRandom rng = new SplittableRandom(seed);
            for (int i = 0; i < MAX_GRID; i++) {
                BpeSetting s = anchor;
                for (int d : active) {
                    s = s.with(d, rng.nextInt(space.dimension(d).size()));
                }
                grid.add(s);
            }
            return grid;
        }
        for (long index = 0; index < size; index++) {
            BpeSetting s = anchor;
            long rest = index;
            for (int d : active) {
                int n = space.dimension(d).size();
                s = s.with(d, (int) (rest % n));
                rest /= n;
            }
            grid.add(s);
        }
        return grid;
    }

    private static double permuted(Forest forest, List<SettingResult> evaluated, int d, SplittableRandom rng) {
        double sum = 0;
        for (int r = 0; r < PERMUTATIONS; r++) {
            int[] order = new int[evaluated.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            List<BpeSetting> shuffled = new ArrayList<>();
            for (int i = 0; i < order.length; i++) {
                shuffled.add(evaluated.get(i).setting().with(d, evaluated.get(order[i]).setting().level(d)));
            }
            sum += meanSquaredError(forest, evaluated, shuffled);
        }
        return sum / PERMUTATIONS;
    }

    private static double meanSquaredError(Forest forest, List<SettingResult> evaluated, List<BpeSetting> inputs) {
        double[] p = forest.predict(inputs);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double e = p[i] - evaluated.get(i).objective();
            sum += e * e;
        }
        return sum / p.length;
    }

    /** Population variance, NaN entries skipped. */
    static double variance(double[] x) {
        double sum = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        if (n == 0) {
            return 0;
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        return ss / n;
    }
}
