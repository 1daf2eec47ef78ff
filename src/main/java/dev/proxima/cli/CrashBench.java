package dev.proxima.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code proxima bench crash}: the crash drill at a size of the user's choosing (the suite runs a small one). */
@Command(name = "crash", mixinStandardHelpOptions = true,
        description = {"Kill -9 a replay search (a child JVM) at seeded random points, resume it each time, and check "
                + "the journal: no completed trial lost or run again, every trial id once, the budget kept; with "
                + "--workers 1 also the same proposals and answer as an uninterrupted run. Exit code 1 on a failed check."})
final class CrashBench implements Callable<Integer> {
    @Option(names = "--workers", description = "replay workers (default 4)")
    int workers = 4;

    @Option(names = "--kills", description = "SIGKILLs, each followed by a resume (default 10)")
    int kills = 10;

    @Option(names = "--seed", description = "search seed, also seeds the kill points (default 1)")
    long seed = 1;

    @Option(names = "--max-trials", description = "the search's trial budget (default 300)")
    long maxTrials = 300;

    @Option(names = "--speedup", description = "simulated seconds per real second (default 4000)")
    double speedup = 4000;

    @Option(names = "--controller", description = "search controller (default: the configured one)")
    String controller;

    @Option(names = "--pipeline", paramLabel = "FILE", description = "a pipeline config for the search, e.g. "
            + "conf/nb201-synflow-rea.conf")
    Path pipeline;

    @Mixin
    BenchJournalStore store;

    @Option(names = "--config", paramLabel = "FILE", description = "HOCON file with proxima.journal.postgresql (for "
            + "--store postgresql)")
    Path config;

    @Option(names = "--keep", paramLabel = "DIR", description = "keep the runs and drill.log in this new folder")
    Path keep;

    @Override
    public Integer call() throws Exception {
        Args.atLeast("--workers", workers, 1);
        Args.atLeast("--kills", kills, 1);
        Args.atLeast("--max-trials", maxTrials, kills + 1L);
        Args.positive("--speedup", speedup);
        if (pipeline != null) {
            Args.inputFile("--pipeline", pipeline);
        }
        store.check();
        var server = store.postgresql() ? dev.proxima.config.ProximaConfig.load(java.util.Optional.ofNullable(config)).settings()
                .journal().server() : null;
        if (keep != null && Files.exists(keep)) {
            throw new IllegalArgumentException("--keep " + keep + ": exists already; name a new folder");
        }
        List<String> args = new ArrayList<>();
        if (controller != null) {
            args.addAll(List.of("--controller", controller));
        }
        if (pipeline != null) {
            args.addAll(List.of("--config", pipeline.toAbsolutePath().toString()));
        }
        CrashDrill.Plan plan = new CrashDrill.Plan(workers, kills, seed, maxTrials, speedup, args, server);
        CrashDrill.Outcome outcome;
        long start = System.nanoTime();
        if (keep != null) {
            Files.createDirectories(keep);
            outcome = new CrashDrill(plan, keep).run();
        } else {
            try (TemporaryFolder dir = new TemporaryFolder("proxima-crash")) {
                outcome = new CrashDrill(plan, dir.path()).run();
            }
        }
        System.out.printf(Locale.ROOT, "crash drill: %d workers, seed %d, %d trials budget; killed after %s completed trials"
                + "%n", workers, seed, maxTrials, outcome.killedAfter());
        System.out.printf(Locale.ROOT, "journal: %d events, %d trials; answer %s; %.1f s%n", outcome.events(),
                outcome.trials(), outcome.best(), (System.nanoTime() - start) / 1e9);
        if (outcome.problems().isEmpty()) {
            System.out.println("passed: no completed trial lost or evaluated again, every trial id once, budget kept"
                    + (workers == 1 ? ", proposals and answer equal the uninterrupted run's" : ""));
            return 0;
        }
        outcome.problems().forEach(p -> System.out.println("FAILED: " + p));
        return Main.RUNTIME_FAILURE;
    }
}
