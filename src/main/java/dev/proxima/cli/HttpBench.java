package dev.proxima.cli;

import dev.proxima.config.HttpConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.http.MonitoredSearch;
import dev.proxima.http.SearchMetrics;
import dev.proxima.http.Searches;
import dev.proxima.http.WebServer;
import dev.proxima.proxy.Fidelity;
import dev.proxima.replay.TableReplayEvaluator;
import dev.proxima.search.SearchCore;
import dev.proxima.view.LiveView;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.math3.stat.StatUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code proxima bench http}: what serving the live page costs the search. The same instant
 * search as {@code bench actors}, without the page; with its server, the page's tick stream and
 * the page's and Prometheus' requests every {@code --interval-ms}; and with a client of the full
 * event stream besides; in a rotating order, after warm-up rounds.
 */
@Command(name = "http", mixinStandardHelpOptions = true,
        description = {"Trial assignments per second of the actor runtime (instant evaluator) without and with the "
                + "live page served: the page's event stream (a tick a second) and, every --interval-ms, a scrape of "
                + "/metrics, the page's view and the search list, as a browser and Prometheus would; and the same with "
                + "an API client reading the full event stream (every event as JSON) besides.",
                "Runs every variant 3 times first (so its code is compiled), then --repeats rounds of the three in a rotating "
                        + "order; reports the medians of the rates and of each round's ratio to its run without the page."})
final class HttpBench implements Callable<Integer> {
    /** Rounds of every variant before the count, so the server's, the client's and the search's code is compiled first. */
    private static final int WARMUP_ROUNDS = 3;

    @Mixin
    ConfigOptions options;

    @Option(names = "--workers", description = "worker actors (default: 16)")
    int workers = 16;

    @Option(names = "--trials", description = "trials per measurement (default: 100000)")
    long trials = 100_000;

    @Option(names = "--repeats", description = "measurements of each kind; the medians are reported (default: 3)")
    int repeats = 3;

    @Option(names = "--interval-ms", description = "milliseconds between the clients' requests (default: 1000)")
    long intervalMillis = 1000;

    @Override
    public Integer call() throws Exception {
        Args.atLeast("--workers", workers, 1);
        Args.atLeast("--trials", trials, 1);
        Args.atLeast("--repeats", repeats, 1);
        Args.atLeast("--interval-ms", intervalMillis, 1);
        Duration every = Duration.ofMillis(intervalMillis);
        InstantSearch search = InstantSearch.of(options, trials);
        System.out.printf(Locale.ROOT, "actor runtime, instant evaluator, random controller, %d workers, %d trials, "
                + "median of %d; page clients every %d ms%n", workers, trials, repeats, intervalMillis);
        for (int w = 0; w < WARMUP_ROUNDS; w++) {
            for (Clients c : Clients.values()) {
                run(search, c, every);
            }
        }
        double[][] rate = new double[Clients.values().length][repeats];
        long[] requests = new long[repeats];
        Clients[] all = Clients.values();
        for (int r = 0; r < repeats; r++) {
            for (int k = 0; k < all.length; k++) {
                Clients c = all[(k + r) % all.length]; // each in every position of the order: no variant always follows another
                double[] m = run(search, c, every);
                rate[c.ordinal()][r] = m[0];
                if (c == Clients.PAGE) {
                    requests[r] = (long) m[1];
                }
            }
        }
        // each repeat runs the three one after another, so a ratio within a repeat shares the machine's mood of the moment
        System.out.printf(Locale.ROOT, "%40s %16s %8s%n", "", "assignments/s", "ratio");
        for (Clients c : Clients.values()) {
            double[] paired = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                paired[r] = rate[c.ordinal()][r] / rate[0][r];
            }
            System.out.printf(Locale.ROOT, "%40s %16.0f %8.3f%n", c.description, StatUtils.percentile(rate[c.ordinal()], 50),
                    StatUtils.percentile(paired, 50));
        }
        System.out.println("(rates: medians of the runs; ratios: medians of each repeat's ratio to its run without the page)");
        System.out.printf(Locale.ROOT, "(%d page and scrape requests per run)%n", requests[repeats / 2]);
        return 0;
    }

    /** Who reads the search while it runs. */
    private enum Clients {
        NONE("without the page"),
        PAGE("page served (ticks, view, /metrics)"),
        FULL_STREAM("page and a full event-stream client");

        final String description;

        Clients(String description) {
            this.description = description;
        }
    }

    /** One search; returns its assignments per second and, when served, the requests its clients made. */
    private double[] run(InstantSearch search, Clients clients, Duration every) throws Exception {
        SearchCore core = search.core();
        ProximaSettings config = search.config();
        TableReplayEvaluator instant = search.evaluator();
        if (clients == Clients.NONE) {
            long start = System.nanoTime();
            LocalSearch.Outcome o = LocalSearch.run(config.actorSystem(), core, LocalSearch.virtual(instant, workers),
                    Duration.ofSeconds(1), Duration.ofSeconds(2), null, events -> { }, summary -> { });
            return new double[] {o.status().summary().completed() / ((System.nanoTime() - start) / 1e9), 0};
        }
        List<String> tiers = search.settings().ladder().tiers().stream().map(Fidelity::name).toList();
        SearchMetrics metrics = new SearchMetrics();
        MonitoredSearch monitored = new MonitoredSearch("bench", "bench", tiers, new LiveView(tiers), metrics, null,
                System::currentTimeMillis);
        Searches searches = new Searches();
        searches.add(monitored);
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong requests = new AtomicLong();
        try (WebServer server = WebServer.start(new HttpConfig(true, "127.0.0.1", 0, ""), metrics, searches,
                WebServer.Commands.NONE)) {
            HttpClient client = HttpClient.newHttpClient();
            List<Thread> threads = new ArrayList<>();
            threads.add(daemon(() -> stream(client, server.url() + "api/searches/bench/events?tick=1000")));
            if (clients == Clients.FULL_STREAM) {
                threads.add(daemon(() -> stream(client, server.url() + "api/searches/bench/events")));
            }
            threads.add(daemon(() -> {
                while (!done.get()) {
                    for (String path : List.of("metrics", "api/searches", "api/searches/bench/view")) {
                        fetch(client, server.url() + path);
                        requests.incrementAndGet();
                    }
                    sleep(every);
                }
            }));
            long start = System.nanoTime();
            LocalSearch.Outcome o = LocalSearch.run(config.actorSystem(), core, LocalSearch.virtual(instant, workers),
                    Duration.ofSeconds(1), Duration.ofSeconds(2), null, monitored::observe, monitored::summary);
            double rate = o.status().summary().completed() / ((System.nanoTime() - start) / 1e9);
            done.set(true);
            monitored.ended("finished");
            for (Thread t : threads) {
                t.join(5_000);
            }
            return new double[] {rate, requests.get()};
        }
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "bench-http-client");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void stream(HttpClient client, String url) {
        try (InputStream in = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream()).body()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (Exception e) {
            // the search ended and the server closed
        }
    }

    private static void fetch(HttpClient client, String url) {
        try {
            client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            // the server is closing
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
