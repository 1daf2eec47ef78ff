package dev.proxima.search;

import dev.proxima.controller.Controller;
import dev.proxima.evaluation.EvaluationRequest;
import dev.proxima.fusion.EvidenceBook;
import dev.proxima.fusion.FusedScore;
import dev.proxima.fusion.FusedTierView;
import dev.proxima.fusion.Fusion;
import dev.proxima.proxy.ProxyLadder;
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
import dev.proxima.space.Architecture;
import dev.proxima.space.SearchSpace;
import dev.proxima.stopping.Decision;
import dev.proxima.stopping.TierView;
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
 * <p>Trials are (candidate, ladder tier) pairs. A worker that asks for work gets, in this order: a
 * re-queued attempt, the promotion the {@link Strategy}'s promotion rule says is due, or a new
 * candidate from the controller at tier 0. Progress reports go to the stopping rule; a stop becomes
 * a {@link TrialStopRequested} event for the caller to deliver, and the trial ends when the worker
 * reports back.
 *
 * <p>With {@link Fusion} on, every scored trial's evidence (its tier's score, zero-cost scores it
 * reported) joins its candidate's, and the fused rank vote can be the answer, the controller's
 * reward and the promotion criterion; all of it follows from the events, so recovery fuses alike.
 *
 * <p>Not thread-safe: one owner (an actor, or the simulator loop) calls it.
 */
public final class SearchCore {
    /**
     * Consecutive reused results after which the search stops taking the controller's duplicates:
     * a converged controller proposes little else, and without a bound the work of a search would
     * grow with its budget rather than with its real evaluations.
     */
    static final int MAX_REUSES_IN_A_ROW = 5;
    /** Uniform draws tried for a candidate no trial has scored yet, once the bound is reached. */
    static final int UNEXPLORED_DRAWS = 100;
    /** Decorrelates the stream of those draws from the controller's stream of the same trial id. */
    private static final long UNEXPLORED_STREAM = 0x5DEECE66DL;

    private final SearchSettings settings;
    private final Strategy strategy;
    private final Controller controller;
    private final ProxyLadder ladder;
    private final TrialBook book;
    private final EvidenceBook evidence;
    /** What the promotion rule ranks: the trials' own scores, or their fused scores. */
    private final TierView promotionView;
    /** Zero-cost scores a bottom-tier trial computes besides its own, as fusion evidence. */
    private final List<String> extraScores;
    private final List<SearchEvent> history = new ArrayList<>();

    private long startMillis;
    /** Time between a process's last event and the next process's resume: not search time. */
    private long downMillis;
    private long nextTrialId = 1;
    private long evaluationsStarted;
    private double deviceSeconds;
    private boolean trialLimitReached;
    /** Which limit set {@link #trialLimitReached}: the trial budget or an exhausted space. */
    private Budget.Limit softLimit = Budget.Limit.TRIALS;
    private Budget.Limit hardStop;
    /** The best scored trial of each tier. */
    private final TrialRecord[] bestByTier;

    private SearchCore(SearchSettings settings, SearchSpace space, Strategy strategy) {
        this.settings = settings;
        this.strategy = strategy;
        this.controller = strategy.controller();
        this.ladder = settings.ladder();
        this.book = new TrialBook(space, ladder.size());
        this.bestByTier = new TrialRecord[ladder.size()];
        Fusion fusion = settings.fusion();
        this.evidence = new EvidenceBook(fusion, ladder);
        this.promotionView = fusion.promotion() ? new FusedTierView(book, id -> book.get(id).orElseThrow(), evidence) : book;
        this.extraScores = fusion.extraScores(ladder);
    }

    /** A new search, started at {@code nowMillis}. */
    public static SearchCore start(SearchSettings settings, SearchSpace space, Strategy strategy, long nowMillis) {
        SearchCore core = new SearchCore(settings, space, strategy);
        core.emit(new SearchStarted(settings.seed(), nowMillis), new ArrayList<>());
        return core;
    }

    /** A new single-tier search without promotions or early stopping. */
    public static SearchCore start(SearchSettings settings, SearchSpace space, Controller controller, long nowMillis) {
        return start(settings, space, Strategy.of(controller), nowMillis);
    }

