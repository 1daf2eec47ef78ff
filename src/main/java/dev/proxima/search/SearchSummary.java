package dev.proxima.search;

import dev.proxima.fusion.FusedScore;
import java.util.Map;
import java.util.Optional;

/**
 * Where a search stands.
 *
 * @param best the completed trial with the highest score (earliest on ties), if any
 * @param counts trials per status
 * @param deviceSeconds evaluation cost reported so far, summed over workers
 * @param elapsedSeconds time on the search's clock since it started
 * @param exhausted the budget limit that ended the search, if one did
 * @param finished true when nothing more will be assigned or awaited
 * @param bestEvidence the evidence the best trial's fused score came from (no pieces without fusion)
 */
public record SearchSummary(Optional<TrialRecord> best, Map<TrialStatus, Integer> counts, double deviceSeconds,
        double elapsedSeconds, Optional<Budget.Limit> exhausted, boolean finished, FusedScore bestEvidence) {

    /** Trials that ended with a score of their own (not reused). */
    public int completed() {
        return counts.getOrDefault(TrialStatus.COMPLETED, 0);
    }
}
