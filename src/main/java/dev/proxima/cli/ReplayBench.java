package dev.proxima.cli;

import dev.proxima.config.ConfigKeys;
import dev.proxima.config.ProximaConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.replay.Simulator;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchSettings;
import dev.proxima.search.TrialRecord;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.stat.StatUtils;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code proxima bench replay}: seconds and heap per 1,000 real evaluations of a replayed pipeline
 * at growing budgets (flat when work follows the evaluations, not the budget), and a soak of many
 * virtual workers over simulated hours (heap per evaluation over time, trials left open).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Wall seconds and retained heap per 1,000 real evaluations (trials a worker ran; reuses not "
                + "counted) of a replayed pipeline at multiples of its budget, median over seeds;",
                "--soak: one long replay with many virtual workers, sampled every simulated hour."})
final class ReplayBench implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--pipeline", paramLabel = "CONF", description = "the pipeline replayed (default "
            + "conf/nb201-synflow-rea.conf; for --soak, none: the configuration as it is)")
    Path pipeline;

    @Option(names = "--seeds", description = "runs per budget (default 10)")
    int seeds = 10;

    @Option(names = "--multiples", split = ",", description = "budgets as multiples of the configured one (default 1,2,4,8)")
    List<Integer> multiples = List.of(1, 2, 4, 8);

    @Option(names = "--soak", description = "run the soak instead")
    boolean soak;

    @Option(names = "--soak-hours", description = "simulated hours of the soak (default 24)")
    int soakHours = 24;

    @Option(names = "--soak-workers", description = "virtual workers of the soak (default 256)")
    int soakWorkers = 256;

    @Override
    public Integer call() {
        Args.atLeast("--seeds", seeds, 1);
        Args.allAtLeast("--multiples", multiples, 1);
        Args.atLeast("--soak-hours", soakHours, 1);
        Args.atLeast("--soak-workers", soakWorkers, 1);
        if (soak) {
            // the soak replays the configuration as it is (by default the protocol: REA, duplicates evaluated
            // again), so the search never runs out of candidates; --pipeline overlays a pipeline
            if (pipeline != null) {
                Args.inputFile("--pipeline", pipeline);
            }
            ProximaConfig layered = pipeline == null ? options.load() : ProximaConfig.overlay(pipeline, options.load());
            return soak(layered, ReplaySetup.load(layered.settings()));
        }
        Path conf = pipeline != null ? pipeline : options.load().settings().home().resolve("conf/nb201-synflow-rea.conf");
        Args.inputFile("--pipeline", conf);
        ProximaConfig layered = ProximaConfig.overlay(conf, options.load());
        ProximaSettings config = layered.settings();
        ReplaySetup setup = ReplaySetup.load(config);
        SearchSettings base = config.replaySearch(config.replay().dedup());
        double budget = base.budget().maxDeviceSeconds();
        if (budget == 0) {
            throw new Args.Problem(ConfigKeys.REPLAY_BUDGET + ".max-device-seconds: the bench scales a device-second budget; "
                    + "the configuration has none");
        }
        System.out.printf(Locale.ROOT, "replay cost of %s (tiers %s, dedup %s), 1 worker, median of %d seeds%n", shown(conf),
                base.ladder().describe(), base.dedup().name().toLowerCase(Locale.ROOT), seeds);
        System.out.printf(Locale.ROOT, "%8s %10s %10s %12s %10s %14s %14s%n", "budget", "device-s", "trials", "real evals",
                "wall s", "s/1000 evals", "MB/1000 evals");
        new Simulator(setup.space(), setup.replay(), config.strategies(setup.space(), base.ladder()), base, 1,
                config.replay().resultColumn()).run(base.seed()); // warm-up: class loading and JIT, not measured
        for (int m : multiples) {
            ProximaSettings scaled = layered.with(ConfigKeys.REPLAY_BUDGET + "." + ConfigKeys.MAX_DEVICE_SECONDS, budget * m)
                    .settings();
            SearchSettings settings = scaled.replaySearch(scaled.replay().dedup());
            Simulator simulator = new Simulator(setup.space(), setup.replay(), scaled.strategies(setup.space(),
                    settings.ladder()), settings, 1, scaled.replay().resultColumn());
            double[] trials = new double[seeds];
            double[] real = new double[seeds];
            double[] wall = new double[seeds];
            double[] mb = new double[seeds];
            for (int i = 0; i < seeds; i++) {
                long before = usedHeapAfterGc();
                long start = System.nanoTime();
                Simulator.Run run = simulator.run(settings.seed() + i);
                wall[i] = (System.nanoTime() - start) / 1e9;
                mb[i] = (usedHeapAfterGc() - before) / 1048576.0;
                trials[i] = run.core().book().size();
                real[i] = realEvaluations(run.core());
            }
            double r = StatUtils.percentile(real, 50);
            System.out.printf(Locale.ROOT, "%7dx %10.0f %10.0f %12.0f %10.2f %14.3f %14.2f%n", m, budget * m, StatUtils.percentile(trials, 50), r,
                    StatUtils.percentile(wall, 50), StatUtils.percentile(wall, 50) / r * 1000, StatUtils.percentile(mb, 50) / r * 1000);
        }
        return 0;
    }

    private int soak(ProximaConfig layered, ReplaySetup setup) {
        ProximaSettings config = layered.with(ConfigKeys.REPLAY_BUDGET + "." + ConfigKeys.MAX_DEVICE_SECONDS, 0)
                .with(ConfigKeys.REPLAY_BUDGET + "." + ConfigKeys.MAX_WALL_CLOCK, soakHours + "h").settings();
        SearchSettings settings = config.replaySearch(config.replay().dedup());
        Simulator simulator = new Simulator(setup.space(), setup.replay(), config.strategies(setup.space(), settings.ladder()),
                settings, soakWorkers, config.replay().resultColumn());
        System.out.printf(Locale.ROOT, "soak: %s, tiers %s, dedup %s, %d virtual workers, %d simulated hours, sampled "
                + "hourly%n", pipeline == null ? "the configuration" : pipeline, settings.ladder().describe(),
                settings.dedup().name().toLowerCase(Locale.ROOT), soakWorkers, soakHours);
        System.out.printf(Locale.ROOT, "%6s %10s %12s %10s %10s %14s %9s%n", "hour", "trials", "real evals", "running",
                "overdue", "heap MB", "KB/eval");
        long start = System.nanoTime();
        long base = usedHeapAfterGc();
        Simulator.Run run = simulator.run(settings.seed(), 3600, (seconds, core) -> {
            long now = Math.round(seconds * 1000);
            long running = core.book().running().size();
            long overdue = core.book().running().stream().map(id -> core.book().get(id).orElseThrow())
                    .filter(t -> t.deadlineMillis() < now).count();
            double heap = (usedHeapAfterGc() - base) / 1048576.0;
            int real = realEvaluations(core);
            System.out.printf(Locale.ROOT, "%6.0f %10d %12d %10d %10d %14.1f %9.2f%n", seconds / 3600, core.book().size(), real,
                    running, overdue, heap, heap * 1024 / Math.max(1, real));
            return core;
        });
        long open = run.core().book().trials().stream().filter(t -> !t.status().isFinal()).count();
        System.out.printf(Locale.ROOT, "end: %d trials, %d real evaluations, %d still open after the budget, %.1f s wall%n",
                run.core().book().size(), realEvaluations(run.core()), open, (System.nanoTime() - start) / 1e9);
        return open == 0 ? 0 : 1;
    }

    /** Trials a worker ran (or runs): every trial but those discarded before they started (reuses are no trials). */
    static int realEvaluations(SearchCore core) {
        int n = 0;
        for (TrialRecord t : core.book().trials()) {
            n += t.attempt() > 0 ? 1 : 0;
        }
        return n;
    }

    /** The pipeline as the user named it, the default as a path inside the checkout. */
    private String shown(Path conf) {
        return pipeline != null ? pipeline.toString() : "conf/" + conf.getFileName();
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
