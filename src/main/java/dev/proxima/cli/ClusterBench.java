package dev.proxima.cli;

import dev.proxima.cluster.Certificates;
import dev.proxima.cluster.WorkerProcesses;
import dev.proxima.config.ClusterConfig;
import dev.proxima.config.ConfigKeys;
import dev.proxima.config.ProximaConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchEvent;
import dev.proxima.supervisor.SupervisorMessages.Status;
import dev.proxima.transport.Outbound;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.StatUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code proxima bench cluster}: the supervisor in this JVM, its workers in worker JVMs joined over
 * 127.0.0.1, every message between them crossing a real Artery connection (plain TCP or TLS).
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Trial assignments per second across JVMs: this JVM's supervisor and --jvms worker JVMs of "
                + "--workers workers each, with an instant evaluator (table replay without waiting), over plain TCP and TLS "
                + "(certificates made for the run).",
                "Counted from the first assignment after --warmup to the last, so JVM start, joining and compiling are left out; "
                        + "the rate of every --window assignments is printed too, which shows when compiling is over."})
final class ClusterBench implements Callable<Integer> {
    /** Modelled seconds per real second: a trial's wait rounds to nothing. */
    private static final double INSTANT = 1e12;

    @Mixin
    ConfigOptions options;

    @Option(names = "--jvms", description = "worker JVMs (default: 2)")
    int jvms = 2;

    @Option(names = "--workers", description = "worker actors per JVM (default: 8)")
    int workers = 8;

    @Option(names = "--trials", description = "trials per measurement (default: 100000)")
    long trials = 100_000;

    // on 2 cores the first ~150,000 assignments run while the JVMs' C2 compilers are busy (docs/cluster.md)
    @Option(names = "--warmup", description = "assignments at the start left out of the count, while the JVMs compile "
            + "the hot paths (default: 150000)")
    long warmup = 150_000;

    @Option(names = "--window", description = "assignments per printed rate (default: 25000)")
    long window = 25_000;

    @Option(names = "--repeats", description = "measurements per transport; the median is reported (default: 3)")
    int repeats = 3;

    @Option(names = "--transports", split = ",", description = "tcp, tls (default: both)")
    List<String> transports = List.of("tcp", "tls");

