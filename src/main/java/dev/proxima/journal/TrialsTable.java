package dev.proxima.journal;

import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchEvent.CandidateReused;
import dev.proxima.search.SearchEvent.ProgressReported;
import dev.proxima.search.SearchEvent.TrialAssigned;
import dev.proxima.search.SearchEvent.TrialCompleted;
import dev.proxima.search.SearchEvent.TrialDiscarded;
import dev.proxima.search.SearchEvent.TrialFailed;
import dev.proxima.search.SearchEvent.TrialProposed;
import dev.proxima.search.SearchEvent.TrialRequeued;
import dev.proxima.search.SearchEvent.TrialStopRequested;
import dev.proxima.search.SearchEvent.TrialStopped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code trials} table: one row per trial, kept current from the events in the same
 * transaction that appends them, so SQL answers questions about a run (also a live one) without
 * Proxima: {@code select trial_id, score from trials where status = 'completed' order by score desc}.
 * Its columns follow {@code trials.csv}; metrics are one JSON object ({@code json_extract} in
 * SQLite, {@code ::json} in PostgreSQL). Only events write it; it is never read back by Proxima,
 * which rebuilds its state from the events.
 */
final class TrialsTable {
    static final String DDL = "create table if not exists trials (trial_id bigint primary key, status text not null, "
            + "attempts integer not null, worker text not null, architecture text not null, canonical_hash text not null, "
            + "tier integer not null, fidelity text not null, promoted_from bigint, promoted_to bigint, score double precision, "
            + "cost_seconds double precision not null, times_reused integer not null, metrics text, stop_rule text, "
            + "reason text, last_epoch double precision, last_score double precision, proposed_at_millis bigint not null, "
            + "finished_at_millis bigint)";

    private final PreparedStatement proposed;
    private final PreparedStatement promoted;
    private final PreparedStatement assigned;
    private final PreparedStatement progressed;
    private final PreparedStatement completed;
    private final PreparedStatement stopRequested;
    private final PreparedStatement ended;
    private final PreparedStatement endedWhy;
    private final PreparedStatement requeued;
    private final PreparedStatement reused;

    TrialsTable(Connection c) throws SQLException {
        proposed = c.prepareStatement("insert into trials (trial_id, status, attempts, worker, architecture, canonical_hash, "
                + "tier, fidelity, promoted_from, cost_seconds, times_reused, proposed_at_millis) "
                + "values (?, 'pending', 0, '', ?, ?, ?, ?, ?, 0, 0, ?)");
        promoted = c.prepareStatement("update trials set promoted_to = ? where trial_id = ?");
        assigned = c.prepareStatement("update trials set status = 'running', attempts = ?, worker = ?, stop_rule = null, "
                + "last_epoch = null, last_score = null where trial_id = ?");
        progressed = c.prepareStatement("update trials set last_epoch = ?, last_score = ? where trial_id = ?");
        completed = c.prepareStatement("update trials set status = 'completed', attempts = ?, worker = ?, score = ?, "
                + "cost_seconds = ?, metrics = ?, finished_at_millis = ? where trial_id = ?");
        stopRequested = c.prepareStatement("update trials set stop_rule = ?, reason = ? where trial_id = ?");
        ended = c.prepareStatement("update trials set status = ?, attempts = ?, worker = ?, cost_seconds = ?, "
                + "finished_at_millis = ? where trial_id = ?");
        endedWhy = c.prepareStatement("update trials set status = ?, attempts = ?, worker = ?, cost_seconds = ?, "
                + "finished_at_millis = ?, reason = ? where trial_id = ?");
        requeued = c.prepareStatement("update trials set status = 'pending', reason = ? where trial_id = ?");
        reused = c.prepareStatement("update trials set times_reused = times_reused + 1 where trial_id = ?");
    }

    /** Brings the rows up to date with one event; search-level events change no row. */
    void apply(SearchEvent event) throws SQLException {
        if (event instanceof TrialProposed e) {
            run(proposed, e.trialId(), e.architecture(), e.canonicalHash(), e.tier(), e.fidelity(), id(e.promotedFrom()),
                    e.atMillis());
            promote(e.promotedFrom(), e.trialId());
        } else if (event instanceof TrialAssigned e) {
            run(assigned, e.attempt(), e.workerId(), e.trialId());
        } else if (event instanceof ProgressReported e) {
            run(progressed, real(e.epoch()), real(e.score()), e.trialId());
        } else if (event instanceof TrialCompleted e) {
            run(completed, e.attempt(), e.workerId(), real(e.score()), e.costSeconds(), json(e.metrics()), e.atMillis(),
                    e.trialId());
        } else if (event instanceof TrialStopRequested e) {
            run(stopRequested, e.rule(), e.reason(), e.trialId());
        } else if (event instanceof TrialStopped e) {
            run(ended, "stopped", e.attempt(), e.workerId(), e.costSeconds(), e.atMillis(), e.trialId());
        } else if (event instanceof TrialFailed e) {
            run(endedWhy, "failed", e.attempt(), e.workerId(), e.costSeconds(), e.atMillis(), e.reason(), e.trialId());
        } else if (event instanceof TrialDiscarded e) {
            run(endedWhy, "discarded", e.attempt(), e.workerId(), e.costSeconds(), e.atMillis(), e.reason(), e.trialId());
        } else if (event instanceof TrialRequeued e) {
            run(requeued, e.reason(), e.trialId());
        } else if (event instanceof CandidateReused e) {
            run(reused, e.sourceTrialId());
            promote(e.promotedFrom(), e.sourceTrialId());
        }
    }

    private void promote(long from, long to) throws SQLException {
        if (from >= 0) {
            run(promoted, to, from);
        }
    }

    private static void run(PreparedStatement s, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Null n) {
                s.setNull(i + 1, n.sqlType());
            } else {
                s.setObject(i + 1, values[i]);
            }
        }
        s.executeUpdate();
    }

    /** A typed SQL null (PostgreSQL wants the type of every parameter). */
    private record Null(int sqlType) {}

    /** SQL has no NaN: a missing or non-finite value is null. */
    private static Object real(double v) {
        return Double.isFinite(v) ? (Object) v : new Null(Types.DOUBLE);
    }

    private static Object id(long trialId) {
        return trialId < 0 ? new Null(Types.BIGINT) : (Object) trialId;
    }

    /** Metrics as a JSON object, keys sorted; a non-finite value is JSON null. */
    static String json(Map<String, Double> metrics) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, Double> m : new TreeMap<>(metrics).entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"').append(m.getKey().replace("\\", "\\\\").replace("\"", "\\\"")).append("\":");
            b.append(Double.isFinite(m.getValue()) ? String.format(Locale.ROOT, "%s", m.getValue()) : "null");
        }
        return b.append('}').toString();
    }
}
