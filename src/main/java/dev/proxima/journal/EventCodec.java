package dev.proxima.journal;

import dev.proxima.protocol.v1.AttemptAbandonedEvent;
import dev.proxima.protocol.v1.BudgetExhaustedEvent;
import dev.proxima.protocol.v1.BudgetLimit;
import dev.proxima.protocol.v1.CandidateReusedEvent;
import dev.proxima.protocol.v1.JournalEvent;
import dev.proxima.protocol.v1.JournalHeader;
import dev.proxima.protocol.v1.ProgressReportedEvent;
import dev.proxima.protocol.v1.SearchResumedEvent;
import dev.proxima.protocol.v1.SearchStartedEvent;
import dev.proxima.protocol.v1.TrialAssignedEvent;
import dev.proxima.protocol.v1.TrialCompletedEvent;
import dev.proxima.protocol.v1.TrialDiscardedEvent;
import dev.proxima.protocol.v1.TrialFailedEvent;
import dev.proxima.protocol.v1.TrialProposedEvent;
import dev.proxima.protocol.v1.TrialRequeuedEvent;
import dev.proxima.protocol.v1.TrialStopRequestedEvent;
import dev.proxima.protocol.v1.TrialStoppedEvent;
import dev.proxima.search.Budget;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchEvent.AttemptAbandoned;
import dev.proxima.search.SearchEvent.BudgetExhausted;
import dev.proxima.search.SearchEvent.CandidateReused;
import dev.proxima.search.SearchEvent.ProgressReported;
import dev.proxima.search.SearchEvent.SearchResumed;
import dev.proxima.search.SearchEvent.SearchStarted;
import dev.proxima.search.SearchEvent.TrialAssigned;
import dev.proxima.search.SearchEvent.TrialCompleted;
import dev.proxima.search.SearchEvent.TrialDiscarded;
import dev.proxima.search.SearchEvent.TrialFailed;
import dev.proxima.search.SearchEvent.TrialProposed;
import dev.proxima.search.SearchEvent.TrialRequeued;
import dev.proxima.search.SearchEvent.TrialStopRequested;
import dev.proxima.search.SearchEvent.TrialStopped;

/**
 * Search events to and from their protobuf form ({@code journal.proto}). Decoding refuses what it
 * cannot read (an empty event, an unknown limit, a newer format) with a message naming it, so a bad
 * journal is reported, never half-applied.
 */
public final class EventCodec {
    /** The format this release writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    private EventCodec() {}

    /** The header a new journal starts with. */
    public static JournalHeader header(String createdBy) {
        return JournalHeader.newBuilder().setFormatVersion(FORMAT_VERSION).setCreatedBy(createdBy).build();
    }

    /** Refuses a journal this release cannot read. */
    public static void checkHeader(JournalHeader header) {
        if (header.getFormatVersion() < 1 || header.getFormatVersion() > FORMAT_VERSION) {
            throw new IllegalArgumentException("journal format " + header.getFormatVersion() + " (written by "
                    + header.getCreatedBy() + "); this release reads formats 1 to " + FORMAT_VERSION);
        }
    }

