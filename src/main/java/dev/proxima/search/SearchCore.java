package dev.proxima.search;

import dev.proxima.controller.Controller;
import dev.proxima.search.SearchEvent.BudgetExhausted;
import dev.proxima.search.SearchEvent.ProgressReported;
import dev.proxima.search.SearchEvent.SearchStarted;
import dev.proxima.search.SearchEvent.TrialAssigned;
import dev.proxima.search.SearchEvent.TrialCompleted;
import dev.proxima.search.SearchEvent.TrialDiscarded;
import dev.proxima.search.SearchEvent.TrialFailed;
import dev.proxima.search.SearchEvent.TrialProposed;
import dev.proxima.search.SearchEvent.TrialRequeued;
import dev.proxima.search.SearchEvent.TrialReused;
import dev.proxima.space.Architecture;
import dev.proxima.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The brain of a search, free of actors and clocks: commands ({@link #assign}, {@link #complete},
 * ...) turn into events, and {@link #apply} is the only place state changes. The actor runtime and
 * the replay simulator drive the same class, passing the time in; each command returns the events
 * it produced, for the caller to persist or publish.
 *
 * <p>Not thread-safe: one owner (an actor, or the simulator loop) calls it.
 */
public final class SearchCore {
    /** Consecutive reused proposals after which a duplicate is evaluated anyway (a converged controller). */
    static final int MAX_REUSES_IN_A_ROW = 1000;

    private final SearchSettings settings;
    private final Controller controller;
    private final TrialBook book;
    private final List<SearchEvent> history = new ArrayList<>();

    private long startMillis;
    private long nextTrialId = 1;
    private long evaluationsStarted;
    private double deviceSeconds;
    private boolean trialLimitReached;
    private Budget.Limit hardStop;
    private TrialRecord best;

    private SearchCore(SearchSettings settings, SearchSpace space, Controller controller) {
        this.settings = settings;
        this.controller = controller;
        this.book = new TrialBook(space);
    }

    /** A new search, started at {@code nowMillis}. */
    public static SearchCore start(SearchSettings settings, SearchSpace space, Controller controller, long nowMillis) {
        SearchCore core = new SearchCore(settings, space, controller);
        core.emit(new SearchStarted(settings.seed(), nowMillis), new ArrayList<>());
        return core;
    }

    /** Rebuilds a search from its events; {@code controller} must be fresh and configured as before. */
    public static SearchCore recover(SearchSettings settings, SearchSpace space, Controller controller,
            List<SearchEvent> events) {
        SearchCore core = new SearchCore(settings, space, controller);
        events.forEach(core::apply);
        return core;
    }

    /**
     * Gives the worker something to do: its current attempt if it has one (nothing is emitted
     * then), else the oldest re-queued trial, else a new proposal. Read the result with
     * {@link #assignmentFor}; it is empty when the budget allows no more work.
     */
    public List<SearchEvent> assign(String workerId, long nowMillis) {
        List<SearchEvent> out = checkClock(nowMillis);
        if (book.runningOn(workerId).isPresent() || hardStop != null) {
            return out;
        }
        OptionalLong pending = book.nextPending();
        if (pending.isPresent()) {
            int attempt = book.get(pending.getAsLong()).orElseThrow().attempt() + 1;
            emit(new TrialAssigned(pending.getAsLong(), attempt, workerId, deadline(nowMillis), nowMillis), out);
        } else if (!trialLimitReached) {
            proposeAndAssign(workerId, nowMillis, out);
        }
        return out;
    }

    private void proposeAndAssign(String workerId, long now, List<SearchEvent> out) {
        String fidelity = settings.fidelity().name();
        for (int reuses = 0; ; reuses++) {
            long id = nextTrialId;
            Architecture candidate = controller.propose(Seeds.forIndex(settings.seed(), id));
            emit(new TrialProposed(id, candidate.encode(), candidate.canonicalHash(), fidelity, now), out);
            OptionalLong source = settings.dedup() == DedupPolicy.ISOMORPHIC && reuses < MAX_REUSES_IN_A_ROW
                    ? book.scoredTrialOf(candidate.canonicalHash(), fidelity) : OptionalLong.empty();
            if (source.isEmpty()) {
                emit(new TrialAssigned(id, 1, workerId, deadline(now), now), out);
                if (settings.budget().trialsExhausted(evaluationsStarted)) {
                    emit(new BudgetExhausted(Budget.Limit.TRIALS, now), out);
                }
                return;
            }
            emit(new TrialReused(id, source.getAsLong(), now), out);
        }
    }

    /** The attempt the worker should be running now, if any; none once the budget has run out. */
    public Optional<Assignment> assignmentFor(String workerId) {
        OptionalLong id = book.runningOn(workerId);
        if (id.isEmpty() || hardStop != null) {
            return Optional.empty();
        }
        TrialRecord r = book.get(id.getAsLong()).orElseThrow();
        return Optional.of(new Assignment(r.trialId(), r.attempt(), workerId, r.architecture(), settings.fidelity(),
                r.deadlineMillis()));
    }

    /**
     * Records a score. The first result of a trial wins, whichever attempt sent it; later ones and
     * results for unknown trials produce no events. A result that arrives after the device-second or
     * wall-clock budget ran out is discarded (its cost still counts); a NaN or infinite score fails the trial.
     */
    public List<SearchEvent> complete(long trialId, int attempt, String workerId, double score, double costSeconds,
            Map<String, Double> metrics, long nowMillis) {
        List<SearchEvent> out = checkClock(nowMillis);
        if (!isOpen(trialId)) {
            return out;
        }
        if (!Double.isFinite(score)) {
            emit(new TrialFailed(trialId, attempt, workerId, "score is not a finite number: " + score, costSeconds,
                    nowMillis), out);
            return out;
        }
        if (hardStop == null && settings.budget().deviceSecondsExceeded(deviceSeconds + costSeconds)) {
            emit(new BudgetExhausted(Budget.Limit.DEVICE_SECONDS, nowMillis), out);
        }
        if (hardStop != null) {
            emit(new TrialDiscarded(trialId, attempt, workerId, costSeconds, "finished after the "
                    + hardStop.name().toLowerCase().replace('_', '-') + " budget ran out", nowMillis), out);
            discardPending(nowMillis, out);
        } else {
            emit(new TrialCompleted(trialId, attempt, workerId, score, costSeconds, metrics, nowMillis), out);
        }
        return out;
    }

    /**
     * Records an evaluation that ended without a score. Only the attempt that is running counts: a
     * failure of an attempt that was lost, re-queued or stopped changes nothing.
     */
    public List<SearchEvent> fail(long trialId, int attempt, String workerId, String reason, double costSeconds,
            long nowMillis) {
        List<SearchEvent> out = checkClock(nowMillis);
        if (isRunning(trialId, attempt)) {
            emit(hardStop != null
                    ? new TrialDiscarded(trialId, attempt, workerId, costSeconds, "ended after the budget ran out: " + reason, nowMillis)
                    : new TrialFailed(trialId, attempt, workerId, reason, costSeconds, nowMillis), out);
        }
        return out;
    }

    /** Records a running attempt's intermediate validation score; reports of other attempts are dropped. */
    public List<SearchEvent> progress(long trialId, int attempt, String workerId, double epoch, double score,
            long nowMillis) {
        List<SearchEvent> out = new ArrayList<>();
        if (isRunning(trialId, attempt)) {
            emit(new ProgressReported(trialId, attempt, workerId, epoch, score, nowMillis), out);
        }
        return out;
    }

    /** The worker is gone: its attempt is re-queued (or given up after the last allowed attempt). */
    public List<SearchEvent> workerLost(String workerId, String reason, long nowMillis) {
        List<SearchEvent> out = checkClock(nowMillis);
        OptionalLong id = book.runningOn(workerId);
        if (id.isPresent()) {
            requeueOrGiveUp(book.get(id.getAsLong()).orElseThrow(), reason, nowMillis, out);
        }
        return out;
    }

    /** Re-queues every attempt whose deadline has passed; also applies the wall-clock budget. */
    public List<SearchEvent> requeueOverdue(long nowMillis) {
        List<SearchEvent> out = checkClock(nowMillis);
        List<TrialRecord> overdue = book.running().stream().map(id -> book.get(id).orElseThrow())
                .filter(r -> r.deadlineMillis() < nowMillis).toList();
        for (TrialRecord r : overdue) {
            requeueOrGiveUp(r, "deadline passed on worker " + r.workerId(), nowMillis, out);
        }
        return out;
    }

    private void requeueOrGiveUp(TrialRecord r, String reason, long now, List<SearchEvent> out) {
        if (hardStop != null) {
            return; // the search is over; nobody will run it again
        }
        if (r.attempt() >= settings.maxAttempts()) {
            emit(new TrialFailed(r.trialId(), r.attempt(), r.workerId(), "gave up after " + r.attempt()
                    + " lost attempts; last: " + reason, 0, now), out);
        } else {
            emit(new TrialRequeued(r.trialId(), r.attempt(), reason, now), out);
        }
    }

    private List<SearchEvent> checkClock(long now) {
        List<SearchEvent> out = new ArrayList<>();
        if (hardStop == null && settings.budget().wallClockExceeded((now - startMillis) / 1000.0)) {
            emit(new BudgetExhausted(Budget.Limit.WALL_CLOCK, now), out);
            discardPending(now, out);
        }
        return out;
    }

    private void discardPending(long now, List<SearchEvent> out) {
        for (Long id : List.copyOf(book.pending())) {
            TrialRecord r = book.get(id).orElseThrow();
            emit(new TrialDiscarded(id, r.attempt(), r.workerId(), 0, "not run: the budget ran out", now), out);
        }
    }

    private boolean isRunning(long trialId, int attempt) {
        return book.get(trialId).map(r -> r.status() == TrialStatus.RUNNING && r.attempt() == attempt).orElse(false);
    }

    private boolean isOpen(long trialId) {
        return book.get(trialId).map(r -> !r.status().isFinal()).orElse(false);
    }

    private long deadline(long now) {
        return now + settings.trialTimeoutMillis();
    }

    private void emit(SearchEvent event, List<SearchEvent> out) {
        apply(event);
        out.add(event);
    }

    /** Applies one event: the only place the search's state changes. */
    void apply(SearchEvent event) {
        book.apply(event);
        history.add(event);
        if (event instanceof SearchStarted e) {
            startMillis = e.atMillis();
        } else if (event instanceof TrialProposed e) {
            nextTrialId = e.trialId() + 1;
        } else if (event instanceof TrialAssigned e && e.attempt() == 1) {
            evaluationsStarted++;
        } else if (event instanceof TrialCompleted e) {
            deviceSeconds += e.costSeconds();
            TrialRecord r = book.get(e.trialId()).orElseThrow();
            if (best == null || r.score() > best.score()) {
                best = r;
            }
            controller.observe(r.architecture(), e.score());
        } else if (event instanceof TrialReused e) {
            TrialRecord r = book.get(e.trialId()).orElseThrow();
            controller.observe(r.architecture(), r.score());
        } else if (event instanceof TrialFailed e) {
            deviceSeconds += e.costSeconds();
        } else if (event instanceof TrialDiscarded e) {
            deviceSeconds += e.costSeconds();
        } else if (event instanceof BudgetExhausted e) {
            if (e.limit() == Budget.Limit.TRIALS) {
                trialLimitReached = true;
            } else if (hardStop == null) {
                hardStop = e.limit();
            }
        }
    }

    /** True when nothing more will be assigned or awaited. */
    public boolean isFinished() {
        return hardStop != null || (trialLimitReached && book.running().isEmpty() && book.nextPending().isEmpty());
    }

    /** The completed trial with the highest score; the earliest one on ties. */
    public Optional<TrialRecord> best() {
        return Optional.ofNullable(best);
    }

    /** Where the search stands at {@code nowMillis}. */
    public SearchSummary summary(long nowMillis) {
        Optional<Budget.Limit> limit = hardStop != null ? Optional.of(hardStop)
                : trialLimitReached ? Optional.of(Budget.Limit.TRIALS) : Optional.empty();
        return new SearchSummary(best(), book.countByStatus(), deviceSeconds, (nowMillis - startMillis) / 1000.0, limit,
                isFinished());
    }

    /** Every trial of the search. */
    public TrialBook book() {
        return book;
    }

    /** Every event so far, in order (a copy). */
    public List<SearchEvent> history() {
        return List.copyOf(history);
    }

    /** The search's fixed settings. */
    public SearchSettings settings() {
        return settings;
    }
}
