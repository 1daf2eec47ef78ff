package dev.proxima.cli;

import ai.djl.engine.Engine;
import dev.proxima.config.ProximaConfig;
import dev.proxima.replay.TableReplayEvaluator;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchSettings;
import dev.proxima.search.SearchSummary;
import dev.proxima.search.Strategy;
import dev.proxima.search.TrialRecord;
import dev.proxima.search.TrialStatus;
import dev.proxima.space.SearchSpace;
import dev.proxima.space.nb201.Nb201Space;
import dev.proxima.store.RunDirectory;
import dev.proxima.supervisor.SupervisorMessages.Status;
import dev.proxima.training.DataSplit;
import dev.proxima.training.DjlEngines;
import dev.proxima.training.DjlTrainingEvaluator;
import dev.proxima.zerocost.ZeroCostScorers;
import dev.proxima.zerocost.ZeroCostTier;
import dev.proxima.training.TrainingData;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.nio.file.Path;
import dev.proxima.proxy.Fidelity;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code proxima search}: one search with a supervisor and one worker actor per device. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Run a search with a supervisor actor and one worker actor per device.",
                "By default candidates are trained with DJL on Fashion-MNIST at the configured proxy fidelity;",
                "--evaluator replay looks them up in the benchmark table in compressed time instead."})
