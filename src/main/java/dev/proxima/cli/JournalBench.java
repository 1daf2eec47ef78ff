package dev.proxima.cli;

import dev.proxima.journal.EventJournal;
import dev.proxima.journal.PostgresJournal;
import dev.proxima.journal.SqliteJournal;
import dev.proxima.search.SearchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.math3.stat.StatUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code proxima bench journal}: appends per second of the SQLite journal, by events per commit. */
@Command(name = "journal", mixinStandardHelpOptions = true,
        description = "Events appended per second to a SQLite journal (WAL, synchronous=NORMAL) in a temporary folder, "
                + "or to a PostgreSQL one (--store postgresql; the runs it makes stay on the server as bench-*), "
                + "for several events per commit; median of --repeats runs.")
final class JournalBench implements Callable<Integer> {
    @Option(names = "--events", description = "events per run (default 20000)")
    int events = 20_000;

    @Option(names = "--batch", split = ",", description = "events per commit (default 1,3,10,100)")
    List<Integer> batches = List.of(1, 3, 10, 100);

    @Option(names = "--repeats", description = "runs per batch size (default 3)")
    int repeats = 3;

    @Option(names = "--store", description = "sqlite (a temporary file) or postgresql (new runs on the server of "
            + "proxima.journal.postgresql, e.g. set with --config)")
    String store = "sqlite";

    @picocli.CommandLine.Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        Args.atLeast("--events", events, 1);
        Args.allAtLeast("--batch", batches, 1);
        Args.atLeast("--repeats", repeats, 1);
        Args.oneOf("--store", List.of(store), List.of("sqlite", "postgresql"));
        boolean postgresql = store.equals("postgresql");
        var server = options.load().settings().journal().server();
        // a trial's typical events (a result with metrics, the next proposal and its assignment), each
        // trial with its own id, as the trials table that the same commit updates needs
        java.util.function.LongFunction<List<SearchEvent>> trial = id -> List.of(
                new SearchEvent.TrialCompleted(id - 1, 1, "worker-0", 84.5, 101.2, Map.of("test_acc_200", 94.1, "params_mb", 1.2), 1),
                new SearchEvent.TrialProposed(id, "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_1x1~1|+|skip_connect~0|"
                        + "nor_conv_1x1~1|nor_conv_3x3~2|", "0123456789abcdef", "hp12", 0, -1, 1),
                new SearchEvent.TrialAssigned(id, 1, "worker-0", 7_200_001, 1));
        System.out.printf(Locale.ROOT, "%s journal, %d events per run, median of %d%n",
                postgresql ? "PostgreSQL (" + server.url() + ")" : "SQLite", events, repeats);
        System.out.printf(Locale.ROOT, "%16s %14s %14s%n", "events/commit", "events/s", "commits/s");
        for (int batch : batches) {
            double[] rate = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                try (TemporaryFolder dir = new TemporaryFolder("proxima-bench-journal");
                        EventJournal journal = postgresql
                                ? PostgresJournal.create(server, "bench-" + ProcessHandle.current().pid() + "-" + batch + "-" + r, "", "bench")
                                : SqliteJournal.create(dir.path().resolve("journal.db"), "", "bench")) {
                    List<SearchEvent> chunk = new ArrayList<>();
                    long start = System.nanoTime();
                    for (int i = 0; i < events; i++) {
                        chunk.add(trial.apply(i / 3 + 1).get(i % 3));
                        if (chunk.size() == batch || i == events - 1) {
                            journal.append(chunk);
                            chunk.clear();
                        }
                    }
                    rate[r] = events / ((System.nanoTime() - start) / 1e9);
                }
            }
            double median = StatUtils.percentile(rate, 50);
            System.out.printf(Locale.ROOT, "%16d %14.0f %14.0f%n", batch, median, median / batch);
        }
        return 0;
    }
}
