package dev.proxima.search;

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
import dev.proxima.space.SearchSpace;
import dev.proxima.stopping.TierEntry;
import dev.proxima.stopping.TierView;
import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Every trial of a search and the indexes the core decides with: the queue of trials waiting for a
 * worker, which worker runs what, which isomorphism class already has a result, and the trials of
 * each ladder tier ranked by score (the {@link TierView} promotion and stopping rules read). Changed
 * only through {@link #apply}, by trial events.
 */
public final class TrialBook implements TierView {
    private final SearchSpace space;
    private final Map<Long, TrialRecord> trials = new LinkedHashMap<>();
    private final ArrayDeque<Long> pending = new ArrayDeque<>();
    private final Map<String, Long> runningByWorker = new HashMap<>();
    /** (canonical hash, fidelity) of scored trials -> the first trial that scored it. */
    private final Map<String, Long> scoredByClass = new HashMap<>();
    private final Map<TrialStatus, Integer> counts = new EnumMap<>(TrialStatus.class);
    private final Map<Long, Integer> timesReused = new HashMap<>();
    private final List<List<Long>> idsByTier = new ArrayList<>();
    private final List<NavigableSet<Rank>> rankedByTier = new ArrayList<>();
    /** Per tier, the scored trials not promoted yet, best first, and the promoted ones in rank order. */
    private final List<NavigableSet<Rank>> unpromotedByTier = new ArrayList<>();
    private final List<List<Long>> promotedByTier = new ArrayList<>();
    /** Best score first, earlier trial first on ties. */
    private final Comparator<Long> byRank = (a, b) -> Rank.ORDER.compare(rankOf(a), rankOf(b));

    /**
     * A scored trial's place in its tier: the score travels with the id, so the sorted sets compare
     * without looking trials up (that lookup was the supervisor's hottest path at 100k trials).
     */
    private record Rank(double score, long trialId) {
        static final Comparator<Rank> ORDER = (a, b) -> {
            int byScore = Double.compare(b.score, a.score);
            return byScore != 0 ? byScore : Long.compare(a.trialId, b.trialId);
        };
    }

    TrialBook(SearchSpace space, int tiers) {
        this.space = space;
        for (int t = 0; t < tiers; t++) {
            idsByTier.add(new ArrayList<>());
            rankedByTier.add(new TreeSet<>(Rank.ORDER));
            unpromotedByTier.add(new TreeSet<>(Rank.ORDER));
            promotedByTier.add(new ArrayList<>());
        }
        for (TrialStatus status : TrialStatus.values()) {
            counts.put(status, 0);
        }
    }

    void apply(SearchEvent event) {
        if (event instanceof TrialProposed e) {
            put(e.trialId(), TrialRecord.proposed(e.trialId(), space.parse(e.architecture()), e.fidelity(), e.tier(),
                    e.promotedFrom(), e.atMillis()));
            idsByTier.get(e.tier()).add(e.trialId());
            if (e.promotedFrom() >= 0) {
                markPromoted(e.promotedFrom(), e.trialId());
            }
            pending.addLast(e.trialId());
        } else if (event instanceof TrialAssigned e) {
            pending.remove(e.trialId());
            runningByWorker.put(e.workerId(), e.trialId());
            update(e.trialId(), r -> r.assigned(e.attempt(), e.workerId(), e.deadlineMillis()));
        } else if (event instanceof TrialCompleted e) {
            TrialRecord r = finish(e.trialId());
            put(e.trialId(), r.finished(TrialStatus.COMPLETED, e.attempt(), e.workerId(), e.score(),
                    e.costSeconds(), e.metrics(), "", e.atMillis()));
            scoredByClass.putIfAbsent(classKey(r.canonicalHash(), r.fidelity()), e.trialId());
            ranked(r.tier(), e.trialId());
        } else if (event instanceof CandidateReused e) {
            // an observation, not a trial: counted, and kept out of the ranking, so promotion rules
            // see each evaluated class once and a duplicate is never promoted again
            counts.merge(TrialStatus.REUSED, 1, Integer::sum);
            timesReused.merge(e.sourceTrialId(), 1, Integer::sum);
            if (e.promotedFrom() >= 0) {
                markPromoted(e.promotedFrom(), e.sourceTrialId());
            }
        } else if (event instanceof TrialFailed e) {
            put(e.trialId(), finish(e.trialId()).finished(TrialStatus.FAILED, e.attempt(), e.workerId(),
                    Double.NaN, e.costSeconds(), Map.of(), e.reason(), e.atMillis()));
        } else if (event instanceof TrialDiscarded e) {
            put(e.trialId(), finish(e.trialId()).finished(TrialStatus.DISCARDED, e.attempt(), e.workerId(),
                    Double.NaN, e.costSeconds(), Map.of(), e.reason(), e.atMillis()));
        } else if (event instanceof TrialStopRequested e) {
            update(e.trialId(), r -> r.stopRequested(e.rule(), e.reason()));
        } else if (event instanceof TrialStopped e) {
            TrialRecord r = finish(e.trialId());
            put(e.trialId(), r.finished(TrialStatus.STOPPED, e.attempt(), e.workerId(), Double.NaN, e.costSeconds(),
                    Map.of(), r.reason(), e.atMillis()));
        } else if (event instanceof ProgressReported e) {
            update(e.trialId(), r -> r.progressed(e.epoch(), e.score()));
        } else if (event instanceof TrialRequeued e) {
            TrialRecord r = trials.get(e.trialId());
            runningByWorker.remove(r.workerId(), e.trialId());
            pending.addLast(e.trialId());
            put(e.trialId(), r.requeued(e.reason()));
        }
        // search-level events (SearchStarted, BudgetExhausted) do not touch trials
    }

    /** {@code from} moved up to {@code to} (a new trial, or the trial whose result the promotion reused). */
    private void markPromoted(long from, long to) {
        update(from, r -> r.promoted(to));
        int tier = trials.get(from).tier();
        unpromotedByTier.get(tier).remove(rankOf(from));
        List<Long> promoted = promotedByTier.get(tier);
        int at = Collections.binarySearch(promoted, from, byRank);
        promoted.add(at < 0 ? -at - 1 : at, from);
    }

    /** How often later candidates reused this trial's result (isomorphic duplicates, under dedup). */
    public int timesReused(long trialId) {
        return timesReused.getOrDefault(trialId, 0);
    }

    /** A trial of {@code tier} got its score: it enters the ranking, not yet promoted. */
    private void ranked(int tier, long trialId) {
        rankedByTier.get(tier).add(rankOf(trialId));
        unpromotedByTier.get(tier).add(rankOf(trialId));
    }

    private Rank rankOf(long trialId) {
        return new Rank(trials.get(trialId).score(), trialId);
    }

    private void update(long trialId, UnaryOperator<TrialRecord> change) {
        put(trialId, change.apply(trials.get(trialId)));
    }

    /** Stores a record and keeps the status counts in step. */
    private void put(long trialId, TrialRecord record) {
        TrialRecord old = trials.put(trialId, record);
        if (old != null) {
            counts.merge(old.status(), -1, Integer::sum);
        }
        counts.merge(record.status(), 1, Integer::sum);
    }

    /** Takes a trial out of the queue and off every worker; returns its record. */
    private TrialRecord finish(long trialId) {
        pending.remove(trialId);
        runningByWorker.values().removeIf(id -> id == trialId);
        return trials.get(trialId);
    }

    private static String classKey(String canonicalHash, String fidelity) {
        return canonicalHash + "@" + fidelity;
    }

    /** The trial with this id, if any. */
    public Optional<TrialRecord> get(long trialId) {
        return Optional.ofNullable(trials.get(trialId));
    }

    /** All trials in proposal order (a read-only view). */
    public Collection<TrialRecord> trials() {
        return Collections.unmodifiableCollection(trials.values());
    }

    /** Number of trials proposed so far. */
    public int size() {
        return trials.size();
    }

    /** The trial the worker is running, if any. */
    public OptionalLong runningOn(String workerId) {
        Long id = runningByWorker.get(workerId);
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    /** The space the trials' architectures belong to. */
    SearchSpace space() {
        return space;
    }

    /** Trials running now. */
    public Collection<Long> running() {
        return Collections.unmodifiableCollection(runningByWorker.values());
    }

    /** The next trial waiting for a worker, if any. */
    OptionalLong nextPending() {
        Long id = pending.peekFirst();
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    /** Trials waiting for a worker, oldest first. */
    Collection<Long> pending() {
        return Collections.unmodifiableCollection(pending);
    }

    /** The first trial that scored an architecture of this isomorphism class at this fidelity. */
    OptionalLong scoredTrialOf(String canonicalHash, String fidelity) {
        Long id = scoredByClass.get(classKey(canonicalHash, fidelity));
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    @Override
    public int tiers() {
        return idsByTier.size();
    }

    @Override
    public List<TrialRecord> at(int tier) {
        List<Long> ids = idsByTier.get(tier);
        return new AbstractList<>() {
            @Override
            public TrialRecord get(int index) {
                return trials.get(ids.get(index));
            }

            @Override
            public int size() {
                return ids.size();
            }
        };
    }

    @Override
    public Iterable<TierEntry> ranked(int tier) {
        NavigableSet<Rank> ids = rankedByTier.get(tier);
        return () -> ids.stream().<TierEntry>map(r -> trials.get(r.trialId())).iterator();
    }

    @Override
    public Optional<TierEntry> bestUnpromoted(int tier) {
        NavigableSet<Rank> ids = unpromotedByTier.get(tier);
        return ids.isEmpty() ? Optional.empty() : Optional.of(trials.get(ids.first().trialId()));
    }

    @Override
    public int promotedAbove(int tier, long trialId) {
        int at = Collections.binarySearch(promotedByTier.get(tier), trialId, byRank);
        return at < 0 ? -at - 1 : at;
    }

    @Override
    public int scoredCount(int tier) {
        return rankedByTier.get(tier).size();
    }

    /** How many trials are in each status. */
    public Map<TrialStatus, Integer> countByStatus() {
        return new EnumMap<>(counts);
    }
}