final class SearchCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--evaluator", description = "training or replay (proxima.search.evaluator)")
    String evaluator;

    @Option(names = "--devices", split = ",", description = "training devices, e.g. cpu or gpu:0,gpu:1 (proxima.worker.devices)")
    List<String> devices;

    @Option(names = "--workers", description = "replay: worker actors (proxima.worker.count)")
    Integer workers;

    @Option(names = "--controller", description = "random or regularized-evolution (proxima.search.controller)")
    String controller;

    @Option(names = "--speedup", description = "replay: simulated seconds per real second (proxima.replay.speedup)")
    Double speedup;

    @Option(names = "--budget-seconds", description = "device-seconds budget; 0 = none")
    Double budgetSeconds;

    @Option(names = "--max-trials", description = "evaluations to start; 0 = none")
    Long maxTrials;

    @Option(names = "--wall-clock", description = "time budget, e.g. 10m or 90s; 0s = none")
    String wallClock;

    @Option(names = "--runs-dir", description = "where run folders go (proxima.runs-dir)")
    Path runsDir;

    @Override
    public Integer call() throws Exception {
        ProximaConfig config = options.load().with("proxima.search.evaluator", evaluator);
        boolean replay = config.oneOf("proxima.search.evaluator", List.of("training", "replay")).equals("replay");
        String budget = replay ? "proxima.replay.budget" : "proxima.search.budget";
        config = config.with("proxima.worker.count", workers)
                .with("proxima.worker.devices", devices)
                .with("proxima.search.controller", controller)
                .with("proxima.replay.speedup", speedup)
                .with(budget + ".max-device-seconds", budgetSeconds)
                .with(budget + ".max-trials", maxTrials)
                .with(budget + ".max-wall-clock", wallClock)
                .with("proxima.runs-dir", runsDir == null ? null : runsDir.toString());
        return replay ? replay(config) : train(config);
    }

    private int replay(ProximaConfig config) throws Exception {
        ReplaySetup setup = ReplaySetup.load(config);
        SearchSettings settings = config.replaySettings(config.searchDedup());
        TableReplayEvaluator evaluator = new TableReplayEvaluator(setup.replay(), config.positiveDouble("proxima.replay.speedup"));
        int count = config.intAtLeast("proxima.worker.count", 1);
        System.out.printf(Locale.ROOT, "proxima search: %s on %s, %d workers, evaluator %s, seed %d%n",
                config.controllerName(), setup.space().name(), count, evaluator.describe(), settings.seed());
        System.out.println("cost model: " + setup.replay().costModel().describe());
        return run(config, setup.space(), settings, runDir -> LocalSearch.virtual(evaluator, count), config.resultColumn(),
                setup.replay().table().schema().metricColumns());
    }

    private int train(ProximaConfig config) throws Exception {
        SearchSettings settings = config.trainingSettings();
        settings.ladder().tiers().stream().filter(Fidelity::isTrainingFree)
                .filter(f -> !ZeroCostScorers.NAMES.contains(f.name())).findFirst().ifPresent(f -> {
                    throw new IllegalArgumentException("proxima.training.ladder: tier '" + f.name() + "' has 0 epochs, so "
                            + "it must be named after a zero-cost scorer: " + String.join(", ", ZeroCostScorers.NAMES));
                });
        Engine engine = TrainingSetup.startEngine(config);
        List<LocalSearch.Device> devices = new ArrayList<>();
        long start = System.nanoTime();
        TrainingData data = new TrainingData(new DataSplit(TrainingSetup.trainingImages(config), config.intAtLeast("proxima.training.validation-size", 1),
                config.raw().getLong("proxima.training.split-seed")));
        List<String> deviceNames = config.raw().getStringList("proxima.worker.devices");
        if (deviceNames.isEmpty()) {
            throw new IllegalArgumentException("proxima.worker.devices: no device to train on");
        }
        for (String name : deviceNames) {
            DjlEngines.device(name, engine); // a bad device name fails before the run directory exists
        }
        Path checkpoints = config.path("proxima.training.checkpoint-dir");
        String dataset = config.raw().getString("proxima.training.dataset");
        int height = data.validation(0).height();
        System.out.printf(Locale.ROOT, "proxima search: %s on nb201, %s, tiers %s, devices %s, seed %d%n",
                config.controllerName(), dataset, settings.ladder().tiers().stream()
                        .map(f -> f.name() + " (" + f.recipe().econas(f.epochs(), 16, height)
                                + (f.scheduleEpochs() > f.epochs() ? " of " + f.scheduleEpochs() : "") + ")").toList(),
                deviceNames, settings.seed());
        System.out.printf(Locale.ROOT, "data ready in %.1f s; engine %s, %d CPU threads%n", (System.nanoTime() - start) / 1e9,
                engine.getEngineName(), config.raw().getInt("proxima.training.cpu-threads"));
        try {
            return run(config, new Nb201Space(), settings, runDir -> {
                for (String name : deviceNames) {
                    devices.add(new LocalSearch.Device(name, new DjlTrainingEvaluator(data, DjlEngines.device(name, engine),
                            runDir.resolve(checkpoints), new ZeroCostTier(data, settings.seed()))));
                }
                return devices;
            }, "val_acc", List.of("val_acc", "train_loss", "params_mb", "images_per_second", "resumed"));
        } finally {
            devices.forEach(d -> ((DjlTrainingEvaluator) d.evaluator()).close());
        }
    }

    /** @param devices makes the devices once the run directory (where checkpoints go) exists */
    private static int run(ProximaConfig config, SearchSpace space, SearchSettings settings,
            Function<Path, List<LocalSearch.Device>> makeDevices, String resultColumn, List<String> metricColumns)
            throws Exception {
        PrintStream out = System.out;
        try (RunDirectory run = RunDirectory.create(config.path("proxima.runs-dir"), "search")) {
            out.println("results: " + run.path());
            List<LocalSearch.Device> devices = makeDevices.apply(run.path());
            Strategy strategy = config.strategies(space, settings.ladder()).get();
            out.println("promotion: " + strategy.promotions().describe() + "; early stopping: " + strategy.stopping().describe());
            SearchCore core = SearchCore.start(settings, space, strategy, System.currentTimeMillis());
            run.append(core.history());
            Progress progress = new Progress(out, resultColumn, settings.budget().maxDeviceSeconds(), 5000);
            Status status = LocalSearch.run(config.raw(), core, devices, config.positive("proxima.supervisor.tick-interval"),
                    config.positive("proxima.worker.retry-interval"), events -> {
                        run.append(events);
                        progress.events(events);
                    }, progress::update);
            progress.done();
            String summary = describe(status.summary(), resultColumn);
            run.writeTrials(core.book().trials(), metricColumns);
            run.writeSummary(summary);
            out.print(summary);
            out.println("results: " + run.path() + " (summary.txt, trials.csv, events.log)");
        }
        return 0;
    }

    static String describe(SearchSummary s, String resultColumn) {
        StringBuilder b = new StringBuilder();
        Map<TrialStatus, Integer> n = s.counts();
        b.append(String.format(Locale.ROOT, "finished after %.1f s: %d trials evaluated, %d reused (isomorphic), "
                + "%d stopped early, %d failed, %d discarded, %d abandoned in flight; %.0f device-seconds%s%n",
                s.elapsedSeconds(), s.completed(), n.get(TrialStatus.REUSED), n.get(TrialStatus.STOPPED),
                n.get(TrialStatus.FAILED), n.get(TrialStatus.DISCARDED),
                n.get(TrialStatus.RUNNING) + n.get(TrialStatus.PENDING), s.deviceSeconds(),
                s.exhausted().map(l -> ", " + l.name().toLowerCase(Locale.ROOT).replace('_', '-') + " budget used up").orElse("")));
        if (s.best().isEmpty()) {
            b.append("no trial produced a score\n");
            return b.toString();
        }
        TrialRecord best = s.best().get();
        b.append("best architecture: ").append(best.architecture().encode()).append('\n');
        b.append(String.format(Locale.ROOT, "  trial %d, tier %d, score (%s) %.2f, %s %.2f%n", best.trialId(), best.tier(), best.fidelity(),
                best.score(), resultColumn, best.metrics().getOrDefault(resultColumn, Double.NaN)));
        return b.toString();
    }
}
