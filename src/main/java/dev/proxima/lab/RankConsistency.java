package dev.proxima.lab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Rank agreement of a proxy with ground truth over the same architectures: Spearman's rho,
 * Kendall's tau-b (Commons Math; both handle ties) and top-k recall (the share of the truly best
 * k% that the proxy also puts in its best k%). A lower-is-better proxy is negated first, so a good
 * proxy always comes out positive. Pairs where either value is NaN are left out; infinities rank
 * at the ends.
 *
 * @param n pairs compared
 * @param topKRecall share of the truth's top {@code topKPercent}% found in the proxy's top {@code topKPercent}%
 */
public record RankConsistency(int n, double spearman, double kendall, double topKPercent, double topKRecall) {

    public static RankConsistency of(double[] proxy, boolean higherIsBetter, double[] truth, double topKPercent) {
        if (proxy.length != truth.length) {
            throw new IllegalArgumentException(proxy.length + " proxy scores for " + truth.length + " ground-truth values");
        }
        if (!(topKPercent > 0 && topKPercent <= 100)) {
            throw new IllegalArgumentException("top-k must be a percentage in (0, 100], got " + topKPercent);
        }
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < proxy.length; i++) {
            if (!Double.isNaN(proxy[i]) && !Double.isNaN(truth[i])) {
                pairs.add(new double[] {higherIsBetter ? proxy[i] : -proxy[i], truth[i]});
            }
        }
        int n = pairs.size();
        if (n < 3) {
            return new RankConsistency(n, Double.NaN, Double.NaN, topKPercent, Double.NaN);
        }
        double[] p = pairs.stream().mapToDouble(x -> x[0]).toArray();
        double[] t = pairs.stream().mapToDouble(x -> x[1]).toArray();
        double rho = new SpearmansCorrelation().correlation(p, t);
        double tau = new KendallsCorrelation().correlation(p, t);
        int k = Math.max(1, (int) Math.ceil(n * topKPercent / 100));
        Set<Integer> bestByTruth = top(t, k);
        Set<Integer> bestByProxy = top(p, k);
        bestByTruth.retainAll(bestByProxy);
        return new RankConsistency(n, rho, tau, topKPercent, bestByTruth.size() / (double) k);
    }

    /** The indices of the k largest values (earlier index first on ties). */
    private static Set<Integer> top(double[] v, int k) {
        return new HashSet<>(IntStream.range(0, v.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> v[i]).reversed().thenComparing(i -> i))
                .limit(k).toList());
    }
}
