package dev.proxima.cli;

import ai.djl.engine.Engine;
import dev.proxima.config.Choices;
import dev.proxima.config.ClusterConfig;
import dev.proxima.config.ConfigKeys;
import dev.proxima.config.ProximaConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.config.ResumeKeys;
import dev.proxima.journal.EventJournal;
import dev.proxima.journal.PostgresJournal;
import dev.proxima.journal.TimedJournal;
import dev.proxima.replay.TableReplayEvaluator;
import dev.proxima.search.Budget;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchSettings;
import dev.proxima.search.SearchSummary;
import dev.proxima.search.Strategy;
import dev.proxima.search.TrialRecord;
import dev.proxima.search.TrialStatus;
import dev.proxima.space.SearchSpace;
import dev.proxima.store.RunDirectory;
import dev.proxima.supervisor.SupervisorMessages.Status;
import dev.proxima.training.DjlEngines;
import dev.proxima.training.DjlTrainingEvaluator;
import dev.proxima.training.TrainingData;
import dev.proxima.zerocost.ZeroCostTier;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code proxima search}: one search with a supervisor and one worker actor per device. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Run a search with a supervisor actor and one worker actor per device.",
                "By default candidates are trained with DJL on Fashion-MNIST at the configured proxy fidelity;",
                "--evaluator replay looks them up in the benchmark table in compressed time instead."})
final class SearchCommand implements Callable<Integer> {
    /** The run's event journal, inside its folder. */
    static final String JOURNAL = "journal.db";

    @Mixin
    ConfigOptions options;

    @Option(names = "--evaluator", completionCandidates = Choices.EvaluatorNames.class,
            description = "${COMPLETION-CANDIDATES} (" + ConfigKeys.EVALUATOR + ")")
    String evaluator;

    @Option(names = "--devices", split = ",", description = "training devices, e.g. cpu or gpu:0,gpu:1 (" + ConfigKeys.DEVICES + ")")
    List<String> devices;

    @Option(names = "--workers", description = "replay: worker actors (" + ConfigKeys.WORKER_COUNT + ")")
    Integer workers;

    @Option(names = "--controller", completionCandidates = Choices.ControllerNames.class,
            description = "${COMPLETION-CANDIDATES} (" + ConfigKeys.CONTROLLER + ")")
    String controller;

    @Option(names = "--speedup", description = "replay: simulated seconds per real second (" + ConfigKeys.REPLAY_SPEEDUP + ")")
    Double speedup;

    @Option(names = "--budget-seconds", description = "device-seconds budget; 0 = none")
    Double budgetSeconds;

    @Option(names = "--max-trials", description = "evaluations to start; 0 = none")
    Long maxTrials;

    @Option(names = "--wall-clock", description = "time budget, e.g. 10m or 90s; 0s = none")
    String wallClock;

    @Option(names = "--runs-dir", description = "where run folders go (" + ConfigKeys.RUNS_DIR + ")")
    Path runsDir;

    @Option(names = "--resume", paramLabel = "RUN", description = {"go on with the run in this folder (its journal "
            + "file, or postgresql:RUN_ID) after a kill or crash: its stored configuration, its trials; in-flight trials run again.",
            "Flags and --config may change only " + ResumeKeys.DESCRIPTION + "."})
    Path resume;

    /** Opens the run a search works in, once its settings, space and strategy are known. */
    private interface Start {
        SearchRun open(ProximaSettings config, SearchSettings settings, SearchSpace space, Strategy strategy);
    }

    @Override
    public Integer call() throws Exception {
        if (resume != null) {
            return resume();
        }
        ProximaConfig layered = options.load().with(ConfigKeys.EVALUATOR, evaluator);
        ProximaSettings settings = withFlags(layered, layered.evaluator()).settings();
        RunDirectory.checkParent(settings.runsDir());
        if (settings.journal().postgresql()) {
            PostgresJournal.checkReachable(settings.journal().server());
        }
        Start fresh = SearchRun::create;
        SearchPlan plan = SearchPlan.of(settings);
        return plan.setup() != null ? replay(settings, plan, fresh) : train(settings, plan, fresh);
    }

