package dev.proxima.fusion;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * The equal-weight rank vote over a fixed set of candidates (the proxy lab's fused proxy): each
 * candidate's mean percentile across the voters, every voter ranked among all the candidates. The
 * same mid-rank percentiles as {@link EvidenceBook} uses during a search, here from Commons Math's
 * ranking of the whole set at once.
 */
public final class RankVote {
    private static final NaturalRanking MID_RANKS = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

    private RankVote() {}

    /**
     * @param voters one score per candidate each, all of the same length; NaN = no vote from that voter
     * @param higherIsBetter per voter, whether a higher score predicts a better candidate
     * @return per candidate, the mean percentile of its votes (0..1, best = 1); NaN when it has none
     */
    public static double[] of(List<double[]> voters, List<Boolean> higherIsBetter) {
        if (voters.isEmpty() || voters.size() != higherIsBetter.size()) {
            throw new IllegalArgumentException(voters.size() + " voters with " + higherIsBetter.size() + " orientations");
        }
        int n = voters.get(0).length;
        double[] sum = new double[n];
        int[] votes = new int[n];
        for (int v = 0; v < voters.size(); v++) {
            double[] scores = voters.get(v);
            if (scores.length != n) {
                throw new IllegalArgumentException("voter " + v + " scores " + scores.length + " candidates, not " + n);
            }
            double sign = higherIsBetter.get(v) ? 1 : -1;
            List<Integer> voted = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(scores[i])) {
                    voted.add(i);
                }
            }
            double[] ranks = MID_RANKS.rank(voted.stream().mapToDouble(i -> sign * scores[i]).toArray());
            for (int k = 0; k < ranks.length; k++) {
                sum[voted.get(k)] += ranks.length == 1 ? 0.5 : (ranks[k] - 1) / (ranks.length - 1);
                votes[voted.get(k)]++;
            }
        }
        double[] fused = new double[n];
        for (int i = 0; i < n; i++) {
            fused[i] = votes[i] == 0 ? Double.NaN : sum[i] / votes[i];
        }
        return fused;
    }
}
