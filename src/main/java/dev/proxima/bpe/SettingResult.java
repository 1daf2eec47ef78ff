package dev.proxima.bpe;

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

    /** The objective MIP maximises: rho, with an undefined one (constant scores) as the worst, -1. */
    public double objective() {
        return Double.isNaN(spearman) ? -1 : spearman;
    }

    /** Device-seconds the whole evaluation took. */
    public double deviceSeconds() {
        return secondsPerArchitecture * architectures;
    }
}