    /** The flags over {@code base}; the budget flags set the budget of {@code evaluator}. */
    private ProximaConfig withFlags(ProximaConfig base, String evaluatorName) {
        String budget = evaluatorName.equals("replay") ? ConfigKeys.REPLAY_BUDGET : ConfigKeys.SEARCH_BUDGET;
        return base.with(ConfigKeys.WORKER_COUNT, workers)
                .with(ConfigKeys.DEVICES, devices)
                .with(ConfigKeys.CONTROLLER, controller)
                .with(ConfigKeys.REPLAY_SPEEDUP, speedup)
                .with(budget + "." + ConfigKeys.MAX_DEVICE_SECONDS, budgetSeconds)
                .with(budget + "." + ConfigKeys.MAX_TRIALS, maxTrials)
                .with(budget + "." + ConfigKeys.MAX_WALL_CLOCK, wallClock)
                .with(ConfigKeys.RUNS_DIR, runsDir == null ? null : runsDir.toString());
    }

    /**
     * {@code --resume}: everything is checked (the journal free and readable, the configuration
     * unchanged but for safe keys, the search not finished) before the run folder is touched.
     */
    private int resume() throws Exception {
        JournalTarget target = JournalTarget.of(resume);
        ProximaConfig here = options.load();
        try (EventJournal journal = target.openForAppend(here.settings())) {
            String where = target + " (stored configuration)";
            ProximaConfig stored = ProximaConfig.stored(journal.config(), where);
            ProximaConfig requested = withFlags(here.with(ConfigKeys.EVALUATOR, evaluator), stored.evaluator());
            ProximaSettings config = ProximaConfig.resumed(stored, requested).settings();
            List<SearchEvent> events = journal.events();
            if (events.isEmpty()) {
                throw new IllegalArgumentException(target + ": the journal holds no event; start a new search instead");
            }
            SearchPlan plan = SearchPlan.of(config);
            Strategy strategy = plan.strategies().get();
            SearchCore core = SearchCore.recover(plan.settings(), plan.space(), strategy, events);
            if (core.isFinished()) {
                SearchSummary s = core.summary(events.get(events.size() - 1).atMillis());
                throw new IllegalArgumentException(resume + ": the search finished already ("
                        + s.exhausted().map(Budget.Limit::describe).orElse("nothing left to run")
                        + "); nothing to resume");
            }
            Start resumed = (c, search, s, st) -> SearchRun.resume(target.folder(config), journal,
                    config.proximaText(), core, strategy);
            return plan.setup() != null ? replay(config, plan, resumed) : train(config, plan, resumed);
        }
    }

    private int replay(ProximaSettings config, SearchPlan plan, Start start) throws Exception {
        SearchSettings settings = plan.settings();
        ReplaySetup setup = plan.setup();
        TableReplayEvaluator evaluator = new TableReplayEvaluator(setup.replay(), config.replay().speedup());
        int count = config.worker().count();
        System.out.printf(Locale.ROOT, "proxima search: %s on %s, %d workers, evaluator %s, seed %d, budget %s%n",
                config.controller(), setup.space().name(), count, evaluator.describe(), settings.seed(),
                settings.budget().describe());
        System.out.println("cost model: " + setup.replay().costModel().describe());
        return run(config, plan, start, (run, core, journal, observers, progress) ->
                inProcess(config, core, LocalSearch.virtual(evaluator, count), journal, observers, progress));
    }

    /** The search with its workers as actors in this JVM; returns the supervisor's final status. */
    private static Status inProcess(ProximaSettings config, SearchCore core, List<LocalSearch.Device> devices,
            EventJournal journal, Consumer<List<SearchEvent>> observers, Consumer<SearchSummary> progress) throws Exception {
        return LocalSearch.run(config.actorSystem(), core, devices, config.search().tickInterval(),
                config.worker().retryInterval(), journal, observers, progress).status();
    }

