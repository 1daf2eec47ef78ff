package dev.proxima.store;

import dev.proxima.search.TrialBook;
import dev.proxima.search.TrialRecord;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@code trials.csv} table: one row per trial, as a run folder and {@code proxima export} write it. */
public final class TrialsCsv {
    private TrialsCsv() {}

    public static String of(TrialBook book, List<String> metricColumns) {
        StringBuilder s = new StringBuilder("trial_id,status,attempts,worker,architecture,canonical_hash,tier,fidelity,"
                + "promoted_from,promoted_to,score,cost_seconds,times_reused," + String.join(",", metricColumns)
                + ",stop_rule,reason\n");
        for (TrialRecord t : book.trials()) {
            s.append(String.format(Locale.ROOT, "%d,%s,%d,%s,%s,%s,%d,%s,%s,%s,%s,%.3f,%d,", t.trialId(),
                    t.status().name().toLowerCase(Locale.ROOT), t.attempt(), t.workerId(), t.architecture().encode(),
                    t.canonicalHash(), t.tier(), t.fidelity(), id(t.promotedFrom()), id(t.promotedTo()),
                    Double.isNaN(t.score()) ? "" : Double.toString(t.score()), t.costSeconds(), book.timesReused(t.trialId())));
            s.append(metricColumns.stream().map(c -> t.metrics().containsKey(c) ? Double.toString(t.metrics().get(c)) : "")
                    .collect(Collectors.joining(",")));
            s.append(',').append(t.stopRule()).append(',').append(t.reason().replace(',', ';').replace('\n', ' ')).append('\n');
        }
        return s.toString();
    }

    private static String id(long trialId) {
        return trialId < 0 ? "" : Long.toString(trialId);
    }
}
