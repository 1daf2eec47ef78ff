package dev.proxima.cli;

import dev.proxima.config.ProximaSettings;
import dev.proxima.journal.EventJournal;
import dev.proxima.replay.TableReplayEvaluator;
import dev.proxima.search.SearchCore;
import dev.proxima.supervisor.SupervisorMessages.Status;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.stat.StatUtils;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code proxima bench actors}: the actor runtime with an instant evaluator. */
@Command(name = "actors", mixinStandardHelpOptions = true,
        description = "Trial assignments per second of the actor runtime with an instant evaluator, and the supervisor's "
                + "decision latency (median and p99).")
final class ActorsBench implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--workers", split = ",", description = "worker counts to measure (default: 1,8,64)")
    List<Integer> workers = List.of(1, 8, 64);

    @Option(names = "--trials", description = "trials per measurement (default: 20000)")
    long trials = 20_000;

    @Option(names = "--repeats", description = "measurements per worker count; the median is reported (default: 3)")
    int repeats = 3;

    @Option(names = "--journal", description = "append every event to a SQLite journal in a temporary folder, as "
            + "'proxima search' does (write-ahead with group commit off the supervisor's thread)")
    boolean journal;

    @Mixin
    BenchJournalStore store;

    @Override
    public Integer call() throws Exception {
        Args.allAtLeast("--workers", workers, 1);
        Args.atLeast("--trials", trials, 1);
        Args.atLeast("--repeats", repeats, 1);
        store.check();
        InstantSearch search = InstantSearch.of(options, trials);
        ProximaSettings config = search.config();
        TableReplayEvaluator instant = search.evaluator();
        System.out.printf(Locale.ROOT, "actor runtime, instant evaluator, random controller, %d trials, median of %d, %s%n",
                trials, repeats, journal ? store.describe() + " journal on" : "no journal");
        System.out.printf(Locale.ROOT, "%8s %16s %18s %18s %16s%n", "workers", "assignments/s", "decision p50 (us)",
                "decision p99 (us)", "events/commit");
        for (int w : workers) {
            double[] rate = new double[repeats];
            double[] p50 = new double[repeats];
            double[] p99 = new double[repeats];
            double[] perCommit = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                SearchCore core = search.core();
                long start;
                LocalSearch.Outcome outcome;
                try (TemporaryFolder dir = new TemporaryFolder("proxima-bench-journal")) {
                    EventJournal sink = journal ? store.create(dir.path(), w + "-" + r, config.journal().server()) : null;
                    start = System.nanoTime();
                    try {
                        outcome = LocalSearch.run(config.actorSystem(), core, LocalSearch.virtual(instant, w),
                                Duration.ofSeconds(1), Duration.ofSeconds(2), sink, events -> { }, summary -> { });
                    } finally {
                        if (sink != null) {
                            sink.close();
                        }
                    }
                }
                Status status = outcome.status();
                perCommit[r] = outcome.commits() == 0 ? 0 : (double) outcome.journaledEvents() / outcome.commits();
                rate[r] = status.summary().completed() / ((System.nanoTime() - start) / 1e9);
                p50[r] = status.medianMicros();
                p99[r] = status.p99Micros();
            }
            System.out.printf(Locale.ROOT, "%8d %16.0f %18.1f %18.1f %16s%n", w, StatUtils.percentile(rate, 50),
                    StatUtils.percentile(p50, 50), StatUtils.percentile(p99, 50),
                    journal ? String.format(Locale.ROOT, "%.1f", StatUtils.percentile(perCommit, 50)) : "-");
        }
        return 0;
    }
}