    private int train(ProximaSettings config, SearchPlan plan, Start start) throws Exception {
        SearchSettings settings = plan.settings();
        Engine engine = TrainingSetup.startEngine(config.training());
        List<String> deviceNames = config.worker().devices();
        TrainingSetup.checkDevices(config, engine);
        ClusterConfig cluster = config.worker().perDevice() ? localCluster(options.load()) : null;
        int height = TrainingSetup.imageSize(config.training());
        System.out.printf(Locale.ROOT, "proxima search: %s on nb201, %s, tiers %s, devices %s, seed %d, budget %s%n",
                config.controller(), config.training().dataset(), settings.ladder().tiers().stream()
                        .map(f -> f.name() + " (" + f.recipe().econas(f.epochs(), 16, height)
                                + (f.scheduleEpochs() > f.epochs() ? " of " + f.scheduleEpochs() : "") + ")").toList(),
                deviceNames, settings.seed(), settings.budget().describe());
        if (cluster != null) {
            System.out.printf(Locale.ROOT, "workers: one JVM per device, engine %s, %d CPU threads each, recycled after %d "
                    + "trials%s%n", DjlEngines.describe(engine), config.training().cpuThreads(), cluster.maxTrialsPerProcess(),
                    cluster.maxRssMib() > 0 ? " or above " + cluster.maxRssMib() + " MiB" : "");
            return run(config, plan, start, (run, core, journal, observers, progress) ->
                    WorkerJvms.run(config, cluster, run.path(), core, journal, observers, progress));
        }
        long loadStart = System.nanoTime();
        TrainingData data = TrainingSetup.trainingData(config);
        Path checkpoints = config.training().checkpointDir();
        System.out.printf(Locale.ROOT, "data ready in %.1f s; engine %s, %d CPU threads%n", (System.nanoTime() - loadStart) / 1e9,
                DjlEngines.describe(engine), config.training().cpuThreads());
        return run(config, plan, start, (run, core, journal, observers, progress) -> {
            List<LocalSearch.Device> devices = new ArrayList<>();
            try {
                for (String name : deviceNames) {
                    devices.add(new LocalSearch.Device(name, new DjlTrainingEvaluator(data, DjlEngines.device(name, engine),
                            run.path().resolve(checkpoints), config.training().checkpointEvery(),
                            new ZeroCostTier(data, settings.seed()))));
                }
                return inProcess(config, core, devices, journal, observers, progress);
            } finally {
                devices.forEach(d -> ((DjlTrainingEvaluator) d.evaluator()).close());
            }
        });
    }

    /** The one-machine cluster of a search with worker JVMs: every node on 127.0.0.1, without TLS. */
    private static ClusterConfig localCluster(ProximaConfig layered) {
        return layered.with(ConfigKeys.CLUSTER + ".host", "127.0.0.1").with(ConfigKeys.CLUSTER + ".tls.enabled", false)
                .cluster();
    }

    /** Runs the search's workers, however they are placed, until the search ends; returns the supervisor's status. */
    private interface Workers {
        Status run(RunDirectory run, SearchCore core, EventJournal journal, Consumer<List<SearchEvent>> observers,
                Consumer<SearchSummary> progress) throws Exception;
    }

