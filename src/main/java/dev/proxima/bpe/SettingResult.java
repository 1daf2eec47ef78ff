package dev.proxima.bpe;

import dev.proxima.lab.RankConsistency;
import org.apache.commons.math3.stat.StatUtils;

/**
 * What evaluating one setting on the study's architectures gave: how its scores rank them against
 * the ground truth, and what it cost.
 *
 * @param spearman Spearman's rho of the setting's scores with the ground truth; NaN when undefined
 * @param kendall Kendall's tau-b, likewise
 * @param secondsPerArchitecture mean measured device-seconds to evaluate one architecture
 * @param architectures architectures evaluated
 */
public record SettingResult(BpeSetting setting, double spearman, double kendall, double secondsPerArchitecture,
        int architectures) {

    /**
     * The result of scores against the ground truth, architecture by architecture. A failed
     * training (NaN score) ranks its architecture last: a setting that cannot train a cell is
     * telling nothing good about it.
     */
    public static SettingResult of(BpeSetting setting, double[] scores, double[] truth, double[] seconds) {
        RankConsistency rc = rank(scores, truth);
        return new SettingResult(setting, rc.spearman(), rc.kendall(), StatUtils.mean(seconds), seconds.length);
    }

    /** How {@code scores} rank the architectures against {@code truth}; a failed training (NaN) ranks last. */
    public static RankConsistency rank(double[] scores, double[] truth) {
        double[] ranked = scores.clone();
        for (int i = 0; i < ranked.length; i++) {
            if (Double.isNaN(ranked[i])) {
                ranked[i] = Double.NEGATIVE_INFINITY;
            }
        }
        return RankConsistency.of(ranked, true, truth, 100);
    }

    /** The objective MIP maximises: rho, with an undefined one (constant scores) as the worst, -1. */
    public double objective() {
        return Double.isNaN(spearman) ? -1 : spearman;
    }

    /** Device-seconds the whole evaluation took. */
    public double deviceSeconds() {
        return secondsPerArchitecture * architectures;
    }
}
