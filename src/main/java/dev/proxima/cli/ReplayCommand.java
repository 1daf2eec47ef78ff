package dev.proxima.cli;

import dev.proxima.config.ProximaConfig;
import dev.proxima.replay.ReplayReport;
import dev.proxima.replay.Simulator;
import dev.proxima.search.SearchSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import dev.proxima.replay.RejectionAudit;
import dev.proxima.search.Strategy;
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

    @Option(names = "--controller", split = ",", description = "controllers to compare (default: random,regularized-evolution,reinforce; none: an empty value)")
    List<String> controllers = List.of("random", "regularized-evolution", "reinforce");

    @Option(names = "--seeds", description = "runs per controller, with seeds S..S+R-1 where S is --seed (proxima.replay.seeds)")
    Integer seeds;

    @Option(names = "--workers", description = "virtual workers (proxima.replay.workers)")
    Integer workers;

    @Option(names = "--budget-seconds", description = "device-seconds budget (proxima.replay.budget.max-device-seconds)")
    Double budgetSeconds;

    @Option(names = "--dedup", description = "off or isomorphic (proxima.replay.dedup)")
    String dedup;

    @Option(names = "--pipeline", paramLabel = "CONF", description = "also replay the search a config file "
            + "describes (its ladder, rules and controller over the other settings), as a column named after the file; repeatable")
    List<Path> pipelines = List.of();

    @Option(names = "--audit-top", paramLabel = "K", description = "early-rejection audit: count rejected candidates "
            + "whose result would have ranked in the top K of all candidates a run touched (default 10)")
    int auditTop = 10;

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
        out.printf(Locale.ROOT, "replay: %s (%d rows), tiers %s, result %s, %d worker(s), %d seeds, dedup %s, budget %s%n",
                setup.replay().table().name(), setup.replay().table().size(), settings.ladder().describe(), resultColumn,
                workerCount, runs, settings.dedup().name().toLowerCase(Locale.ROOT), settings.budget());
        out.println("cost model: " + setup.replay().costModel().describe());

        ReplayReport report = new ReplayReport(checkpoints(settings, interval));
        List<RejectionAudit> audits = new ArrayList<>();
        for (String name : controllers.stream().filter(c -> !c.isBlank()).toList()) {
            replay(name, config.with("proxima.search.controller", name), setup, settings, runs, workerCount, resultColumn,
                    report, audits);
        }
        for (Path pipeline : pipelines) {
            ProximaConfig overlay = ProximaConfig.load(Optional.of(pipeline), config.raw());
            String name = pipeline.getFileName().toString().replaceFirst("\\.conf$", "");
            SearchSettings own = overlay.replaySettings(overlay.replayDedup()).withSeed(settings.seed());
            out.printf(Locale.ROOT, "%s: tiers %s, controller %s%n", name, own.ladder().describe(), overlay.controllerName());
            replay(name, overlay, setup, own, runs, workerCount, resultColumn, report, audits);
        }
        report.printTable(out, resultColumn, settings.ladder().tier(settings.ladder().top()).name());
        for (RejectionAudit audit : audits) {
            if (audit.rejected() > 0) {
                out.println(audit.describe());
            }
        }
        if (csv != null) {
            report.writeCsv(csv);
            out.println("csv: " + csv);
        }
        return 0;
    }

    private void replay(String name, ProximaConfig config, ReplaySetup setup, SearchSettings settings, int runs,
            int workerCount, String resultColumn, ReplayReport report, List<RejectionAudit> audits) {
        Supplier<Strategy> strategies = config.strategies(setup.space(), settings.ladder());
        Strategy sample = strategies.get();
        System.err.printf(Locale.ROOT, "%s: promotion %s, early stopping %s%n", name, sample.promotions().describe(),
                sample.stopping().describe());
        Simulator simulator = new Simulator(setup.space(), setup.replay(), strategies, settings, workerCount, resultColumn);
        long start = System.nanoTime();
        List<Simulator.Run> results = new ArrayList<>();
        for (long seed = settings.seed(); seed < settings.seed() + runs; seed++) {
            results.add(simulator.run(seed));
        }
        report.add(name, results);
        audits.add(RejectionAudit.of(name, results, setup.replay(), settings.ladder(), resultColumn, auditTop));
        System.err.printf(Locale.ROOT, "%s: %d runs in %.2f s%n", name, runs, (System.nanoTime() - start) / 1e9);
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