    public static JournalEvent encode(SearchEvent event) {
        JournalEvent.Builder b = JournalEvent.newBuilder().setAtMillis(event.atMillis());
        if (event instanceof SearchStarted e) {
            b.setSearchStarted(SearchStartedEvent.newBuilder().setSeed(e.seed()));
        } else if (event instanceof TrialProposed e) {
            b.setTrialProposed(TrialProposedEvent.newBuilder().setTrialId(e.trialId()).setArchitecture(e.architecture())
                    .setCanonicalHash(e.canonicalHash()).setFidelity(e.fidelity()).setTier(e.tier())
                    .setPromotedFrom(e.promotedFrom()));
        } else if (event instanceof TrialAssigned e) {
            b.setTrialAssigned(TrialAssignedEvent.newBuilder().setTrialId(e.trialId()).setAttempt(e.attempt())
                    .setWorkerId(e.workerId()).setDeadlineMillis(e.deadlineMillis()));
        } else if (event instanceof ProgressReported e) {
            b.setProgressReported(ProgressReportedEvent.newBuilder().setTrialId(e.trialId()).setAttempt(e.attempt())
                    .setWorkerId(e.workerId()).setEpoch(e.epoch()).setScore(e.score()));
        } else if (event instanceof TrialCompleted e) {
            b.setTrialCompleted(TrialCompletedEvent.newBuilder().setTrialId(e.trialId()).setAttempt(e.attempt())
                    .setWorkerId(e.workerId()).setScore(e.score()).setCostSeconds(e.costSeconds()).putAllMetrics(e.metrics()));
        } else if (event instanceof TrialStopRequested e) {
            b.setTrialStopRequested(TrialStopRequestedEvent.newBuilder().setTrialId(e.trialId()).setAttempt(e.attempt())
                    .setWorkerId(e.workerId()).setRule(e.rule()).setReason(e.reason()));
        } else if (event instanceof TrialStopped e) {
            b.setTrialStopped(TrialStoppedEvent.newBuilder().setTrialId(e.trialId()).setAttempt(e.attempt())
                    .setWorkerId(e.workerId()).setCostSeconds(e.costSeconds()));
        } else if (event instanceof CandidateReused e) {
            b.setCandidateReused(CandidateReusedEvent.newBuilder().setProposalId(e.proposalId())
                    .setArchitecture(e.architecture()).setTier(e.tier()).setPromotedFrom(e.promotedFrom())
                    .setSourceTrialId(e.sourceTrialId()));
        } else if (event instanceof AttemptAbandoned e) {
            b.setAttemptAbandoned(AttemptAbandonedEvent.newBuilder().setTrialId(e.trialId()).setAttempt(e.attempt())
                    .setWorkerId(e.workerId()).setReason(e.reason()));
        } else if (event instanceof TrialFailed e) {
            b.setTrialFailed(TrialFailedEvent.newBuilder().setTrialId(e.trialId()).setAttempt(e.attempt())
                    .setWorkerId(e.workerId()).setReason(e.reason()).setCostSeconds(e.costSeconds()));
        } else if (event instanceof TrialDiscarded e) {
            b.setTrialDiscarded(TrialDiscardedEvent.newBuilder().setTrialId(e.trialId()).setAttempt(e.attempt())
                    .setWorkerId(e.workerId()).setCostSeconds(e.costSeconds()).setReason(e.reason()));
        } else if (event instanceof TrialRequeued e) {
            b.setTrialRequeued(TrialRequeuedEvent.newBuilder().setTrialId(e.trialId()).setAttempt(e.attempt())
                    .setReason(e.reason()));
        } else if (event instanceof BudgetExhausted e) {
            b.setBudgetExhausted(BudgetExhaustedEvent.newBuilder().setLimit(limit(e.limit())));
        } else if (event instanceof SearchResumed e) {
            b.setSearchResumed(SearchResumedEvent.newBuilder().setLastAliveMillis(e.lastAliveMillis()));
        } else {
            throw new IllegalStateException("no journal form for " + event.getClass().getSimpleName());
        }
        return b.build();
    }