    /** Rebuilds a search from its events; the strategy must be fresh and configured as before. */
    public static SearchCore recover(SearchSettings settings, SearchSpace space, Strategy strategy,
            List<SearchEvent> events) {
        SearchCore core = new SearchCore(settings, space, strategy);
        events.forEach(core::apply);
        return core;
    }

    /**
     * The search goes on in a new process: the time since the last journaled event stops counting
     * against the wall clock, and every attempt that was in flight goes back to the queue (a
     * restart is not the trial's fault, so it never gives the trial up as a loss past
     * {@code max-attempts} does); one a stopping rule had rejected ends stopped, as its worker's
     * answer would have.
     */
    public List<SearchEvent> resume(long nowMillis) {
        List<SearchEvent> out = new ArrayList<>();
        long lastAlive = history.isEmpty() ? nowMillis : history.get(history.size() - 1).atMillis();
        emit(new SearchResumed(lastAlive, Math.max(nowMillis, lastAlive)), out);
        if (hardStop == null) {
            for (Long id : List.copyOf(book.running())) {
                putBack(book.get(id).orElseThrow(), "the search restarted", nowMillis, out);
            }
        }
        out.addAll(checkClock(nowMillis));
        return out;
    }

    /**
     * Gives the worker something to do: its current attempt if it has one (nothing is emitted
     * then), else the oldest re-queued trial, else a due promotion, else a new proposal. Read the
     * result with {@link #assignmentFor}; it is empty when the budget allows no more work.
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
            createAndAssign(workerId, nowMillis, out);
        }
        return out;
    }

    /**
     * Creates the next trial (a promotion if one is due, else a proposal) and assigns it; reused
     * results loop on. After {@link #MAX_REUSES_IN_A_ROW} reuses the next trial is a new candidate
     * that no trial has scored, drawn uniformly when the controller's proposal is another
     * duplicate; when no such draw is found the space counts as exhausted and proposals end.
     */
    private void createAndAssign(String workerId, long now, List<SearchEvent> out) {
        boolean dedup = settings.dedup() == DedupPolicy.ISOMORPHIC;
        for (int reuses = 0; ; reuses++) {
            long id = nextTrialId;
            boolean stuck = reuses >= MAX_REUSES_IN_A_ROW;
            OptionalLong promote = stuck ? OptionalLong.empty() : strategy.promotions().nextPromotion(promotionView);
            Architecture candidate;
            int tier;
            if (promote.isPresent()) {
                TrialRecord from = book.get(promote.getAsLong()).orElseThrow(() -> new IllegalStateException(
                        "promotion rule " + strategy.promotions().describe() + " named unknown trial " + promote.getAsLong()));
                if (!from.isScored() || from.isPromoted() || from.tier() >= ladder.top()) {
                    throw new IllegalStateException("promotion rule " + strategy.promotions().describe()
                            + " named trial " + from.trialId() + ", which cannot move up (" + from.status() + ", tier "
                            + from.tier() + (from.isPromoted() ? ", already promoted" : "") + ")");
                }
                candidate = from.architecture();
                tier = from.tier() + 1;
            } else {
                candidate = controller.propose(Seeds.forIndex(settings.seed(), id));
                tier = 0;
                if (stuck && dedup) {
                    Optional<Architecture> fresh = unexplored(candidate, id);
                    if (fresh.isEmpty()) {
                        emit(new BudgetExhausted(Budget.Limit.SPACE, now), out);
                        return;
                    }
                    candidate = fresh.get();
                }
            }
            String fidelity = ladder.tier(tier).name();
            OptionalLong source = dedup && !stuck ? book.scoredTrialOf(candidate.canonicalHash(), fidelity) : OptionalLong.empty();
            if (source.isPresent()) {
                emit(new CandidateReused(id, candidate.encode(), tier, promote.orElse(-1), source.getAsLong(), now), out);
                continue;
            }
            emit(new TrialProposed(id, candidate.encode(), candidate.canonicalHash(), fidelity, tier,
                    promote.orElse(-1), now), out);
            emit(new TrialAssigned(id, 1, workerId, deadline(now), now), out);
            if (settings.budget().trialsExhausted(evaluationsStarted)) {
                emit(new BudgetExhausted(Budget.Limit.TRIALS, now), out);
            }
            return;
        }
    }

