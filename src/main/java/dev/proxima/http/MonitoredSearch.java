package dev.proxima.http;

import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchSummary;
import dev.proxima.search.TrialRecord;
import dev.proxima.view.LiveView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One search as the HTTP layer sees it: its live view, its event stream, its metrics and where
 * its trials can be exported from. {@link #observe} is the search's observer (it runs on the
 * supervisor's thread); everything else is read from the server's threads.
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
    }

    /** A finished search's trials and events, read from its journal. */
    public interface RunExport {
        String trialsCsv();

        String trialsJson();

        List<SearchEvent> events();
    }

    public void observe(List<SearchEvent> events) {
        view.apply(events);
        series.observe(events);
        hub.publish(events);
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

    public LiveView view() {
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
