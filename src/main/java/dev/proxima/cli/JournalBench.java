package dev.proxima.cli;

import dev.proxima.journal.EventJournal;
import dev.proxima.search.SearchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.math3.stat.StatUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    BenchJournalStore store;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        Args.atLeast("--events", events, 1);
        Args.allAtLeast("--batch", batches, 1);
        Args.atLeast("--repeats", repeats, 1);
        store.check();
        var server = options.load().settings().journal().server();
        // a trial's typical events (a result with metrics, the next proposal and its assignment), each
        // trial with its own id, as the trials table that the same commit updates needs; made before
        // the clock starts
        List<SearchEvent> stream = new ArrayList<>(events);
        for (long id = 1; stream.size() < events; id++) {
            stream.add(new SearchEvent.TrialCompleted(id - 1, 1, "worker-0", 84.5, 101.2,
                    Map.of("test_acc_200", 94.1, "params_mb", 1.2), 1));
            stream.add(new SearchEvent.TrialProposed(id, "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_1x1~1|+|skip_connect~0|"
                    + "nor_conv_1x1~1|nor_conv_3x3~2|", "0123456789abcdef", "hp12", 0, -1, 1));
            stream.add(new SearchEvent.TrialAssigned(id, 1, "worker-0", 7_200_001, 1));
        }
        System.out.printf(Locale.ROOT, "%s journal, %d events per run, median of %d%n",
                store.postgresql() ? "PostgreSQL (" + server.url() + ")" : "SQLite", events, repeats);
        System.out.printf(Locale.ROOT, "%16s %14s %14s%n", "events/commit", "events/s", "commits/s");
        for (int batch : batches) {
            double[] rate = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                try (TemporaryFolder dir = new TemporaryFolder("proxima-bench-journal");
                        EventJournal journal = store.create(dir.path(), batch + "-" + r, server)) {
                    List<SearchEvent> chunk = new ArrayList<>();
                    long start = System.nanoTime();
                    for (int i = 0; i < events; i++) {
                        chunk.add(stream.get(i));
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
