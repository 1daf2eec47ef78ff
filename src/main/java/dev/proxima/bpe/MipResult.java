package dev.proxima.bpe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a MIP run found.
 *
 * @param rounds every round, in order
 * @param evaluated every evaluated setting, in evaluation order
 * @param best the answer: the highest objective among settings within the budget per architecture,
 *     the cheaper among equals; empty when none is within it
 * @param stopped why the search ended
 */
public record MipResult(List<MipRound> rounds, List<SettingResult> evaluated, Optional<SettingResult> best, String stopped) {

    /** Device-seconds all evaluations cost. */
    public double deviceSeconds() {
        return evaluated.stream().mapToDouble(SettingResult::deviceSeconds).sum();
    }

    /** The settings no cheaper setting beats: the Spearman-against-cost frontier, cheapest first. */
    public List<SettingResult> frontier() {
        List<SettingResult> byCost = new ArrayList<>(evaluated);
        byCost.sort(Comparator.comparingDouble(SettingResult::secondsPerArchitecture)
                .thenComparing(Comparator.comparingDouble(SettingResult::objective).reversed()));
        List<SettingResult> out = new ArrayList<>();
        double bestSoFar = Double.NEGATIVE_INFINITY;
        for (SettingResult r : byCost) {
            if (r.objective() > bestSoFar) {
                out.add(r);
                bestSoFar = r.objective();
            }
        }
        return out;
    }
}