    private static int run(ProximaSettings config, SearchPlan plan, Start start, Workers workers) throws Exception {
        PrintStream out = System.out;
        SearchSettings settings = plan.settings();
        String resultColumn = plan.resultColumn();
        try (SearchRun search = start.open(config, settings, plan.space(), plan.strategies().get())) {
            RunDirectory run = search.folder();
            EventJournal journal = search.journal();
            SearchCore core = search.core();
            out.println("results: " + run.path());
            if (search.resumed()) {
                SearchSummary s = core.summary(System.currentTimeMillis());
                out.printf(Locale.ROOT, "resumed: %d trials evaluated, %d waiting, %.0f device-seconds and %.0f s "
                        + "spent so far%n", s.completed(), s.counts().get(TrialStatus.PENDING), s.deviceSeconds(),
                        s.elapsedSeconds());
            }
            Strategy strategy = search.strategy();
            out.println("promotion: " + strategy.promotions().describe() + "; early stopping: " + strategy.stopping().describe()
                    + "; fusion: " + settings.fusion().describe(settings.ladder()));
            Progress progress = new Progress(out, settings.ladder(), resultColumn, settings.budget().maxDeviceSeconds(),
                    Progress.QUIET_MILLIS);
            Status status;
            try (RunPage page = RunPage.start(config, plan, run.path(), search.resumed() ? journal.events() : List.of(), out)) {
                Consumer<List<SearchEvent>> observers = observers(run, core, progress, config, plan);
                Consumer<SearchSummary> summaries = progress::update;
                EventJournal journaled = journal;
                if (page != null) {
                    observers = observers.andThen(page.search()::observe);
                    summaries = summaries.andThen(page.search()::summary);
                    journaled = new TimedJournal(journal, System::currentTimeMillis, page.search()::journalLag);
                }
                status = workers.run(run, core, journaled, observers, summaries);
                if (page != null) {
                    page.search().summary(status.summary());
                    page.search().ended("finished");
                }
            }
            progress.done();
            String summary = describe(status.summary(), resultColumn);
            run.writeTrials(core, plan.metricColumns());
            run.writeSummary(summary);
            out.print(summary);
            out.println("results: " + run.path() + " (summary.txt, trials.csv, events.log, " + JOURNAL + ")");
        }
        return 0;
    }

    /**
     * What sees a run's events as they come: its events.log, the progress lines, and trials.csv and
     * summary.txt rewritten every report interval. It runs on the supervisor's thread, so reading
     * the core there is safe.
     */
    static Consumer<List<SearchEvent>> observers(RunDirectory run, SearchCore core, Progress progress,
            ProximaSettings config, SearchPlan plan) {
        long reportMillis = config.search().reportInterval().toMillis();
        long[] lastReport = {System.currentTimeMillis()};
        return events -> {
            run.append(events);
            progress.events(events);
            long now = System.currentTimeMillis();
            if (now - lastReport[0] >= reportMillis) {
                lastReport[0] = now;
                report(run, core, now, plan.resultColumn(), plan.metricColumns());
            }
        };
    }

    /** Rewrites trials.csv and summary.txt while the search runs, so a killed search leaves recent ones. */
    static void report(RunDirectory run, SearchCore core, long now, String resultColumn, List<String> metricColumns) {
        try {
            run.writeTrials(core, metricColumns);
            run.writeSummary("(running)\n" + describe(core.summary(now), resultColumn).replaceFirst("^finished after", "after"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot rewrite the reports in " + run.path() + ": " + e.getMessage(), e);
        }
    }

    static String describe(SearchSummary s, String resultColumn) {
        StringBuilder b = new StringBuilder();
        Map<TrialStatus, Integer> n = s.counts();
        b.append(String.format(Locale.ROOT, "finished after %.1f s: %d trials evaluated, %d reused (isomorphic), "
                + "%d stopped early, %d failed, %d discarded; %.0f device-seconds%s%n",
                s.elapsedSeconds(), s.completed(), n.get(TrialStatus.REUSED), n.get(TrialStatus.STOPPED),
                n.get(TrialStatus.FAILED), n.get(TrialStatus.DISCARDED), s.deviceSeconds(),
                s.exhausted().map(l -> ", " + l.describe()).orElse("")));
        if (s.best().isEmpty()) {
            b.append("no trial produced a score\n");
            return b.toString();
        }
        TrialRecord best = s.best().get();
        b.append("best architecture: ").append(best.architecture().encode()).append('\n');
        b.append(String.format(Locale.ROOT, "  trial %d, tier %d, score (%s) %.2f, %s %.2f%n", best.trialId(), best.tier(), best.fidelity(),
                best.score(), resultColumn, best.metrics().getOrDefault(resultColumn, Double.NaN)));
        if (!s.bestEvidence().pieces().isEmpty()) {
            b.append("  evidence: ").append(s.bestEvidence().describe()).append('\n');
        }
        return b.toString();
    }
}
