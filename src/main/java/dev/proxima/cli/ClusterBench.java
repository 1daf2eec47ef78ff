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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
                "Counted from the first assignment after --warmup to the last, so JVM start, joining and compiling are left out."})
final class ClusterBench implements Callable<Integer> {
    /** Modelled seconds per real second: a trial's wait rounds to nothing. */
    private static final double INSTANT = 1e12;

    @Mixin
    ConfigOptions options;

    @Option(names = "--jvms", description = "worker JVMs (default: 2)")
    int jvms = 2;

    @Option(names = "--workers", description = "worker actors per JVM (default: 8)")
    int workers = 8;

    @Option(names = "--trials", description = "trials per measurement (default: 20000)")
    long trials = 20_000;

    @Option(names = "--warmup", description = "assignments at the start left out of the count, while the JVMs compile "
            + "the hot paths (default: 10000)")
    long warmup = 10_000;

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
            for (int r = 0; r < repeats; r++) {
                try (TemporaryFolder dir = new TemporaryFolder("proxima-bench-cluster")) {
                    double[] measured = measure(layered, search, transport.equals("tls"), dir.path());
                    rate[r] = measured[0];
                    p50[r] = measured[1];
                    p99[r] = measured[2];
                }
            }
            System.out.printf(Locale.ROOT, "%10s %16.0f %18.1f %18.1f%n", transport, StatUtils.percentile(rate, 50),
                    StatUtils.percentile(p50, 50), StatUtils.percentile(p99, 50));
        }
        return 0;
    }

    /** One search: assignments per second between the first and the last assignment, and the decision latency. */
    private double[] measure(ProximaConfig layered, InstantSearch search, boolean tls, Path dir) throws Exception {
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
        long[] window = {Long.MAX_VALUE, 0, 0, 0}; // first and last counted assignment (ns), counted, all
        String parent = String.valueOf(ProcessHandle.current().pid());
        List<String> names = IntStream.range(0, jvms).mapToObj(i -> "jvm-" + i).toList();
        Status status = LocalSearch.runWithWorkerProcesses(config.actorSystem(), cluster, core, (port, giveUp) ->
                new WorkerProcesses(names, name -> WorkerJvms.proxima(List.of("worker", "--config", conf.toString(), "--join",
                        "127.0.0.1:" + port, "--host", "127.0.0.1", "--evaluator", "replay", "--workers",
                        String.valueOf(workers), "--parent-pid", parent)), Map.of("DJL_OFFLINE", "true"), dir.resolve("logs"),
                        line -> { }, giveUp), Duration.ofSeconds(1), null, events -> count(events, window),
                summary -> { }).status();
        double seconds = (window[1] - window[0]) / 1e9;
        return new double[] {(window[2] - 1) / seconds, status.medianMicros(), status.p99Micros()};
    }

    private void count(List<SearchEvent> events, long[] window) {
        for (SearchEvent e : events) {
            if (e instanceof SearchEvent.TrialAssigned) {
                window[3]++;
                if (window[3] <= warmup) {
                    continue;
                }
                long now = System.nanoTime();
                window[0] = Math.min(window[0], now);
                window[1] = now;
                window[2]++;
            }
        }
    }
}
