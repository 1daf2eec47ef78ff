package dev.proxima.cli;

import com.google.gson.GsonBuilder;
import dev.proxima.config.ProximaSettings;
import dev.proxima.lab.DiscreteProxySearch;
import dev.proxima.lab.DiscreteProxySearch.Candidate;
import dev.proxima.lab.RankConsistency;
import dev.proxima.replay.TableRow;
import dev.proxima.zerocost.Eproxy;
import dev.proxima.zerocost.EproxySettings;
import dev.proxima.zerocost.ZeroCostScorer;
import dev.proxima.zerocost.ZeroCostScorers;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code proxima dps}: Discrete Proxy Search for Eproxy's settings on a handful of benchmarked
 * architectures, then the winner's rank consistency on a disjoint held-out sample.
 */
@Command(name = "dps", mixinStandardHelpOptions = true,
        description = "Discrete Proxy Search: aging evolution over Eproxy's settings, fitness = Spearman on a few "
                + "benchmarked architectures; reports the best setting's rank consistency on a disjoint held-out sample.")
final class DpsCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--configs", paramLabel = "N", description = "settings evaluated in all (default 200, as the paper)")
    int configs = DiscreteProxySearch.PAPER.evaluations();

    @Option(names = "--population", paramLabel = "N", description = "random settings first, and the aging window (default 40)")
    int population = DiscreteProxySearch.PAPER.population();

    @Option(names = "--tournament", paramLabel = "N", description = "settings per tournament (default 10)")
    int tournament = DiscreteProxySearch.PAPER.tournament();

    @Option(names = "--channels", split = ",", paramLabel = "C", description = "head and target channel counts searched "
            + "(default 16,32,64,128,256,512 as the paper; fewer keep a CPU run short)")
    List<Integer> channels = DiscreteProxySearch.PAPER.channels();

    @Option(names = "--fitness-archs", paramLabel = "N", description = "benchmarked architectures the fitness ranks (default 20)")
    int fitnessArchs = 20;

    @Option(names = "--held-out", paramLabel = "N", description = "held-out architectures the winner is measured on: the "
            + "same sample as 'proxima rank --sample N' with the same seed; the fitness architectures never come from it "
            + "(default 1000; 0 = skip)")
    int heldOut = 1000;

    @Option(names = "--baseline", description = "also measure Eproxy's released default setting on the held-out sample")
    boolean baseline;

    @Option(names = "--truth", paramLabel = "COLUMN", description = "ground-truth table column (default test_acc_200)")
    String truth = "test_acc_200";

    @Option(names = "--top-k", paramLabel = "PCT", description = "top-k recall on the held-out sample at this percentage (default 10)")
    double topK = 10;

    @Option(names = "--device", description = "cpu or gpu:N (default cpu)")
    String device = "cpu";

    @Option(names = "--out", paramLabel = "FILE", description = "JSON: the best setting (usable as 'rank --proxy eproxy:FILE'), "
            + "every evaluated setting and the held-out result; rewritten after each setting, so a stopped run keeps its history")
    Path outFile;

    @Override
    public Integer call() throws IOException {
        Args.atLeast("--configs", configs, 1);
        Args.atLeast("--population", population, 1);
        Args.atLeast("--tournament", tournament, 1);
        if (tournament > population) {
            throw new Args.Problem("--tournament " + tournament + " is larger than --population " + population);
        }
        Args.allAtLeast("--channels", channels, 1);
        Args.atLeast("--fitness-archs", fitnessArchs, 3);
        if (heldOut != 0) {
            Args.atLeast("--held-out", heldOut, 3);
        }
        Args.between("--top-k", topK, 0.01, 100);
        RankCommand.checkDevice("--device", device);
        Args.outputFile("--out", outFile);
        ProximaSettings config = options.load().settings();
        long seed = config.search().seed();
        DiscreteProxySearch search = new DiscreteProxySearch(configs, population, tournament,
                DiscreteProxySearch.PAPER.mutationRate(), DiscreteProxySearch.PAPER.targetRate(), channels);
        PrintStream out = System.out;
        List<TableRow> all = new ArrayList<>(ReplaySetup.load(config).replay().table().rows());
        List<TableRow> held = heldOut == 0 ? List.of() : RankCommand.sample(all, heldOut, seed);
        Set<TableRow> excluded = new HashSet<>(held);
        List<TableRow> rest = all.stream().filter(r -> !excluded.contains(r)).toList();
        List<TableRow> fitnessRows = RankCommand.sample(rest, fitnessArchs, seed + 1);
        double[] fitnessTruth = RankCommand.column(fitnessRows, truth, "--truth");
        if (!held.isEmpty()) {
            RankCommand.column(held, truth, "--truth");
        }
        ZeroCostScorers scorers = RankCommand.scorers(config, seed, device, Eproxy.IMAGES, Eproxy.IMAGES, out);
        out.printf(Locale.ROOT, "dps: %d settings (population %d, tournament %d, channels %s), fitness = Spearman with %s on %d architectures, "
                + "held out %d (seed %d)%n", configs, population, tournament, channels, truth, fitnessRows.size(), held.size(), seed);

        Map<String, Object> doc = new LinkedHashMap<>();
        List<Candidate> seen = new ArrayList<>();
        long started = System.nanoTime();
        DiscreteProxySearch.Result result = search.run(settings -> fitness(scorers, settings, fitnessRows, fitnessTruth, out),
                seed, c -> {
                    seen.add(c);
                    Candidate best = seen.stream().max(Comparator.comparingDouble(Candidate::rank)).orElseThrow();
                    out.printf(Locale.ROOT, "  %3d/%d fitness %6.3f  best %6.3f (#%d)  %5.0f s  %s%n", c.index() + 1, configs,
                            c.fitness(), best.rank(), best.index() + 1, (System.nanoTime() - started) / 1e9,
                            c.settings().describe());
                    doc.put("settings", best.settings().toJson());
                    doc.put("fitness", best.rank());
                    doc.put("history", seen.stream().map(DpsCommand::entry).toList());
                    write(doc);
                });
        Candidate best = result.best();
        out.printf(Locale.ROOT, "best setting #%d, fitness %.3f: %s%n", best.index() + 1, best.rank(), best.settings().describe());
        if (!held.isEmpty()) {
            double[] truthHeld = RankCommand.column(held, truth, "--truth");
            out.println(RankCommand.header(RankCommand.MIN_PROXY_WIDTH));
            Map<String, Object> heldDoc = new LinkedHashMap<>();
            heldDoc.put("eproxy+dps", measure("eproxy+dps", scorers.eproxy(best.settings()), held, truthHeld, out));
            if (baseline) {
                heldDoc.put("eproxy", measure("eproxy", scorers.eproxy(EproxySettings.DEFAULT), held, truthHeld, out));
            }
            doc.put("held_out", heldDoc);
            write(doc);
        }
        return 0;
    }

    /** Sign-corrected Spearman on the fitness architectures; NaN when a score cannot be computed. */
    private double fitness(ZeroCostScorers scorers, EproxySettings settings, List<TableRow> rows, double[] truthValues,
            PrintStream out) {
        try {
            double[] scores = RankCommand.score(scorers.eproxy(settings), rows);
            return RankConsistency.of(scores, false, truthValues, topK).spearman();
        } catch (RuntimeException e) {
            out.println("  setting failed (fitness NaN): " + e.getMessage());
            return Double.NaN;
        }
    }

    private RankCommand.Row measure(String name, ZeroCostScorer scorer, List<TableRow> rows, double[] truthValues, PrintStream out) {
        long start = System.nanoTime();
        double[] scores = RankCommand.score(scorer, rows);
        double ms = (System.nanoTime() - start) / 1e6 / rows.size();
        RankConsistency r = RankConsistency.of(scores, scorer.higherIsBetter(), truthValues, topK);
        RankCommand.Row row = new RankCommand.Row(name, "djl", truth, scorer.higherIsBetter(), r.n(), r.spearman(), r.kendall(),
                topK, r.topKRecall(), ms);
        out.println(RankCommand.format(row, RankCommand.MIN_PROXY_WIDTH));
        return row;
    }

    private static Map<String, Object> entry(Candidate c) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("index", c.index());
        e.put("fitness", c.fitness());
        e.put("settings", c.settings().toJson());
        return e;
    }

    /** Replaces the output file atomically, so an interrupted run never leaves half a document. */
    private void write(Map<String, Object> doc) {
        if (outFile == null) {
            return;
        }
        try {
            Path tmp = outFile.resolveSibling(outFile.getFileName() + ".tmp");
            Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create()
                    .toJson(doc));
            Files.move(tmp, outFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("--out " + outFile + ": " + e.getMessage(), e);
        }
    }
}
