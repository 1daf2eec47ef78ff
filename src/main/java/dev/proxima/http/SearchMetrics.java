package dev.proxima.http;

import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchEvent.TrialAssigned;
import dev.proxima.search.SearchEvent.TrialCompleted;
import dev.proxima.search.SearchEvent.TrialDiscarded;
import dev.proxima.search.SearchEvent.TrialFailed;
import dev.proxima.search.SearchEvent.TrialProposed;
import dev.proxima.search.SearchEvent.TrialStopRequested;
import dev.proxima.search.SearchEvent.TrialStopped;
import dev.proxima.view.TierPair;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Prometheus metrics of the searches a process runs, every series labelled with its search.
 * Counters and histograms are fed from the events as they happen; gauges (trials by status,
 * device busy fraction, per-tier Spearman) are read from each search's live view at scrape time.
 * The README lists them.
 */
public final class SearchMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Set<MonitoredSearch> searches = ConcurrentHashMap.newKeySet();
    private final Counter trialsEnded;
    private final Counter trialsEntered;
    private final Counter assignments;
    private final Histogram stopLatency;
    private final Histogram journalLag;

    public SearchMetrics() {
        trialsEntered = Counter.builder().name("proxima_trials_entered_total")
                .help("Trials that entered a tier of the ladder (new proposals and promotions)")
                .labelNames("search", "tier").withoutExemplars().register(registry);
        trialsEnded = Counter.builder().name("proxima_trials_ended_total")
                .help("Trials that ended, by tier and how: completed, stopped (early rejection), failed, discarded")
                .labelNames("search", "tier", "status").withoutExemplars().register(registry);
        assignments = Counter.builder().name("proxima_assignments_total")
                .help("Attempts handed to workers").labelNames("search").withoutExemplars().register(registry);
        stopLatency = Histogram.builder().name("proxima_stop_latency_seconds")
                .help("From a stopping rule's rejection to the worker's stopped answer, on the search's clock")
                .labelNames("search").classicOnly().withoutExemplars()
                .classicUpperBounds(0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
                .register(registry);
        journalLag = Histogram.builder().name("proxima_journal_lag_seconds")
                .help("From a handled message's events to their commit in the journal (write-ahead)")
                .labelNames("search").classicOnly().withoutExemplars()
                .classicUpperBounds(0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5)
                .register(registry);
        GaugeWithCallback.builder().name("proxima_trials").help("Trials now in each status")
                .labelNames("search", "status")
                .callback(cb -> searches.forEach(s -> s.view().statusCounts()
                        .forEach((status, n) -> cb.call(n, s.id(), status))))
                .register(registry);
        GaugeWithCallback.builder().name("proxima_device_busy_ratio")
                .help("Fraction of the time since a worker's first trial that it has spent on trials")
                .labelNames("search", "worker")
                .callback(cb -> searches.forEach(s -> s.view().busyFractions(s.clock().getAsLong())
                        .forEach((worker, f) -> cb.call(f, s.id(), worker))))
                .register(registry);
        GaugeWithCallback.builder().name("proxima_tier_spearman")
                .help("Spearman's rank correlation between a tier's scores and the next tier's, on the candidates that reached both")
                .labelNames("search", "tier", "next_tier")
                .callback(cb -> searches.forEach(s -> {
                    for (TierPair p : s.view().tierPairs()) {
                        p.spearman().ifPresent(rho -> cb.call(rho, s.id(), p.lower(), p.upper()));
                    }
                }))
                .register(registry);
        GaugeWithCallback.builder().name("proxima_search_running")
                .help("1 while a search runs, 0 once it ended").labelNames("search")
                .callback(cb -> searches.forEach(s -> cb.call(s.running() ? 1 : 0, s.id())))
                .register(registry);
        JvmMetrics.builder().register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** Shows the search's series from now on; the events of its {@link Series} feed them. */
    Series add(MonitoredSearch search) {
        Series series = new Series(search);
        searches.add(search);
        return series;
    }

    /** The series of one search, looked up once: the events increment them without label lookups. */
    final class Series {
        private static final List<String> ENDINGS = List.of("completed", "stopped", "failed", "discarded");
        private final MonitoredSearch search;
        private final CounterDataPoint assigned;
        private final CounterDataPoint[] entered;
        private final CounterDataPoint[][] ended;
        private final DistributionDataPoint stopped;
        private final DistributionDataPoint committed;
        /** Touched only by the search's fold, one batch at a time. */
        private final Map<Long, Long> stopRequestedAt = new HashMap<>();

        Series(MonitoredSearch search) {
            this.search = search;
            int tiers = search.tiers().size();
            assigned = assignments.labelValues(search.id());
            entered = new CounterDataPoint[tiers];
            ended = new CounterDataPoint[tiers][ENDINGS.size()];
            for (int t = 0; t < tiers; t++) {
                entered[t] = trialsEntered.labelValues(search.id(), search.tierName(t));
                for (int k = 0; k < ENDINGS.size(); k++) {
                    ended[t][k] = trialsEnded.labelValues(search.id(), search.tierName(t), ENDINGS.get(k));
                }
            }
            stopped = stopLatency.labelValues(search.id());
            committed = journalLag.labelValues(search.id());
        }

        /** Counts one batch of the search's events (as the search's view folds them in: a few increments). */
        void observe(List<SearchEvent> events) {
            for (SearchEvent e : events) {
                if (e instanceof TrialProposed p) {
                    if (p.tier() >= 0 && p.tier() < entered.length) {
                        entered[p.tier()].inc();
                    }
                } else if (e instanceof TrialAssigned) {
                    assigned.inc();
                } else if (e instanceof TrialCompleted c) {
                    ended(c.trialId(), 0);
                } else if (e instanceof TrialStopRequested s) {
                    stopRequestedAt.put(s.trialId(), s.atMillis());
                } else if (e instanceof TrialStopped s) {
                    ended(s.trialId(), 1);
                    Long at = stopRequestedAt.remove(s.trialId());
                    if (at != null) {
                        stopped.observe(Math.max(0, s.atMillis() - at) / 1000.0);
                    }
                } else if (e instanceof TrialFailed f) {
                    ended(f.trialId(), 2);
                    stopRequestedAt.remove(f.trialId());
                } else if (e instanceof TrialDiscarded d) {
                    ended(d.trialId(), 3);
                }
            }
        }

        private void ended(long trialId, int how) {
            int tier = search.folded().tierOf(trialId);
            if (tier >= 0 && tier < ended.length) {
                ended[tier][how].inc();
            }
        }

        void journalLag(double seconds) {
            committed.observe(seconds);
        }
    }
}