    /** @throws IllegalArgumentException for an event this release cannot read */
    public static SearchEvent decode(JournalEvent m) {
        long at = m.getAtMillis();
        return switch (m.getEventCase()) {
            case SEARCH_STARTED -> new SearchStarted(m.getSearchStarted().getSeed(), at);
            case TRIAL_PROPOSED -> {
                TrialProposedEvent e = m.getTrialProposed();
                yield new TrialProposed(e.getTrialId(), e.getArchitecture(), e.getCanonicalHash(), e.getFidelity(),
                        e.getTier(), e.getPromotedFrom(), at);
            }
            case TRIAL_ASSIGNED -> {
                TrialAssignedEvent e = m.getTrialAssigned();
                yield new TrialAssigned(e.getTrialId(), e.getAttempt(), e.getWorkerId(), e.getDeadlineMillis(), at);
            }
            case PROGRESS_REPORTED -> {
                ProgressReportedEvent e = m.getProgressReported();
                yield new ProgressReported(e.getTrialId(), e.getAttempt(), e.getWorkerId(), e.getEpoch(), e.getScore(), at);
            }
            case TRIAL_COMPLETED -> {
                TrialCompletedEvent e = m.getTrialCompleted();
                yield new TrialCompleted(e.getTrialId(), e.getAttempt(), e.getWorkerId(), e.getScore(), e.getCostSeconds(),
                        e.getMetricsMap(), at);
            }
            case TRIAL_STOP_REQUESTED -> {
                TrialStopRequestedEvent e = m.getTrialStopRequested();
                yield new TrialStopRequested(e.getTrialId(), e.getAttempt(), e.getWorkerId(), e.getRule(), e.getReason(), at);
            }
            case TRIAL_STOPPED -> {
                TrialStoppedEvent e = m.getTrialStopped();
                yield new TrialStopped(e.getTrialId(), e.getAttempt(), e.getWorkerId(), e.getCostSeconds(), at);
            }
            case CANDIDATE_REUSED -> {
                CandidateReusedEvent e = m.getCandidateReused();
                yield new CandidateReused(e.getProposalId(), e.getArchitecture(), e.getTier(), e.getPromotedFrom(),
                        e.getSourceTrialId(), at);
            }
            case ATTEMPT_ABANDONED -> {
                AttemptAbandonedEvent e = m.getAttemptAbandoned();
                yield new AttemptAbandoned(e.getTrialId(), e.getAttempt(), e.getWorkerId(), e.getReason(), at);
            }
            case TRIAL_FAILED -> {
                TrialFailedEvent e = m.getTrialFailed();
                yield new TrialFailed(e.getTrialId(), e.getAttempt(), e.getWorkerId(), e.getReason(), e.getCostSeconds(), at);
            }
            case TRIAL_DISCARDED -> {
                TrialDiscardedEvent e = m.getTrialDiscarded();
                yield new TrialDiscarded(e.getTrialId(), e.getAttempt(), e.getWorkerId(), e.getCostSeconds(), e.getReason(), at);
            }
            case TRIAL_REQUEUED -> {
                TrialRequeuedEvent e = m.getTrialRequeued();
                yield new TrialRequeued(e.getTrialId(), e.getAttempt(), e.getReason(), at);
            }
            case BUDGET_EXHAUSTED -> new BudgetExhausted(limit(m.getBudgetExhausted().getLimit()), at);
            case SEARCH_RESUMED -> new SearchResumed(m.getSearchResumed().getLastAliveMillis(), at);
            case EVENT_NOT_SET -> throw new IllegalArgumentException("journal event at " + at + " ms holds no event "
                    + "(written by a newer release?)");
        };
    }

    private static BudgetLimit limit(Budget.Limit l) {
        return switch (l) {
            case TRIALS -> BudgetLimit.BUDGET_LIMIT_TRIALS;
            case DEVICE_SECONDS -> BudgetLimit.BUDGET_LIMIT_DEVICE_SECONDS;
            case WALL_CLOCK -> BudgetLimit.BUDGET_LIMIT_WALL_CLOCK;
            case SPACE -> BudgetLimit.BUDGET_LIMIT_SPACE;
        };
    }

    private static Budget.Limit limit(BudgetLimit l) {
        return switch (l) {
            case BUDGET_LIMIT_TRIALS -> Budget.Limit.TRIALS;
            case BUDGET_LIMIT_DEVICE_SECONDS -> Budget.Limit.DEVICE_SECONDS;
            case BUDGET_LIMIT_WALL_CLOCK -> Budget.Limit.WALL_CLOCK;
            case BUDGET_LIMIT_SPACE -> Budget.Limit.SPACE;
            case BUDGET_LIMIT_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException("journal: unknown budget limit "
                    + l.getNumber());
        };
    }
}
