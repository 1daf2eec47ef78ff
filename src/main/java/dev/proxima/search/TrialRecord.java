package dev.proxima.search;

import dev.proxima.space.Architecture;
import dev.proxima.stopping.CurvePoint;
import dev.proxima.stopping.TierEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything known about one trial: one candidate at one ladder tier. Immutable; {@link TrialBook}
 * replaces it on every event.
 *
 * @param tier the ladder tier, 0 = the bottom
 * @param promotedFrom the lower-tier trial this one was promoted from, or -1 for a new candidate
 * @param promotedTo the higher-tier trial this one was promoted to, or -1
 * @param attempt the latest attempt number (0 before the first assignment)
 * @param workerId the worker of the latest attempt, or "" before the first assignment
 * @param score the score at the tier, NaN unless COMPLETED
 * @param costSeconds device-seconds reported for the trial (lost attempts report nothing)
 * @param stopRule the stopping rule that rejected it, "" if none did
 * @param reason why the trial was stopped, failed, discarded or last re-queued; "" otherwise
 * @param curve validation scores the latest attempt reported while it ran
 */
public record TrialRecord(long trialId, Architecture architecture, String canonicalHash, String fidelity, int tier,
        long promotedFrom, long promotedTo, TrialStatus status, int attempt, String workerId, long deadlineMillis,
        double score, double costSeconds, Map<String, Double> metrics, String stopRule, String reason,
        long proposedAtMillis, long finishedAtMillis, List<CurvePoint> curve) implements TierEntry {

    static TrialRecord proposed(long trialId, Architecture architecture, String fidelity, int tier, long promotedFrom,
            long at) {
        return new TrialRecord(trialId, architecture, architecture.canonicalHash(), fidelity, tier, promotedFrom, -1,
                TrialStatus.PENDING, 0, "", 0, Double.NaN, 0, Map.of(), "", "", at, -1, List.of());
    }

    private TrialRecord with(TrialStatus newStatus, int newAttempt, String worker, long deadline, double newScore,
            double cost, Map<String, Double> newMetrics, String rule, String why, long finishedAt,
            List<CurvePoint> newCurve, long newPromotedTo) {
        return new TrialRecord(trialId, architecture, canonicalHash, fidelity, tier, promotedFrom, newPromotedTo,
                newStatus, newAttempt, worker, deadline, newScore, cost, newMetrics, rule, why, proposedAtMillis, finishedAt, newCurve);
    }

    TrialRecord assigned(int newAttempt, String worker, long deadline) {
        return with(TrialStatus.RUNNING, newAttempt, worker, deadline, score, costSeconds, metrics, "", reason,
                finishedAtMillis, List.of(), promotedTo);
    }

    TrialRecord requeued(String why) {
        return with(TrialStatus.PENDING, attempt, workerId, 0, score, costSeconds, metrics, "", why,
                finishedAtMillis, curve, promotedTo);
    }

    TrialRecord stopRequested(String rule, String why) {
        return with(status, attempt, workerId, deadlineMillis, score, costSeconds, metrics, rule, why,
                finishedAtMillis, curve, promotedTo);
    }

    TrialRecord finished(TrialStatus newStatus, int newAttempt, String worker, double newScore, double cost,
            Map<String, Double> newMetrics, String why, long at) {
        return with(newStatus, newAttempt, worker, deadlineMillis, newScore, cost, newMetrics, stopRule, why, at, curve,
                promotedTo);
    }

    TrialRecord progressed(double epoch, double value) {
        List<CurvePoint> longer = new ArrayList<>(curve.size() + 1);
        longer.addAll(curve);
        longer.add(CurvePoint.next(curve, epoch, value));
        return with(status, attempt, workerId, deadlineMillis, score, costSeconds, metrics, stopRule, reason,
                finishedAtMillis, List.copyOf(longer), promotedTo);
    }

    TrialRecord promoted(long to) {
        return with(status, attempt, workerId, deadlineMillis, score, costSeconds, metrics, stopRule, reason,
                finishedAtMillis, curve, to);
    }

    /** True once a stopping rule asked for this attempt to stop. */
    public boolean isStopRequested() {
        return !stopRule.isEmpty();
    }

    @Override
    public boolean isScored() {
        return status.isScored();
    }

    @Override
    public boolean isPromoted() {
        return promotedTo >= 0;
    }
}