    /**
     * {@code proposed} when no trial scored its class at tier 0, else the first such uniform draw;
     * empty when {@link #UNEXPLORED_DRAWS} draws found none (the space looks exhausted).
     */
    private Optional<Architecture> unexplored(Architecture proposed, long trialId) {
        String bottom = ladder.tier(0).name();
        if (book.scoredTrialOf(proposed.canonicalHash(), bottom).isEmpty()) {
            return Optional.of(proposed);
        }
        var rng = Seeds.forIndex(settings.seed() ^ UNEXPLORED_STREAM, trialId);
        for (int i = 0; i < UNEXPLORED_DRAWS; i++) {
            Architecture drawn = book.space().sample(rng);
            if (book.scoredTrialOf(drawn.canonicalHash(), bottom).isEmpty()) {
                return Optional.of(drawn);
            }
        }
        return Optional.empty();
    }

    /** The attempt the worker should be running now, if any; none once the budget has run out. */
    public Optional<Assignment> assignmentFor(String workerId) {
        OptionalLong id = book.runningOn(workerId);
        if (id.isEmpty() || hardStop != null) {
            return Optional.empty();
        }
        TrialRecord r = book.get(id.getAsLong()).orElseThrow();
        return Optional.of(new Assignment(workerId, r.deadlineMillis(), r.tier(), new EvaluationRequest(r.trialId(),
                r.attempt(), r.architecture(), ladder.tier(r.tier()), ladder.resumeOf(r.tier(), r.promotedFrom()),
                r.tier() == 0 ? extraScores : List.of())));
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
        TrialRecord open = book.get(trialId).orElseThrow();
        if (open.status() == TrialStatus.RUNNING && open.attempt() != attempt) {
            // an earlier attempt's result won: the attempt now running is not needed any more
            emit(new AttemptAbandoned(trialId, open.attempt(), open.workerId(), "the trial was finished by attempt "
                    + attempt, nowMillis), out);
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
     * failure of an attempt that was lost or re-queued changes nothing. When a stopping rule had
     * asked the attempt to stop, this is the worker's answer and the trial ends STOPPED.
     */
    public List<SearchEvent> fail(long trialId, int attempt, String workerId, String reason, double costSeconds,
            long nowMillis) {
        List<SearchEvent> out = checkClock(nowMillis);
        if (isRunning(trialId, attempt) && book.get(trialId).orElseThrow().isStopRequested()) {
            emit(new TrialStopped(trialId, attempt, workerId, costSeconds, nowMillis), out);
        } else if (isRunning(trialId, attempt)) {
            emit(hardStop != null
                    ? new TrialDiscarded(trialId, attempt, workerId, costSeconds, "ended after the budget ran out: " + reason, nowMillis)
                    : new TrialFailed(trialId, attempt, workerId, reason, costSeconds, nowMillis), out);
        }
        return out;
    }

    /**
     * Records a running attempt's intermediate validation score and asks the stopping rule about
     * it; a stop comes back as a {@link TrialStopRequested} event. Reports of other attempts, and
     * of attempts already asked to stop, are dropped.
     */
    public List<SearchEvent> progress(long trialId, int attempt, String workerId, double epoch, double score,
            long nowMillis) {
        List<SearchEvent> out = new ArrayList<>();
        if (!isRunning(trialId, attempt) || book.get(trialId).orElseThrow().isStopRequested()) {
            return out;
        }
        emit(new ProgressReported(trialId, attempt, workerId, epoch, score, nowMillis), out);
        TrialRecord r = book.get(trialId).orElseThrow();
        // the report at the tier's last epoch comes with the result: stopping it would save nothing
        boolean last = epoch >= ladder.tier(r.tier()).epochs();
        if (hardStop == null && Double.isFinite(score) && !last) {
            Decision d = strategy.stopping().onProgress(r, book);
            if (d.stop()) {
                emit(new TrialStopRequested(trialId, attempt, workerId, d.rule(), d.reason(), nowMillis), out);
            }
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

    /**
     * The worker leaves (it shuts down or is recycled) before its attempt ended and hands it back:
     * the trial goes back to the queue at once, like a restart, and the hand-back itself never
     * gives the trial up (a loss does, after max-attempts). A hand-back of an attempt that is not
     * running on that worker changes nothing.
     */
    public List<SearchEvent> handBack(long trialId, int attempt, String workerId, String reason, long nowMillis) {
        List<SearchEvent> out = checkClock(nowMillis);
        OptionalLong running = book.runningOn(workerId);
        if (hardStop == null && isRunning(trialId, attempt) && running.isPresent() && running.getAsLong() == trialId) {
            putBack(book.get(trialId).orElseThrow(), "handed back by worker " + workerId + ": " + reason, nowMillis, out);
        }
        return out;
    }

    /** The attempt ends through no fault of the trial: re-queued, or stopped if a rule had rejected it. */
    private void putBack(TrialRecord r, String reason, long now, List<SearchEvent> out) {
        emit(new AttemptAbandoned(r.trialId(), r.attempt(), r.workerId(), reason, now), out);
        emit(r.isStopRequested() ? new TrialStopped(r.trialId(), r.attempt(), r.workerId(), 0, now)
                : new TrialRequeued(r.trialId(), r.attempt(), reason, now), out);
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
        emit(new AttemptAbandoned(r.trialId(), r.attempt(), r.workerId(), "the attempt was abandoned: " + reason, now), out);
        if (r.isStopRequested()) {
            emit(new TrialStopped(r.trialId(), r.attempt(), r.workerId(), 0, now), out); // rejected anyway
        } else if (r.attempt() >= settings.maxAttempts()) {
            emit(new TrialFailed(r.trialId(), r.attempt(), r.workerId(), "gave up after " + r.attempt()
                    + " lost attempts; last: " + reason, 0, now), out);
        } else {
            emit(new TrialRequeued(r.trialId(), r.attempt(), reason, now), out);
        }
    }

    private List<SearchEvent> checkClock(long now) {
        List<SearchEvent> out = new ArrayList<>();
        if (hardStop == null && settings.budget().wallClockExceeded(aliveSeconds(now))) {
            emit(new BudgetExhausted(Budget.Limit.WALL_CLOCK, now), out);
            discardPending(now, out);
        }
        return out;
    }

    /**
     * The budget ran out: queued trials will never run, and attempts still running are abandoned
     * (their late results are ignored), so no trial stays open after the search.
     */
    private void discardPending(long now, List<SearchEvent> out) {
        for (Long id : List.copyOf(book.pending())) {
            TrialRecord r = book.get(id).orElseThrow();
            emit(new TrialDiscarded(id, r.attempt(), r.workerId(), 0, "not run: the budget ran out", now), out);
        }
        for (Long id : List.copyOf(book.running())) {
            TrialRecord r = book.get(id).orElseThrow();
            emit(new AttemptAbandoned(id, r.attempt(), r.workerId(), "the budget ran out", now), out);
            emit(new TrialDiscarded(id, r.attempt(), r.workerId(), 0, "abandoned in flight: the budget ran out", now), out);
        }
    }

    /** Search time until {@code now}: the periods a process ran it. */
    private double aliveSeconds(long now) {
        return (now - startMillis - downMillis) / 1000.0;
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
        } else if (event instanceof SearchResumed e) {
            downMillis += e.atMillis() - e.lastAliveMillis();
        } else if (event instanceof TrialProposed e) {
            nextTrialId = e.trialId() + 1;
            controller.issued(e.trialId(), book.get(e.trialId()).orElseThrow().architecture(), e.tier(), e.promotedFrom());
        } else if (event instanceof TrialAssigned e && e.attempt() == 1) {
            evaluationsStarted++;
        } else if (event instanceof TrialCompleted e) {
            deviceSeconds += e.costSeconds();
            scored(book.get(e.trialId()).orElseThrow());
        } else if (event instanceof CandidateReused e) {
            nextTrialId = e.proposalId() + 1;
            Architecture architecture = book.space().parse(e.architecture());
            TrialRecord source = book.get(e.sourceTrialId()).orElseThrow();
            controller.issued(e.proposalId(), architecture, e.tier(), e.promotedFrom());
            controller.observe(new Controller.Observation(e.proposalId(), architecture, e.tier(), e.tier() == ladder.top(),
                    reward(source), true));
        } else if (event instanceof TrialStopped e) {
            deviceSeconds += e.costSeconds();
        } else if (event instanceof TrialFailed e) {
            deviceSeconds += e.costSeconds();
        } else if (event instanceof TrialDiscarded e) {
            deviceSeconds += e.costSeconds();
        } else if (event instanceof BudgetExhausted e) {
            if (!e.limit().endsAtOnce()) {
                trialLimitReached = true;
                softLimit = e.limit();
            } else if (hardStop == null) {
                hardStop = e.limit();
            }
        }
    }

    private void scored(TrialRecord r) {
        TrialRecord best = bestByTier[r.tier()];
        if (best == null || r.score() > best.score()) {
            bestByTier[r.tier()] = r;
        }
        evidence.scored(r.trialId(), r.promotedFrom(), r.fidelity(), r.score(), r.metrics());
        controller.observe(new Controller.Observation(r.trialId(), r.architecture(), r.tier(), r.tier() == ladder.top(),
                reward(r), false));
    }

    /** What the controller learns from a scored trial: its score, or its fused score at its tier. */
    private double reward(TrialRecord r) {
        if (settings.fusion().reward()) {
            double fused = evidence.fused(r.trialId(), r.tier());
            return Double.isNaN(fused) ? 0 : fused;
        }
        return r.score();
    }

    /** True when nothing more will be assigned or awaited. */
    public boolean isFinished() {
        return hardStop != null || (trialLimitReached && book.running().isEmpty() && book.nextPending().isEmpty());
    }

    /**
     * The search's answer: the highest-scoring trial of the highest tier that has a score (scores
     * are compared only within a tier); the earliest one on ties. When fusion answers, it is the
     * best fused score among the trials of the answer tier (of the highest tier below it that has
     * scored trials, until one reaches it), fused from the evidence up to that tier.
     */
    public Optional<TrialRecord> best() {
        int from = settings.fusion().answers() ? settings.fusion().answerTier() : ladder.top();
        for (int tier = from; tier >= 0; tier--) {
            if (bestByTier[tier] != null) {
                return Optional.of(settings.fusion().answers() ? bestFused(tier) : bestByTier[tier]);
            }
        }
        return Optional.empty();
    }

    private TrialRecord bestFused(int tier) {
        TrialRecord best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (TrialRecord r : book.at(tier)) {
            double fused = r.isScored() ? evidence.fused(r.trialId(), tier) : Double.NaN;
            if (fused > bestScore) { // earliest on ties: proposal order
                best = r;
                bestScore = fused;
            }
        }
        return best != null ? best : bestByTier[tier];
    }

    /** The trial's fused score at its tier and the evidence it came from (no pieces without fusion). */
    public FusedScore evidenceOf(TrialRecord trial) {
        return evidence.explain(trial.trialId(), trial.tier());
    }

    /** The highest-scoring trial of one tier. */
    public Optional<TrialRecord> bestAt(int tier) {
        return Optional.ofNullable(bestByTier[tier]);
    }

    /** Where the search stands at {@code nowMillis}. */
    public SearchSummary summary(long nowMillis) {
        Optional<Budget.Limit> limit = hardStop != null ? Optional.of(hardStop)
                : trialLimitReached ? Optional.of(softLimit) : Optional.empty();
        Optional<TrialRecord> best = best();
        FusedScore why = best.map(this::evidenceOf).orElse(new FusedScore(Double.NaN, List.of()));
        return new SearchSummary(best, book.countByStatus(), deviceSeconds, aliveSeconds(nowMillis), limit, isFinished(), why);
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
