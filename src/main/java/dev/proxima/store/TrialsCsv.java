package dev.proxima.store;

import dev.proxima.search.SearchCore;
import dev.proxima.search.TrialBook;
import dev.proxima.search.TrialRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@code trials.csv} table: one row per trial, as a run folder and {@code proxima export} write it. */
public final class TrialsCsv {
    private TrialsCsv() {}

    /**
     * With fusion on, the zero-cost scores the search computes as evidence follow the metric columns,
     * and a {@code fused} column holds each scored trial's fused score at its tier (as it stands now).
     */
    public static String of(SearchCore core, List<String> metricColumns) {
        TrialBook book = core.book();
        boolean fused = core.settings().fusion().enabled();
        List<String> columns = new ArrayList<>(metricColumns);
        core.settings().fusion().extraScores(core.settings().ladder()).stream().filter(c -> !columns.contains(c))
                .forEach(columns::add);
        StringBuilder s = new StringBuilder("trial_id,status,attempts,worker,architecture,canonical_hash,tier,fidelity,"
                + "promoted_from,promoted_to,score,cost_seconds,times_reused," + String.join(",", columns)
                + (fused ? ",fused" : "") + ",stop_rule,reason\n");
        for (TrialRecord t : book.trials()) {
            s.append(String.format(Locale.ROOT, "%d,%s,%d,%s,%s,%s,%d,%s,%s,%s,%s,%.3f,%d,", t.trialId(),
                    t.status().name().toLowerCase(Locale.ROOT), t.attempt(), t.workerId(), t.architecture().encode(),
                    t.canonicalHash(), t.tier(), t.fidelity(), id(t.promotedFrom()), id(t.promotedTo()),
                    Double.isNaN(t.score()) ? "" : Double.toString(t.score()), t.costSeconds(), book.timesReused(t.trialId())));
            s.append(columns.stream().map(c -> t.metrics().containsKey(c) ? Double.toString(t.metrics().get(c)) : "")
                    .collect(Collectors.joining(",")));
            if (fused) {
                double f = t.isScored() ? core.evidenceOf(t).score() : Double.NaN;
                s.append(',').append(Double.isNaN(f) ? "" : String.format(Locale.ROOT, "%.6f", f));
            }
            s.append(',').append(t.stopRule()).append(',').append(t.reason().replace(',', ';').replace('\n', ' ')).append('\n');
        }
        return s.toString();
    }

    private static String id(long trialId) {
        return trialId < 0 ? "" : Long.toString(trialId);
    }
}
