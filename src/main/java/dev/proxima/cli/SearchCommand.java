package dev.proxima.cli;

import dev.proxima.config.ProximaConfig;
import dev.proxima.replay.TableReplayEvaluator;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchSettings;
import dev.proxima.search.SearchSummary;
import dev.proxima.search.TrialRecord;
import dev.proxima.search.TrialStatus;
import dev.proxima.store.RunDirectory;
import dev.proxima.supervisor.SupervisorMessages.Status;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code proxima search}: one search with a supervisor and local worker actors. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Run a search with a supervisor actor and local worker actors.",
                "The evaluator replays the configured benchmark table in compressed time."})
final class SearchCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--workers", description = "worker actors (proxima.worker.count)")
    Integer workers;

    @Option(names = "--controller", description = "random or regularized-evolution (proxima.search.controller)")
    String controller;

    @Option(names = "--speedup", description = "simulated seconds per real second (proxima.replay.speedup)")
    Double speedup;

    @Option(names = "--budget-seconds", description = "device-seconds budget (proxima.search.budget.max-device-seconds)")
    Double budgetSeconds;

    @Option(names = "--max-trials", description = "evaluations to start (proxima.search.budget.max-trials)")
    Long maxTrials;

    @Option(names = "--runs-dir", description = "where run folders go (proxima.runs-dir)")
    Path runsDir;

    @Override
    public Integer call() throws Exception {
        ProximaConfig config = overrides(options.load());
        PrintStream out = System.out;
        ReplaySetup setup = ReplaySetup.load(config);
        SearchSettings settings = config.searchSettings(config.searchDedup());
        String controllerName = config.controllerName();
        int workerCount = config.intAtLeast("proxima.worker.count", 1);
        TableReplayEvaluator evaluator = new TableReplayEvaluator(setup.replay(), config.positiveDouble("proxima.replay.speedup"));
        String resultColumn = config.resultColumn();

        out.printf(Locale.ROOT, "proxima search: %s on %s, %d workers, evaluator %s, seed %d%n", controllerName,
                setup.space().name(), workerCount, evaluator.describe(), settings.seed());
        out.println("cost model: " + setup.replay().costModel().describe());
        try (RunDirectory run = RunDirectory.create(config.path("proxima.runs-dir"), "search")) {
            out.println("results: " + run.path());
            SearchCore core = SearchCore.start(settings, setup.space(), config.controllers(setup.space()).get(),
                    System.currentTimeMillis());
            run.append(core.history());
            Progress progress = new Progress(out, resultColumn, settings.budget().maxDeviceSeconds(), 5000);
            Status status = LocalSearch.run(config.raw(), core, evaluator, workerCount,
                    config.positive("proxima.supervisor.tick-interval"), config.positive("proxima.worker.retry-interval"),
                    run::append, progress::update);
            progress.done();
            String summary = describe(status.summary(), resultColumn);
            run.writeTrials(core.book().trials(), setup.replay().table().schema().metricColumns());
            run.writeSummary(summary);
            out.print(summary);
            out.println("results: " + run.path() + " (summary.txt, trials.csv, events.log)");
        }
        return 0;
    }

    private ProximaConfig overrides(ProximaConfig config) {
        return config.with("proxima.worker.count", workers)
                .with("proxima.search.controller", controller)
                .with("proxima.replay.speedup", speedup)
                .with("proxima.search.budget.max-device-seconds", budgetSeconds)
                .with("proxima.search.budget.max-trials", maxTrials)
                .with("proxima.runs-dir", runsDir == null ? null : runsDir.toString());
    }

    static String describe(SearchSummary s, String resultColumn) {
        StringBuilder b = new StringBuilder();
        Map<TrialStatus, Integer> n = s.counts();
        b.append(String.format(Locale.ROOT, "finished after %.1f s: %d trials evaluated, %d reused (isomorphic), %d failed, "
                + "%d discarded, %d abandoned in flight; %.0f device-seconds%s%n", s.elapsedSeconds(), s.completed(),
                n.get(TrialStatus.REUSED), n.get(TrialStatus.FAILED), n.get(TrialStatus.DISCARDED),
                n.get(TrialStatus.RUNNING) + n.get(TrialStatus.PENDING), s.deviceSeconds(),
                s.exhausted().map(l -> ", " + l.name().toLowerCase(Locale.ROOT).replace('_', '-') + " budget used up").orElse("")));
        if (s.best().isEmpty()) {
            b.append("no trial produced a score\n");
            return b.toString();
        }
        TrialRecord best = s.best().get();
        b.append("best architecture: ").append(best.architecture().encode()).append('\n');
        b.append(String.format(Locale.ROOT, "  trial %d, score (%s) %.2f, %s %.2f%n", best.trialId(), best.fidelity(),
                best.score(), resultColumn, best.metrics().getOrDefault(resultColumn, Double.NaN)));
        return b.toString();
    }
}