    @Override
    public Integer call() throws Exception {
        Args.atLeast("--jvms", jvms, 1);
        Args.atLeast("--workers", workers, 1);
        Args.atLeast("--trials", trials, 2);
        Args.atLeast("--warmup", warmup, 0);
        Args.atLeast("--window", window, 1);
        Args.atLeast("--repeats", repeats, 1);
        Args.oneOf("--transports", transports, List.of("tcp", "tls"));
        ProximaConfig layered = options.load().with(ConfigKeys.CONTROLLER, "random").with(ConfigKeys.EVALUATOR, "replay")
                .with(ConfigKeys.REPLAY_SPEEDUP, INSTANT).with(ConfigKeys.CLUSTER + ".host", "127.0.0.1");
        InstantSearch search = InstantSearch.of(layered, warmup + trials);
        System.out.printf(Locale.ROOT, "cluster on 127.0.0.1: supervisor here, %d worker JVMs x %d workers, instant evaluator, "
                + "random controller, %d trials counted after %d, median of %d%n", jvms, workers, trials, warmup, repeats);
        System.out.printf(Locale.ROOT, "%10s %16s %18s %18s%n", "transport", "assignments/s", "decision p50 (us)",
                "decision p99 (us)");
        for (String transport : transports) {
            double[] rate = new double[repeats];
            double[] p50 = new double[repeats];
            double[] p99 = new double[repeats];
            List<String> curves = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                try (TemporaryFolder dir = new TemporaryFolder("proxima-bench-cluster")) {
                    Measured m = measure(layered, search, transport.equals("tls"), dir.path());
                    rate[r] = m.rate();
                    p50[r] = m.p50();
                    p99[r] = m.p99();
                    curves.add(m.windows().stream().map(w -> String.format(Locale.ROOT, "%.0f", w))
                            .collect(java.util.stream.Collectors.joining(" "))
                            + String.format(Locale.ROOT, "; messages per bundle: %.1f to the workers, %.1f from them",
                                    m.perBundleOut(), m.perBundleIn()));
                }
            }
            System.out.printf(Locale.ROOT, "%10s %16.0f %18.1f %18.1f%n", transport, StatUtils.percentile(rate, 50),
                    StatUtils.percentile(p50, 50), StatUtils.percentile(p99, 50));
            for (String c : curves) {
                System.out.printf(Locale.ROOT, "%10s per %d assignments from the first: %s%n", "", window, c);
            }
        }
        return 0;
    }

    /**
     * One run: the counted rate, the decision latency, the rate of each window from the first
     * assignment, and the messages per bundle from the supervisor and to it (the whole run).
     */
    private record Measured(double rate, double p50, double p99, List<Double> windows, double perBundleOut,
            double perBundleIn) {}

    private static double ratio(long parcels, long bundles) {
        return bundles == 0 ? 0 : (double) parcels / bundles;
    }

    /** One search: assignments per second between the first counted and the last assignment, and the decision latency. */
    private Measured measure(ProximaConfig layered, InstantSearch search, boolean tls, Path dir) throws Exception {
        ProximaSettings config = search.config();
        ProximaConfig node = layered;
        String workerTls = "";
        if (tls) {
            String password = "bench-" + System.nanoTime();
            Certificates.make(dir, List.of("supervisor", "worker"), "proxima", password, 1, line -> { });
            String t = ConfigKeys.CLUSTER + ".tls.";
            node = layered.with(t + "enabled", true).with(t + "key-store", dir.resolve("supervisor.p12").toString())
                    .with(t + "trust-store", dir.resolve("truststore.p12").toString()).with(t + "password", password);
            workerTls = "proxima.cluster.tls { enabled = true, key-store = \"" + dir.resolve("worker.p12")
                    + "\", trust-store = \"" + dir.resolve("truststore.p12") + "\", password = \"" + password + "\" }\n";
        }
        ClusterConfig cluster = node.cluster();
        Path conf = dir.resolve("worker.conf");
        Files.writeString(conf, config.proximaText() + "\n" + workerTls);
        SearchCore core = search.core();
        long[] counted = {Long.MAX_VALUE, 0, 0, 0}; // first and last counted assignment (ns), counted, all
        List<Long> windowEnds = new ArrayList<>(); // when each window's last assignment was made (ns)
        String parent = String.valueOf(ProcessHandle.current().pid());
        List<String> names = IntStream.range(0, jvms).mapToObj(i -> "jvm-" + i).toList();
        LocalSearch.Outcome outcome = LocalSearch.runWithWorkerProcesses(config.actorSystem(), cluster, core, (port, giveUp) ->
                new WorkerProcesses(names, name -> WorkerJvms.proxima(List.of("worker", "--config", conf.toString(), "--join",
                        "127.0.0.1:" + port, "--host", "127.0.0.1", "--evaluator", "replay", "--workers",
                        String.valueOf(workers), "--parent-pid", parent)), WorkerJvms.ENVIRONMENT, dir.resolve("logs"),
                        line -> { }, giveUp), Duration.ofSeconds(1), null, events -> count(events, counted, windowEnds),
                summary -> { });
        Status status = outcome.status();
        Outbound.Counts b = outcome.bundles();
        double seconds = (counted[1] - counted[0]) / 1e9;
        List<Double> rates = new ArrayList<>();
        for (int i = 1; i < windowEnds.size(); i++) {
            rates.add(window / ((windowEnds.get(i) - windowEnds.get(i - 1)) / 1e9));
        }
        return new Measured((counted[2] - 1) / seconds, status.medianMicros(), status.p99Micros(), rates,
                ratio(b.parcelsSent(), b.bundlesSent()), ratio(b.parcelsDelivered(), b.bundlesDelivered()));
    }

    private void count(List<SearchEvent> events, long[] counted, List<Long> windowEnds) {
        for (SearchEvent e : events) {
            if (e instanceof SearchEvent.TrialAssigned) {
                counted[3]++;
                long now = System.nanoTime();
                if (counted[3] == 1 || counted[3] % window == 0) {
                    windowEnds.add(now);
                }
                if (counted[3] <= warmup) {
                    continue;
                }
                counted[0] = Math.min(counted[0], now);
                counted[1] = now;
                counted[2]++;
            }
        }
    }
}
