package dev.proxima.cli;

import dev.proxima.config.ProximaSettings;
import dev.proxima.replay.TableRow;
import dev.proxima.zerocost.ZeroCostScorer;
import dev.proxima.zerocost.ZeroCostScorers;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code proxima bench scorers}: milliseconds per architecture of each zero-cost scorer. */
@Command(name = "scorers", mixinStandardHelpOptions = true,
        description = "Milliseconds per architecture of each zero-cost scorer on NAS-Bench-201's network (C=16, N=5, "
                + "3x32x32): the median over --repeats passes over the same --cells cells (after one warm-up cell).")
final class ScorersBench implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--scorers", split = ",", completionCandidates = ScorerNames.class,
            description = "scorers, of ${COMPLETION-CANDIDATES} (default: all)")
    List<String> names = ZeroCostScorers.NAMES;

    @Option(names = "--cells", description = "cells per pass, drawn with --seed from the table (default 20)")
    int cells = 20;

    @Option(names = "--repeats", description = "passes per scorer (default 3)")
    int repeats = 3;

    @Option(names = "--device", description = "cpu or gpu:N (default cpu)")
    String device = "cpu";

    @Override
    public Integer call() {
        Args.atLeast("--repeats", repeats, 1);
        Args.atLeast("--cells", cells, 3);
        Args.oneOf("--scorers", names, ZeroCostScorers.NAMES);
        RankCommand.checkDevice("--device", device);
        ProximaSettings config = options.load().settings();
        long seed = config.search().seed();
        List<TableRow> rows = RankCommand.sample(ReplaySetup.load(config).replay().table().rows(), cells, seed);
        ZeroCostScorers scorers = RankCommand.scorers(config, seed, device, 128, 64, System.out);
        System.out.printf(Locale.ROOT, "%-10s %12s %12s %12s%n", "scorer", "median ms", "min ms", "max ms");
        for (String name : names) {
            ZeroCostScorer scorer = scorers.create(name);
            RankCommand.score(scorer, rows.subList(0, 1)); // warm-up: engine kernels, allocator
            double[] ms = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                RankCommand.score(scorer, rows);
                ms[r] = (System.nanoTime() - start) / 1e6 / rows.size();
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "%-10s %12.2f %12.2f %12.2f%n", name, ms[repeats / 2], ms[0], ms[repeats - 1]);
        }
        return 0;
    }
}
