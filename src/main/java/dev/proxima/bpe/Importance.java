package dev.proxima.bpe;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.StatUtils;

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
    static final int PERMUTATIONS = 10;

    /**
     * The importance of each active parameter.
     *
     * @param anchor gives the levels of the parameters that are no longer active (pruned)
     * @param evaluated the settings the forest was fitted to, for the permutation check
     */
    public static List<Importance> of(Forest forest, BpeSpace space, BpeSetting anchor, List<Integer> active,
            List<SettingResult> evaluated, long seed) {
        List<BpeSetting> grid = space.grid(anchor, active, seed);
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

    /** Population variance, NaN entries (a level no grid point has) skipped. */
    static double variance(double[] x) {
        double[] present = java.util.Arrays.stream(x).filter(v -> !Double.isNaN(v)).toArray();
        return present.length == 0 ? 0 : StatUtils.populationVariance(present);
    }
}
