package dev.proxima.replay;

import dev.proxima.evaluation.EvaluationFailedException;
import dev.proxima.proxy.ProxyLadder;
import dev.proxima.search.TrialRecord;
import dev.proxima.search.TrialStatus;
import dev.proxima.space.Architecture;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The early-rejection audit of replayed runs, where every candidate's final result is known: how
 * many rejected candidates (stopped by a rule, or scored below the top tier and never promoted)
 * would have ranked among the top {@code k} results of all candidates the run touched (false
 * kills), and how many device-seconds rejection saved (what finishing the ladder for the rejected
 * candidates would have cost, against what the run spent).
 *
 * @param rejected mean rejected candidates per run
 * @param falseKills mean false kills per run
 * @param runsWithFalseKill runs with at least one false kill
 * @param savedSeconds mean device-seconds per run that rejected candidates did not spend
 * @param spentSeconds mean device-seconds per run the search spent
 */
public record RejectionAudit(String name, int runs, int k, double candidates, double rejected, double falseKills,
        int runsWithFalseKill, double savedSeconds, double spentSeconds) {

    public static RejectionAudit of(String name, List<Simulator.Run> runs, TableReplay replay, ProxyLadder ladder,
            String resultColumn, int k) {
        double candidates = 0;
        double rejected = 0;
        double falseKills = 0;
        int withFalseKill = 0;
        double saved = 0;
        double spent = 0;
        for (Simulator.Run run : runs) {
            Map<String, Candidate> byArch = new LinkedHashMap<>();
            for (TrialRecord t : run.core().book().trials()) {
                Candidate c = byArch.computeIfAbsent(t.architecture().encode(), a -> new Candidate(t.architecture(),
                        replay.result(t.architecture(), resultColumn)));
                c.trials.add(t);
            }
            List<Candidate> ranked = new ArrayList<>(byArch.values());
            ranked.removeIf(c -> Double.isNaN(c.truth));
            ranked.sort(Comparator.comparingDouble((Candidate c) -> c.truth).reversed());
            Map<String, Integer> rank = new HashMap<>();
            for (int i = 0; i < ranked.size(); i++) {
                rank.put(ranked.get(i).architecture.encode(), i);
            }
            int kills = 0;
            for (Candidate c : byArch.values()) {
                double unspent = c.unspentIfRejected(replay, ladder);
                if (unspent > 0) {
                    rejected++;
                    saved += unspent;
                    if (rank.getOrDefault(c.architecture.encode(), Integer.MAX_VALUE) < k) {
                        kills++;
                    }
                }
            }
            candidates += byArch.size();
            falseKills += kills;
            withFalseKill += kills > 0 ? 1 : 0;
            spent += run.core().summary(0).deviceSeconds();
        }
        int n = Math.max(1, runs.size());
        return new RejectionAudit(name, runs.size(), k, candidates / n, rejected / n, falseKills / n, withFalseKill,
                saved / n, spent / n);
    }

    /** One architecture and every trial of it in a run. */
    private static final class Candidate {
        final Architecture architecture;
        final double truth;
        final List<TrialRecord> trials = new ArrayList<>();

        Candidate(Architecture architecture, double truth) {
            this.architecture = architecture;
            this.truth = truth;
        }

        /**
         * Device-seconds the candidate would still have needed to finish the ladder when it was
         * rejected; 0 when it was not rejected (reached the top tier, or its last trial was lost,
         * failed or cut by the budget rather than by a rule).
         */
        double unspentIfRejected(TableReplay replay, ProxyLadder ladder) {
            TrialRecord last = trials.stream().max(Comparator.comparingInt(TrialRecord::tier)
                    .thenComparingLong(TrialRecord::trialId)).orElseThrow();
            boolean stopped = last.status() == TrialStatus.STOPPED;
            boolean leftBelow = last.status().isScored() && last.tier() < ladder.top() && !last.isPromoted();
            if (!stopped && !leftBelow) {
                return 0;
            }
            double unspent = 0;
            try {
                if (stopped) {
                    unspent += replay.replay(architecture, ladder.tier(last.tier()), ladder.startEpoch(last.tier())).result()
                            .costSeconds()
                            - last.costSeconds();
                }
                for (int t = last.tier() + 1; t <= ladder.top(); t++) {
                    unspent += replay.replay(architecture, ladder.tier(t), ladder.startEpoch(t)).result().costSeconds();
                }
            } catch (EvaluationFailedException e) {
                return Math.max(unspent, 1e-9); // rejected, though the table cannot price the rest
            }
            return Math.max(unspent, 1e-9);
        }
    }

    /** Two lines for the replay report. */
    public String describe() {
        return String.format(Locale.ROOT, "audit %s (%d runs): %.1f candidates/run, %.1f rejected early; %.2f false "
                + "kills/run (rejected but in the run's top %d by result; %d runs had one); rejection saved %.0f "
                + "device-s/run (the run spent %.0f)", name, runs, candidates, rejected, falseKills, k,
                runsWithFalseKill, savedSeconds, spentSeconds);
    }
}
