package dev.proxima.cli;

import dev.proxima.config.ProximaConfig;
import dev.proxima.replay.ReplayReport;
import dev.proxima.replay.Simulator;
import dev.proxima.search.SearchSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code proxima replay}: many seeds of a search on a virtual clock, against a benchmark table. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay searches on a tabular benchmark in simulated time and report the best-so-far result "
                + "(mean ± std over seeds) against simulated seconds.")
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--controller", split = ",", description = "controllers to compare (default: random,regularized-evolution)")
    List<String> controllers = List.of("random", "regularized-evolution");

    @Option(names = "--seeds", description = "runs per controller, with seeds S..S+R-1 where S is --seed (proxima.replay.seeds)")
    Integer seeds;

    @Option(names = "--workers", description = "virtual workers (proxima.replay.workers)")
    Integer workers;

    @Option(names = "--budget-seconds", description = "device-seconds budget (proxima.replay.budget.max-device-seconds)")
    Double budgetSeconds;

    @Option(names = "--dedup", description = "off or isomorphic (proxima.replay.dedup)")
    String dedup;

    @Option(names = "--csv", paramLabel = "FILE", description = "also write the report as CSV")
    Path csv;

    @Override
    public Integer call() throws Exception {
        ProximaConfig config = options.load()
                .with("proxima.replay.seeds", seeds)
                .with("proxima.replay.workers", workers)
                .with("proxima.replay.budget.max-device-seconds", budgetSeconds)
                .with("proxima.replay.dedup", dedup);
        PrintStream out = System.out;
        ReplaySetup setup = ReplaySetup.load(config);
        SearchSettings settings = config.replaySettings(config.replayDedup());
        int runs = config.intAtLeast("proxima.replay.seeds", 1);
        int workerCount = config.intAtLeast("proxima.replay.workers", 1);
        double interval = config.positiveDouble("proxima.replay.report-interval-seconds");
        String resultColumn = config.resultColumn();
        out.printf(Locale.ROOT, "replay: %s (%d rows), score %s, result %s, %d worker(s), %d seeds, dedup %s, budget %s%n",
                setup.replay().table().name(), setup.replay().table().size(), settings.fidelity().name(), resultColumn,
                workerCount, runs, settings.dedup().name().toLowerCase(Locale.ROOT), settings.budget());
        out.println("cost model: " + setup.replay().costModel().describe());

        ReplayReport report = new ReplayReport(checkpoints(settings, interval));
        for (String name : controllers) {
            Simulator simulator = new Simulator(setup.space(), setup.replay(),
                    config.with("proxima.search.controller", name).controllers(setup.space()), settings, workerCount, resultColumn);
            long start = System.nanoTime();
            List<Simulator.Run> results = new ArrayList<>();
            for (long seed = settings.seed(); seed < settings.seed() + runs; seed++) {
                results.add(simulator.run(seed));
            }
            report.add(name, results);
            System.err.printf(Locale.ROOT, "%s: %d runs in %.2f s%n", name, runs, (System.nanoTime() - start) / 1e9);
        }
        report.printTable(out, resultColumn, settings.fidelity().name());
        if (csv != null) {
            report.writeCsv(csv);
            out.println("csv: " + csv);
        }
        return 0;
    }

    private static List<Double> checkpoints(SearchSettings settings, double interval) {
        double end = Math.max(settings.budget().maxDeviceSeconds(), settings.budget().maxWallSeconds());
        if (end == 0) {
            end = interval * 12;
        }
        List<Double> points = new ArrayList<>();
        for (double t = interval; t < end; t += interval) {
            points.add(t);
        }
        points.add(end);
        return points;
    }
}
