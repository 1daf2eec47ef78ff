package dev.proxima.search;

import java.util.Map;

/**
 * Everything that changes a search's state, in the order it happened. {@link SearchCore} applies
 * events with a pure function, so a list of events is the whole state of a search: replaying it
 * into a fresh core with the same settings rebuilds the core exactly.
 */
public sealed interface SearchEvent {

    /** When the event happened: milliseconds on the search's clock (virtual in a replay). */
    long atMillis();

    /** The search began. */
    record SearchStarted(long seed, long atMillis) implements SearchEvent {}

    /**
     * A candidate becomes trial {@code trialId} at ladder tier {@code tier}: a new proposal of the
     * controller ({@code promotedFrom} = -1, tier 0) or the promotion of trial {@code promotedFrom}.
     */
    record TrialProposed(long trialId, String architecture, String canonicalHash, String fidelity, int tier,
            long promotedFrom, long atMillis) implements SearchEvent {}

    /** Attempt {@code attempt} of a trial went to a worker and must finish before the deadline. */
    record TrialAssigned(long trialId, int attempt, String workerId, long deadlineMillis, long atMillis)
            implements SearchEvent {}

    /** A running attempt reported its validation score after {@code epoch} epochs. */
    record ProgressReported(long trialId, int attempt, String workerId, double epoch, double score, long atMillis)
            implements SearchEvent {}

    /** A worker reported a score; the controller has observed it. */
    record TrialCompleted(long trialId, int attempt, String workerId, double score, double costSeconds,
            Map<String, Double> metrics, long atMillis) implements SearchEvent {
        public TrialCompleted {
            metrics = Map.copyOf(metrics);
        }
    }

    /** A stopping rule rejected a running attempt; the worker has been asked to stop it. */
    record TrialStopRequested(long trialId, int attempt, String workerId, String rule, String reason, long atMillis)
            implements SearchEvent {}

    /** The stopped attempt ended; its cost is counted and the trial keeps its partial curve. */
    record TrialStopped(long trialId, int attempt, String workerId, double costSeconds, long atMillis)
            implements SearchEvent {}

    /**
     * A proposal or promotion ({@code promotedFrom} >= 0) isomorphic to trial {@code sourceTrialId}
     * at the same fidelity: the controller observes that trial's result and no trial is created, so
     * a duplicate costs one small event, not a trial. {@code proposalId} takes the id the trial would
     * have had (proposals draw their randomness from it).
     */
    record CandidateReused(long proposalId, String architecture, int tier, long promotedFrom, long sourceTrialId,
            long atMillis) implements SearchEvent {}

    /**
     * The core no longer wants this attempt, which a worker may still be running: its trial was
     * re-queued, given up, finished by another attempt or ended by the budget. The runtime tells
     * the worker to stop; the attempt's late report changes nothing.
     */
    record AttemptAbandoned(long trialId, int attempt, String workerId, String reason, long atMillis)
            implements SearchEvent {}

    /** The evaluation ended without a score; the trial is over. */
    record TrialFailed(long trialId, int attempt, String workerId, String reason, double costSeconds, long atMillis)
            implements SearchEvent {}

    /** A result arrived after the budget ran out: its cost is counted, its score is not. */
    record TrialDiscarded(long trialId, int attempt, String workerId, double costSeconds, String reason, long atMillis)
            implements SearchEvent {}

    /** The attempt was lost (worker gone, deadline passed); the trial waits for a new attempt. */
    record TrialRequeued(long trialId, int attempt, String reason, long atMillis) implements SearchEvent {}

    /**
     * The search goes on in a new process after its last one ended (killed, crashed or stopped) at
     * {@code lastAliveMillis}, its last journaled event: the time in between is not search time.
     */
    record SearchResumed(long lastAliveMillis, long atMillis) implements SearchEvent {}

    /** A budget ran out; see {@link Budget}. */
    record BudgetExhausted(Budget.Limit limit, long atMillis) implements SearchEvent {}
}
