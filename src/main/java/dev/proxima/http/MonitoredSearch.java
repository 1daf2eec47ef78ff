package dev.proxima.http;

import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchSummary;
import dev.proxima.search.TrialRecord;
import dev.proxima.view.LiveView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One search as the HTTP layer sees it: its live view, its event stream, its metrics and where
 * its trials can be exported from. {@link #observe} is the search's observer: on the supervisor's
 * thread, the search's one serial path, it only queues the batch. The batches are folded into the
 * view, the counters and the streams off that thread: by whoever reads the view next (a page, a
 * scrape), and every {@link #FOLD_MILLIS} by a shared background thread, so the streams stay live
 * and the queue stays short while nobody looks.
 */
public final class MonitoredSearch {
    private final String id;
    private final String name;
    private final List<String> tiers;
    private final LiveView view;
    private final RunExport export;
    private final LongSupplier clock;
    private final EventHub hub = new EventHub();
    private final SearchMetrics.Series series;
    private volatile SearchSummary summary;
    private volatile String state = "running";
    /** Batches the supervisor emitted that are not folded in yet, in order. */
    private final Queue<List<SearchEvent>> pending = new ConcurrentLinkedQueue<>();
    /** One fold at a time, so the view, the counters and the streams see the batches in order. */
    private final Object folding = new Object();
    private final ScheduledFuture<?> folder;

    /** How often the background thread folds what came (the full event stream's latency, at most). */
    static final long FOLD_MILLIS = 50;
    private static final ScheduledExecutorService FOLDERS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "proxima-view");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param id the run id (the run folder's name), which the API and the metrics use
     * @param clock the search's clock (milliseconds), for the busy fractions of running workers
     */
    public MonitoredSearch(String id, String name, List<String> tiers, LiveView view, SearchMetrics metrics,
            RunExport export, LongSupplier clock) {
        this.id = id;
        this.name = name;
        this.tiers = List.copyOf(tiers);
        this.view = view;
        this.export = export;
        this.clock = clock;
        this.series = metrics.add(this);
        this.folder = FOLDERS.scheduleWithFixedDelay(this::fold, FOLD_MILLIS, FOLD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A finished search's trials and events, read from its journal. */
    public interface RunExport {
        String trialsCsv();

        String trialsJson();

        List<SearchEvent> events();
    }

    /** The search's events, as the supervisor emits them: queued, folded in later (see the class). */
    public void observe(List<SearchEvent> events) {
        if (!events.isEmpty()) {
            pending.add(events);
        }
    }

    /** Folds the queued batches into the view, the counters and the event streams, in order. */
    private void fold() {
        synchronized (folding) {
            List<SearchEvent> batch;
            while ((batch = pending.poll()) != null) {
                view.apply(batch);
                series.observe(batch);
                hub.publish(batch);
            }
        }
    }

    /** The supervisor's latest summary (after each result): kept as it is, turned into JSON when asked for. */
    public void summary(SearchSummary s) {
        summary = s;
    }

    private Map<String, Object> summaryJson() {
        SearchSummary s = summary;
        Map<String, Object> m = new LinkedHashMap<>();
        if (s == null) {
            return m;
        }
        m.put("completed", s.completed());
        m.put("deviceSeconds", s.deviceSeconds());
        m.put("elapsedSeconds", s.elapsedSeconds());
        m.put("finished", s.finished());
        s.exhausted().ifPresent(l -> m.put("budgetExhausted", l.describe()));
        Optional<TrialRecord> best = s.best();
        best.ifPresent(b -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("trial", b.trialId());
            t.put("architecture", b.architecture().encode());
            t.put("tier", tierName(b.tier()));
            t.put("score", b.score());
            t.put("metrics", b.metrics());
            m.put("best", t);
        });
        return m;
    }

    /** The search ended ({@code finished}, {@code failed} or {@code cancelled}): its event streams end. */
    public void ended(String how) {
        fold();
        folder.cancel(false);
        state = how;
        hub.close();
    }

    /** The journal's commit of a message's events took this long. */
    public void journalLag(double seconds) {
        series.journalLag(seconds);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The view with every event emitted so far folded in. */
    public LiveView view() {
        fold();
        return view;
    }

    /** The view as folded so far: for the fold's own readers (the counters), which must not fold again. */
    LiveView folded() {
        return view;
    }

    public EventHub hub() {
        return hub;
    }

    public RunExport export() {
        return export;
    }

    public LongSupplier clock() {
        return clock;
    }

    public boolean running() {
        return state.equals("running");
    }

    public String state() {
        return state;
    }

    public List<String> tiers() {
        return tiers;
    }

    String tierName(int tier) {
        return tier >= 0 && tier < tiers.size() ? tiers.get(tier) : String.valueOf(tier);
    }

    /** The search's line in the API's list. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("state", state);
        m.put("tiers", tiers);
        m.put("trials", view.statusCounts());
        m.put("summary", summaryJson());
        return m;
    }
}
