package dev.proxima.search;

import dev.proxima.space.Architecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything known about one trial. Immutable; {@link TrialBook} replaces it on every event.
 *
 * @param attempt the latest attempt number (0 before the first assignment)
 * @param workerId the worker of the latest attempt, or "" before the first assignment
 * @param score the reward, NaN unless COMPLETED, REUSED
 * @param costSeconds device-seconds reported for the trial (lost attempts report nothing)
 * @param reason why the trial failed, was discarded or last re-queued; "" otherwise
 * @param sourceTrialId for a REUSED trial the trial whose result it reuses, else -1
 * @param curve validation scores the latest attempt reported while it ran
 */
public record TrialRecord(long trialId, Architecture architecture, String canonicalHash, String fidelity,
        TrialStatus status, int attempt, String workerId, long deadlineMillis, double score, double costSeconds,
        Map<String, Double> metrics, String reason, long sourceTrialId, long proposedAtMillis, long finishedAtMillis,
        List<CurvePoint> curve) {

    /** One progress report: the validation score after {@code epoch} epochs. */
    public record CurvePoint(double epoch, double score) {}

    static TrialRecord proposed(long trialId, Architecture architecture, String fidelity, long at) {
        return new TrialRecord(trialId, architecture, architecture.canonicalHash(), fidelity, TrialStatus.PENDING, 0,
                "", 0, Double.NaN, 0, Map.of(), "", -1, at, -1, List.of());
    }

    TrialRecord assigned(int attempt, String worker, long deadline) {
        return new TrialRecord(trialId, architecture, canonicalHash, fidelity, TrialStatus.RUNNING, attempt, worker,
                deadline, score, costSeconds, metrics, reason, sourceTrialId, proposedAtMillis, finishedAtMillis, List.of());
    }

    TrialRecord requeued(String why) {
        return new TrialRecord(trialId, architecture, canonicalHash, fidelity, TrialStatus.PENDING, attempt, workerId,
                0, score, costSeconds, metrics, why, sourceTrialId, proposedAtMillis, finishedAtMillis, curve);
    }

    TrialRecord finished(TrialStatus status, int attempt, String worker, double score, double cost,
            Map<String, Double> metrics, String why, long source, long at) {
        return new TrialRecord(trialId, architecture, canonicalHash, fidelity, status, attempt, worker, deadlineMillis,
                score, cost, metrics, why, source, proposedAtMillis, at, curve);
    }

    TrialRecord progressed(double epoch, double value) {
        List<CurvePoint> longer = new ArrayList<>(curve);
        longer.add(new CurvePoint(epoch, value));
        return new TrialRecord(trialId, architecture, canonicalHash, fidelity, status, attempt, workerId, deadlineMillis,
                score, costSeconds, metrics, reason, sourceTrialId, proposedAtMillis, finishedAtMillis, List.copyOf(longer));
    }
}
