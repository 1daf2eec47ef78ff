package dev.proxima.view;

import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchEvent.AttemptAbandoned;
import dev.proxima.search.SearchEvent.ProgressReported;
import dev.proxima.search.SearchEvent.TrialAssigned;
import dev.proxima.search.SearchEvent.TrialCompleted;
import dev.proxima.search.SearchEvent.TrialDiscarded;
import dev.proxima.search.SearchEvent.TrialFailed;
import dev.proxima.search.SearchEvent.TrialProposed;
import dev.proxima.search.SearchEvent.TrialRequeued;
import dev.proxima.search.SearchEvent.TrialStopRequested;
import dev.proxima.search.SearchEvent.TrialStopped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * What the live page of one search draws, kept up to date from the search's events: the
 * best-so-far score against device-hours, the tier funnel, recent learning curves with their
 * rejection points, what each worker runs and how busy it has been, the scores of candidates that
 * reached two adjacent tiers, and (when the ground truth is known) the early-rejection audit.
 *
 * <p>It only folds events it is given (off the supervisor's thread, a few map updates per event) and
 * answers {@link #snapshot} from any thread; both hold its lock, so a snapshot is consistent.
 * Memory grows by one small record per trial; curves are kept for the last {@code curvesKept}
 * trials that reported progress only.
 */
public final class LiveView {
    private final List<String> tiers;
    private final Function<String, OptionalDouble> truth;
    private final int curvesKept;
    private final Map<Long, Trial> trials = new HashMap<>();
    private final Deque<Long> curveOrder = new ArrayDeque<>();
    private final Map<String, Worker> workers = new LinkedHashMap<>();
    private final List<double[]> bestSoFar = new ArrayList<>();
    private final int[][] funnel;
    private final Map<String, Integer> statusCounts = new LinkedHashMap<>();
    /** Per lower tier: (lower score, upper score, lower id, upper id) of candidates that reached the tier above. */
    private final List<List<double[]>> pairs = new ArrayList<>();
    /** With ground truth: each architecture's, the best {@link #AUDIT_K} of them, and the rejected ones by truth. */
    private final Map<String, Double> truths = new HashMap<>();
    private final java.util.PriorityQueue<Double> topTruths = new java.util.PriorityQueue<>();
    private final java.util.TreeMap<Double, List<Trial>> rejectedByTruth = new java.util.TreeMap<>();
    private final java.util.Set<String> rejectedArchitectures = new java.util.HashSet<>();
    private boolean truthKnown = true;
    /**
     * Architectures and rejected trials the audit has not looked at yet: the truth is looked up
     * when the page asks, on its thread, not on the supervisor's as the events come.
     */
    private final List<String> unlooked = new ArrayList<>();
    private final List<Trial> unfiled = new ArrayList<>();
    private double deviceSeconds;
    private double bestScore = Double.NEGATIVE_INFINITY;
    private long firstMillis = -1;
    private long lastMillis;
    private long events;

    /**
     * @param tiers the ladder's tier names, bottom first
     * @param truth an architecture's ground-truth final score (a replayed table's), or null when there is none
     * @param curvesKept how many of the latest learning curves to keep
     */
    public LiveView(List<String> tiers, Function<String, OptionalDouble> truth, int curvesKept) {
        this.tiers = List.copyOf(tiers);
        this.truth = truth;
        this.curvesKept = curvesKept;
        this.funnel = new int[tiers.size()][Stage.values().length];
        for (String status : List.of("pending", "running", "completed", "stopped", "failed", "discarded")) {
            statusCounts.put(status, 0);
        }
        for (int k = 0; k + 1 < tiers.size(); k++) {
            pairs.add(new ArrayList<>());
        }
    }

    /** The audit's false kills are rejected candidates whose true score is among this many best seen. */
    static final int AUDIT_K = 10;

    /** A view without ground truth. */
    public LiveView(List<String> tiers) {
        this(tiers, null, 60);
    }

    /** The counts of the tier funnel, in the order the page shows them. */
    enum Stage { ENTERED, COMPLETED, PROMOTED, STOPPED, FAILED }

    private static final class Trial {
        final long id;
        final String architecture;
        final int tier;
        final long promotedFrom;
        String status = "pending";
        double score = Double.NaN;
        String worker = "";
        List<double[]> curve;
        String rule = "";
        String reason = "";

        Trial(long id, String architecture, int tier, long promotedFrom) {
            this.id = id;
            this.architecture = architecture;
            this.tier = tier;
            this.promotedFrom = promotedFrom;
        }
    }

    private static final class Worker {
        final String id;
        long trial = -1;
        long busySince;
        long busyMillis;
        final long firstSeen;
        int attempts;

        Worker(String id, long firstSeen) {
            this.id = id;
            this.firstSeen = firstSeen;
        }
    }

    public synchronized void apply(List<SearchEvent> batch) {
        for (SearchEvent e : batch) {
            apply(e);
        }
    }

    private void apply(SearchEvent e) {
        events++;
        if (firstMillis < 0) {
            firstMillis = e.atMillis();
        }
        lastMillis = Math.max(lastMillis, e.atMillis());
        if (e instanceof TrialProposed p) {
            trials.put(p.trialId(), new Trial(p.trialId(), p.architecture(), p.tier(), p.promotedFrom()));
            statusCounts.merge("pending", 1, Integer::sum);
            count(p.tier(), Stage.ENTERED);
            if (truth != null && truthKnown) {
                unlooked.add(p.architecture());
            }
            if (p.promotedFrom() >= 0) {
                Trial from = trials.get(p.promotedFrom());
                if (from != null) {
                    count(from.tier, Stage.PROMOTED);
                }
            }
        } else if (e instanceof TrialAssigned a) {
            trial(a.trialId(), t -> {
                status(t, "running");
                t.worker = a.workerId();
            });
            Worker w = workers.computeIfAbsent(a.workerId(), id -> new Worker(id, a.atMillis()));
            idle(w, a.atMillis());
            w.trial = a.trialId();
            w.busySince = a.atMillis();
            w.attempts++;
        } else if (e instanceof ProgressReported p) {
            trial(p.trialId(), t -> curve(t).add(new double[] {p.epoch(), p.score()}));
        } else if (e instanceof TrialCompleted c) {
            deviceSeconds += c.costSeconds();
            ended(c.trialId(), c.workerId(), c.atMillis(), "completed", Stage.COMPLETED);
            trial(c.trialId(), t -> {
                t.score = c.score();
                pair(t);
                if (c.score() > bestScore) {
                    bestScore = c.score();
                    bestSoFar.add(new double[] {deviceSeconds / 3600, c.score(), c.trialId()});
                }
            });
        } else if (e instanceof TrialStopRequested s) {
            trial(s.trialId(), t -> {
                t.rule = s.rule();
                t.reason = s.reason();
            });
        } else if (e instanceof TrialStopped s) {
            deviceSeconds += s.costSeconds();
            ended(s.trialId(), s.workerId(), s.atMillis(), "stopped", Stage.STOPPED);
        } else if (e instanceof TrialFailed f) {
            deviceSeconds += f.costSeconds();
            trial(f.trialId(), t -> t.reason = f.reason());
            ended(f.trialId(), f.workerId(), f.atMillis(), "failed", Stage.FAILED);
        } else if (e instanceof TrialDiscarded d) {
            deviceSeconds += d.costSeconds();
            ended(d.trialId(), d.workerId(), d.atMillis(), "discarded", null);
        } else if (e instanceof TrialRequeued r) {
            trial(r.trialId(), t -> {
                Worker w = workers.get(t.worker);
                if (w != null && w.trial == r.trialId()) {
                    idle(w, r.atMillis());
                }
                status(t, "pending");
            });
        } else if (e instanceof AttemptAbandoned a) {
            Worker w = workers.get(a.workerId());
            if (w != null && w.trial == a.trialId()) {
                idle(w, a.atMillis());
            }
        }
    }

    private void count(int tier, Stage stage) {
        if (tier >= 0 && tier < funnel.length) {
            funnel[tier][stage.ordinal()]++;
        }
    }

    private void trial(long id, java.util.function.Consumer<Trial> change) {
        Trial t = trials.get(id);
        if (t != null) {
            change.accept(t);
        }
    }

    private List<double[]> curve(Trial t) {
        if (t.curve == null) {
            t.curve = new ArrayList<>();
            curveOrder.addLast(t.id);
            while (curveOrder.size() > curvesKept) {
                Trial old = trials.get(curveOrder.removeFirst());
                if (old != null) {
                    old.curve = null;
                }
            }
        }
        return t.curve;
    }

    private void ended(long trialId, String workerId, long at, String status, Stage stage) {
        Trial t = trials.get(trialId);
        if (t != null && (t.status.equals("pending") || t.status.equals("running"))) {
            status(t, status);
            if (stage != null) {
                count(t.tier, stage);
            }
            if (status.equals("stopped") && truth != null && truthKnown) {
                unfiled.add(t);
            }
        }
        Worker w = workers.get(workerId);
        if (w != null && w.trial == trialId) {
            idle(w, at);
        }
    }

    private void status(Trial t, String status) {
        statusCounts.merge(t.status, -1, Integer::sum);
        statusCounts.merge(status, 1, Integer::sum);
        t.status = status;
    }

    /** A promoted trial scored: it and its lower tier's trial are a point of that tier pair. */
    private void pair(Trial upper) {
        Trial lower = upper.promotedFrom >= 0 ? trials.get(upper.promotedFrom) : null;
        if (lower != null && !Double.isNaN(lower.score) && !Double.isNaN(upper.score) && lower.tier + 1 == upper.tier
                && lower.tier < pairs.size()) {
            pairs.get(lower.tier).add(new double[] {lower.score, upper.score, lower.id, upper.id});
        }
    }

    /** Looks an architecture's ground truth up once; one without makes the audit unknowable. */
    private void learnTruth(String architecture) {
        if (truth == null || !truthKnown || truths.containsKey(architecture)) {
            return;
        }
        OptionalDouble v = truth.apply(architecture);
        if (v.isEmpty()) {
            truthKnown = false;
            return;
        }
        truths.put(architecture, v.getAsDouble());
        topTruths.add(v.getAsDouble());
        if (topTruths.size() > AUDIT_K) {
            topTruths.poll();
        }
    }

    private void rejected(Trial t) {
        Double v = truths.get(t.architecture);
        if (v != null && rejectedArchitectures.add(t.architecture)) {
            rejectedByTruth.computeIfAbsent(v, x -> new ArrayList<>()).add(t);
        }
    }

    private static void idle(Worker w, long at) {
        if (w.trial >= 0) {
            w.busyMillis += Math.max(0, at - w.busySince);
            w.trial = -1;
        }
    }

    /** The tier of a trial, or -1 for one this view has not seen proposed. */
    public synchronized int tierOf(long trialId) {
        Trial t = trials.get(trialId);
        return t == null ? -1 : t.tier;
    }

    /** Events folded so far. */
    public synchronized long events() {
        return events;
    }

    /** Each worker's busy fraction since it first got work, at {@code nowMillis} on the search's clock. */
    public synchronized Map<String, Double> busyFractions(long nowMillis) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Worker w : workers.values()) {
            out.put(w.id, busyFraction(w, nowMillis));
        }
        return out;
    }

    private static double busyFraction(Worker w, long now) {
        long busy = w.busyMillis + (w.trial >= 0 ? Math.max(0, now - w.busySince) : 0);
        long span = now - w.firstSeen;
        return span <= 0 ? (w.trial >= 0 ? 1 : 0) : Math.min(1, (double) busy / span);
    }

    /** Per tier pair (k, k+1): the candidates that reached both, with both scores; see {@link TierPair}. */
    public synchronized List<TierPair> tierPairs() {
        List<TierPair> out = new ArrayList<>();
        for (int k = 0; k < pairs.size(); k++) {
            out.add(new TierPair(tiers.get(k), tiers.get(k + 1), List.copyOf(pairs.get(k))));
        }
        return out;
    }

    /** Trials in each status, pending and running included. */
    public synchronized Map<String, Integer> statusCounts() {
        return new LinkedHashMap<>(statusCounts);
    }

    /**
     * Everything the page draws, as plain maps and lists (a JSON tree); scores that are not numbers
     * are left out rather than written as NaN, which JSON cannot carry.
     */
    public synchronized Map<String, Object> snapshot(long nowMillis) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", events);
        out.put("elapsedSeconds", firstMillis < 0 ? 0 : (Math.max(nowMillis, lastMillis) - firstMillis) / 1000.0);
        out.put("deviceHours", deviceSeconds / 3600);
        out.put("status", statusCounts());
        out.put("bestSoFar", bestSoFar.stream().map(p -> List.of(p[0], p[1], (long) p[2])).toList());
        List<Map<String, Object>> tierRows = new ArrayList<>();
        for (int k = 0; k < tiers.size(); k++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("tier", tiers.get(k));
            for (Stage s : Stage.values()) {
                row.put(s.name().toLowerCase(java.util.Locale.ROOT), funnel[k][s.ordinal()]);
            }
            tierRows.add(row);
        }
        out.put("funnel", tierRows);
        List<Map<String, Object>> curves = new ArrayList<>();
        for (long id : curveOrder) {
            Trial t = trials.get(id);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("trial", t.id);
            c.put("tier", tiers.get(t.tier));
            c.put("status", t.status);
            c.put("points", t.curve.stream().filter(p -> !Double.isNaN(p[1])).map(p -> List.of(p[0], p[1])).toList());
            if (!t.rule.isEmpty()) {
                c.put("rejectedBy", t.rule);
                c.put("reason", t.reason);
            }
            curves.add(c);
        }
        out.put("curves", curves);
        out.put("workers", workers(nowMillis));
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (TierPair p : tierPairs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lower", p.lower());
            m.put("upper", p.upper());
            m.put("points", p.points().stream().map(x -> List.of(x[0], x[1], (long) x[2])).toList());
            OptionalDouble rho = p.spearman();
            if (rho.isPresent()) {
                m.put("spearman", rho.getAsDouble());
            }
            pairs.add(m);
        }
        out.put("tierPairs", pairs);
        audit().ifPresent(a -> out.put("audit", a));
        return out;
    }

    /** What each worker runs now and how busy it has been, as the page's table has it. */
    public synchronized List<Map<String, Object>> workers(long nowMillis) {
        List<Map<String, Object>> workerRows = new ArrayList<>();
        for (Worker w : workers.values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("worker", w.id);
            row.put("trial", w.trial);
            if (w.trial >= 0) {
                Trial t = trials.get(w.trial);
                row.put("tier", t == null ? "" : tiers.get(t.tier));
                row.put("architecture", t == null ? "" : t.architecture);
                row.put("forSeconds", Math.max(0, nowMillis - w.busySince) / 1000.0);
            }
            row.put("attempts", w.attempts);
            row.put("busyFraction", busyFraction(w, Math.max(nowMillis, lastMillis)));
            workerRows.add(row);
        }
        return workerRows;
    }

    /**
     * With ground truth: of the candidates seen so far, those a stopping rule rejected, and the
     * false kills among them (rejected although their true score is among the top 10 seen).
     */
    private java.util.Optional<Map<String, Object>> audit() {
        unlooked.forEach(this::learnTruth);
        unlooked.clear();
        if (truthKnown) {
            unfiled.forEach(this::rejected);
        }
        unfiled.clear();
        if (truth == null || !truthKnown || truths.isEmpty()) {
            return java.util.Optional.empty();
        }
        double cut = topTruths.peek();
        List<Map<String, Object>> kills = new ArrayList<>();
        for (Map.Entry<Double, List<Trial>> e : rejectedByTruth.descendingMap().headMap(cut, true).entrySet()) {
            for (Trial t : e.getValue()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("trial", t.id);
                m.put("architecture", t.architecture);
                m.put("truth", e.getKey());
                m.put("rejectedBy", t.rule);
                m.put("reason", t.reason);
                kills.add(m);
            }
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("k", AUDIT_K);
        a.put("candidates", truths.size());
        a.put("rejected", rejectedArchitectures.size());
        a.put("falseKills", kills.size());
        a.put("kills", kills);
        return java.util.Optional.of(a);
    }
}
