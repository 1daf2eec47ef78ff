package dev.proxima.cli;

import dev.proxima.config.Choices;
import dev.proxima.config.ConfigKeys;
import dev.proxima.config.ProximaConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.replay.AnswerAudit;
import dev.proxima.replay.RejectionAudit;
import dev.proxima.replay.ReplayReport;
import dev.proxima.replay.Simulator;
import dev.proxima.search.SearchSettings;
import dev.proxima.search.Strategy;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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

    @Option(names = "--controller", split = ",", completionCandidates = Choices.ControllerNames.class,
            description = "controllers to compare, of ${COMPLETION-CANDIDATES} (default: random,regularized-evolution,"
                    + "reinforce; none: an empty value)")
    List<String> controllers = List.of("random", "regularized-evolution", "reinforce");

    @Option(names = "--seeds", description = "runs per controller, with seeds S..S+R-1 where S is --seed (" + ConfigKeys.REPLAY_SEEDS + ")")
    Integer seeds;

    @Option(names = "--workers", description = "virtual workers (" + ConfigKeys.REPLAY_WORKERS + ")")
    Integer workers;

    @Option(names = "--budget-seconds", description = "device-seconds budget (" + ConfigKeys.REPLAY_BUDGET + ".max-device-seconds)")
    Double budgetSeconds;

    @Option(names = "--dedup", completionCandidates = Choices.DedupNames.class,
            description = "${COMPLETION-CANDIDATES} (" + ConfigKeys.REPLAY_DEDUP + ")")
    String dedup;

    @Option(names = "--pipeline", paramLabel = "CONF", description = "also replay the search a config file "
            + "describes (its ladder, rules and controller over the other settings), as a column named after the file; repeatable")
    List<Path> pipelines = List.of();

    @Option(names = "--audit-top", paramLabel = "K", description = "early-rejection audit: count rejected candidates "
            + "whose result would have ranked in the top K of all candidates a run touched (default 10)")
    int auditTop = 10;

    @Option(names = "--answer-audit", paramLabel = "SECONDS", split = ",", description = "also audit the answer at these "
            + "simulated seconds: among the top-tier candidates each run had scored by then, the mean result of the "
            + "oracle's pick, of the top tier's score, and of its equal-weight rank vote with each score column of the table")
    List<Double> answerAudit = List.of();

    @Option(names = "--csv", paramLabel = "FILE", description = "also write the report as CSV")
    Path csv;

    /** One column of the report: a name, its settings and its strategy, all checked before the first replay. */
    private record Column(String name, boolean pipeline, ProximaSettings config, SearchSettings settings, Supplier<Strategy> strategies) {}

    @Override
    public Integer call() throws Exception {
        Args.atLeast("--audit-top", auditTop, 1);
        Args.outputFile("--csv", csv);
        for (double at : answerAudit) {
            if (!(at > 0) || Double.isInfinite(at)) {
                throw new Args.Problem("--answer-audit: simulated seconds must be > 0, got " + at);
            }
        }
        pipelines.forEach(p -> Args.inputFile("--pipeline", p));
        ProximaConfig layered = options.load()
                .with(ConfigKeys.REPLAY_SEEDS, seeds)
                .with(ConfigKeys.REPLAY_WORKERS, workers)
                .with(ConfigKeys.REPLAY_BUDGET + "." + ConfigKeys.MAX_DEVICE_SECONDS, budgetSeconds)
                .with(ConfigKeys.REPLAY_DEDUP, dedup);
        ProximaSettings config = layered.settings();
        PrintStream out = System.out;
        ReplaySetup setup = ReplaySetup.load(config);
        SearchSettings settings = config.replaySearch(config.replay().dedup());
        List<Column> columns = new ArrayList<>();
        for (String name : controllers.stream().filter(c -> !c.isBlank()).toList()) {
            ProximaSettings own = layered.with(ConfigKeys.CONTROLLER, name).settings();
            columns.add(new Column(name, false, own, settings, own.strategies(setup.space(), settings.ladder())));
        }
        for (Path pipeline : pipelines) {
            ProximaSettings own = ProximaConfig.overlay(pipeline, layered).settings();
            if (!own.replay().table().equals(config.replay().table())
                    || own.replay().scoreSeconds() != config.replay().scoreSeconds()) {
                // a column on another table (or other columns of it) would fail every trial at no cost, forever
                throw new Args.Problem("--pipeline " + pipeline + ": sets proxima.replay.table differently from the main "
                        + "configuration, but every column replays the main table; set it with --config instead");
            }
            SearchSettings ownSettings = own.replaySearch(own.replay().dedup()).withSeed(settings.seed());
            columns.add(new Column(pipeline.getFileName().toString().replaceFirst("\\.conf$", ""), true, own, ownSettings,
                    own.strategies(setup.space(), ownSettings.ladder())));
        }
        int runs = config.replay().seeds();
        int workerCount = config.replay().workers();
        String resultColumn = config.replay().resultColumn();
        out.printf(Locale.ROOT, "replay: %s (%d rows), tiers %s, result %s, %d worker(s), %d seeds, dedup %s, budget %s%n",
                setup.replay().table().name(), setup.replay().table().size(), settings.ladder().describe(), resultColumn,
                workerCount, runs, settings.dedup().name().toLowerCase(Locale.ROOT), settings.budget().describe());
        out.println("cost model: " + setup.replay().costModel().describe());

        ReplayReport report = new ReplayReport(checkpoints(settings, config.replay().reportIntervalSeconds()));
        List<RejectionAudit> audits = new ArrayList<>();
        List<AnswerAudit> answers = new ArrayList<>();
        for (Column column : columns) {
            if (column.pipeline()) {
                out.printf(Locale.ROOT, "%s: tiers %s, controller %s%n", column.name(), column.settings().ladder().describe(),
                        column.config().controller());
            }
            replay(column, setup, runs, workerCount, resultColumn, report, audits, answers);
        }
        report.printTable(out, resultColumn);
        for (RejectionAudit audit : audits) {
            if (audit.rejected() > 0) {
                out.println(audit.describe());
            }
        }
        answers.forEach(a -> out.println(a.describe(resultColumn)));
        if (csv != null) {
            report.writeCsv(csv);
            out.println("csv: " + csv);
        }
        return 0;
    }

    private void replay(Column column, ReplaySetup setup, int runs, int workerCount, String resultColumn,
            ReplayReport report, List<RejectionAudit> audits, List<AnswerAudit> answers) {
        Strategy sample = column.strategies().get();
        SearchSettings settings = column.settings();
        System.err.printf(Locale.ROOT, "%s: promotion %s, early stopping %s, fusion %s%n", column.name(),
                sample.promotions().describe(), sample.stopping().describe(), settings.fusion().describe(settings.ladder()));
        Simulator simulator = new Simulator(setup.space(), setup.replay(), column.strategies(), settings, workerCount,
                resultColumn);
        long start = System.nanoTime();
        List<Simulator.Run> results = new ArrayList<>();
        for (long seed = settings.seed(); seed < settings.seed() + runs; seed++) {
            results.add(simulator.run(seed));
        }
        report.add(column.name(), settings.ladder(), results);
        audits.add(RejectionAudit.of(column.name(), results, setup.replay(), settings.ladder(), resultColumn, auditTop));
        for (double at : answerAudit) {
            answers.add(AnswerAudit.of(column.name(), results, settings.ladder().top(), settings.ladder().tier(settings.ladder().top())
                    .name(), at, resultColumn, setup.replay().table().schema().scoreColumns()));
        }
        System.err.printf(Locale.ROOT, "%s: %d runs in %.2f s%n", column.name(), runs, (System.nanoTime() - start) / 1e9);
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
