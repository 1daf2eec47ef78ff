package dev.proxima.cli;

import ai.djl.engine.Engine;
import dev.proxima.bpe.BpeParameter;
import dev.proxima.bpe.BpeSetting;
import dev.proxima.bpe.BpeSpace;
import dev.proxima.bpe.CostPredictor;
import dev.proxima.bpe.Mip;
import dev.proxima.bpe.MipReport;
import dev.proxima.bpe.MipResult;
import dev.proxima.bpe.MipSettings;
import dev.proxima.bpe.SettingResult;
import dev.proxima.bpe.StudyArchitectures;
import dev.proxima.bpe.StudyTable;
import dev.proxima.config.BpeConfig;
import dev.proxima.config.ConfigKeys;
import dev.proxima.config.ProximaConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.lab.RankConsistency;
import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.TrainingRecipe;
import dev.proxima.replay.BenchmarkTable;
import dev.proxima.replay.TableLoader;
import dev.proxima.space.Architecture;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Space;
import dev.proxima.store.RunDirectory;
import dev.proxima.training.DjlEngines;
import dev.proxima.training.DjlTrainingEvaluator;
import dev.proxima.training.TrainingData;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code proxima bpe}: the training setting that ranks architectures best within a budget, found by MIP. */
@Command(name = "bpe", mixinStandardHelpOptions = true,
        description = {"Budgeted performance estimation searched by minimum importance pruning (proxima.bpe):",
                "which training setting ranks architectures most like the ground truth within a budget per architecture.",
                "By default every setting is really trained on the workers; --replay runs MIP over a study table instead."})
final class BpeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--replay", paramLabel = "TABLE", description = "run MIP over this multi-setting table (what a study "
            + "writes as study.csv) instead of training")
    Path replay;

    @Option(names = "--seeds", paramLabel = "N", description = "--replay: MIP runs with seeds proxima.bpe.seed .. +N-1 (default 10)")
    int seeds = 10;

    @Option(names = "--devices", split = ",", description = "training devices, e.g. cpu or gpu:0,gpu:1 (" + ConfigKeys.DEVICES + ")")
    List<String> devices;

    @Option(names = "--total-budget", paramLabel = "SECONDS", description = "device-seconds of all MIP evaluations; 0 = none "
            + "(proxima.bpe.total-budget)")
    Double totalBudget;

    @Option(names = "--budget-per-architecture", paramLabel = "SECONDS", description = "device-seconds the answer may cost per "
            + "architecture; 0 = none (proxima.bpe.budget-per-architecture)")
    Double perArchitecture;

    @Option(names = "--runs-dir", description = "where the study folder and the evaluation cache go (" + ConfigKeys.RUNS_DIR + ")")
    Path runsDir;

    @Override
    public Integer call() throws Exception {
        ProximaConfig layered = options.load().with(ConfigKeys.DEVICES, devices)
                .with("proxima.bpe.total-budget", totalBudget)
                .with("proxima.bpe.budget-per-architecture", perArchitecture)
                .with(ConfigKeys.RUNS_DIR, runsDir == null ? null : runsDir.toString());
        ProximaSettings settings = layered.settings();
        BpeConfig bpe = layered.bpe();
        if (replay != null) {
            if (seeds < 1) {
                throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
            }
            return replay(settings, bpe, StudyTable.read(replay));
        }
        RunDirectory.checkParent(settings.runsDir());
        if (settings.training().ladder().size() > 1) {
            throw settings.origins().problem(ConfigKeys.TRAINING_LADDER, "proxima bpe trains single settings over "
                    + "proxima.training.fidelity; the ladder must be empty");
        }
        return study(settings, bpe);
    }

    private static BpeSpace space(BpeConfig bpe, Fidelity base, int nativeResolution) {
        List<BpeSpace.Dimension> dims = new ArrayList<>();
        bpe.space().forEach((p, values) -> dims.add(new BpeSpace.Dimension(p, values)));
        return new BpeSpace(dims, base, nativeResolution);
    }

    /** A real study: ground truth, MIP over really trained settings, the held-out check. */
    private int study(ProximaSettings config, BpeConfig bpe) throws Exception {
        PrintStream out = System.out;
        StudyArchitectures archs = StudyArchitectures.draw(bpe.architectures(), bpe.heldOut(), bpe.architectureSeed());
        BenchmarkTable table = bpe.truthFromTable() ? TableLoader.load(config.replay().table()) : null;
        Engine engine = TrainingSetup.startEngine(config.training());
        List<String> deviceNames = config.worker().devices();
        TrainingSetup.checkDevices(config, engine);
        TrainingData data = TrainingSetup.trainingData(config);
        int nativeResolution = data.validation(0).height();
        BpeSpace space = space(bpe, config.training().ladder().tier(0), nativeResolution);
        List<LocalSearch.Device> devices = new ArrayList<>();
        for (String name : deviceNames) {
            devices.add(new LocalSearch.Device(name, new DjlTrainingEvaluator(data, DjlEngines.device(name, engine))));
        }
        String context = String.format(Locale.ROOT, "%s, validation %d, split-seed %d, seed %d, %s on %s, %d CPU threads",
                config.training().dataset(), config.training().validationSize(), config.training().splitSeed(),
                config.search().seed(), engine.getEngineName(), deviceNames, config.training().cpuThreads());
        SettingRuns runs = new SettingRuns(config, new Nb201Space(), devices, bpe.cacheDir(), context);
        Path folder = RunDirectory.newFolder(config.runsDir(), "bpe");
        Path report = folder.resolve("report.txt");
        Printer print = line -> { // report.txt grows with the output, so a killed study leaves what it printed
            out.println(line);
            try {
                Files.writeString(report, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + report + ": " + e.getMessage(), e);
            }
        };
        try {
            print.line("proxima bpe: " + archs.search().size() + " architectures for the objective, " + archs.heldOut().size()
                    + " held out; " + context);
            print.line("space: " + space);
            print.line(String.format(Locale.ROOT, "budget: %s per architecture, %s in all; %d settings per round, prune to %s",
                    seconds(bpe.mip().budgetPerArchitecture()), seconds(bpe.mip().totalBudget()), bpe.mip().settingsPerRound(),
                    bpe.mip().pruneTo().key()));
            print.line("results: " + folder + "; evaluations cached in " + bpe.cacheDir());
            Truth t = truth(config, bpe, table, runs, archs, print);
            double[] truth = t.values();
            int k = archs.search().size();
            double[] searchTruth = java.util.Arrays.copyOfRange(truth, 0, k);
            double[] heldTruth = java.util.Arrays.copyOfRange(truth, k, truth.length);
            List<StudyTable.Row> rows = new ArrayList<>();
            MipResult result = new Mip(space, bpe.mip(), s -> true).run(settings -> {
                List<SettingResult> results = new ArrayList<>();
                for (BpeSetting s : settings) {
                    SettingRuns.Scores scored = evaluate(runs, space.fidelity(s), archs.search(), print);
                    SettingResult r = SettingResult.of(s, scored.scores(), searchTruth, scored.seconds());
                    rows.addAll(rows(space, s, StudyTable.SEARCH, scored, searchTruth));
                    print.line(MipReport.evaluation(space, r, scored.cached() ? "(cached)" : ""));
                    results.add(r);
                }
                return results;
            }, round -> print.line(MipReport.round(space, round).stripTrailing()));
            print.line(MipReport.summary(space, result, bpe.mip().budgetPerArchitecture()).stripTrailing());
            double heldSeconds = 0;
            if (result.best().isPresent() && !archs.heldOut().isEmpty()) {
                heldSeconds = heldOut(runs, space, bpe, result, archs.heldOut(), heldTruth, rows, print);
            }
            print.line(String.format(Locale.ROOT, "device-hours: ground truth %.2f, MIP %.2f, held-out check %.2f",
                    t.deviceSeconds() / 3600, result.deviceSeconds() / 3600, heldSeconds / 3600));
            writeResults(folder, space, result, rows);
            out.println("results: " + folder + " (report.txt, study.csv, rounds.csv, answer.conf)");
        } finally {
            devices.forEach(d -> ((DjlTrainingEvaluator) d.evaluator()).close());
        }
        return 0;
    }

    /** The ground truth of every study architecture (search ones first), and the device-seconds it took here. */
    private record Truth(double[] values, double deviceSeconds) {}

    private static Truth truth(ProximaSettings config, BpeConfig bpe, BenchmarkTable table, SettingRuns runs,
            StudyArchitectures archs, Printer print) throws Exception {
        if (table != null) {
            print.line("ground truth: column " + bpe.truthColumn() + " of " + table.name());
            return new Truth(fromTable(table, bpe.truthColumn(), archs.all(), config), 0);
        }
        print.line("ground truth: " + describe(bpe.truth()) + " on all " + archs.all().size() + " architectures");
        SettingRuns.Scores t = runs.evaluate(bpe.truth(), archs.all(), print::line);
        print.line(String.format(Locale.ROOT, "  %.1f s per architecture%s; accuracy %s", t.meanSeconds(),
                t.cached() ? " (cached)" : "", range(t.scores())));
        return new Truth(t.scores(), t.meanSeconds() * archs.all().size());
    }

    /** study.csv (every evaluation: the table --replay reads), rounds.csv, answer.conf. */
    private static void writeResults(Path folder, BpeSpace space, MipResult result, List<StudyTable.Row> rows)
            throws java.io.IOException {
        new StudyTable(space.dimensions().stream().map(BpeSpace.Dimension::parameter).toList(), rows)
                .write(folder.resolve("study.csv"));
        Files.writeString(folder.resolve("rounds.csv"), MipReport.roundsCsv(space, result));
        result.best().ifPresent(b -> write(folder.resolve("answer.conf"), "# proxima bpe's answer: "
                + space.describe(b.setting()) + "\n" + space.fidelityBlock(b.setting(), "bpe") + "\n"));
    }

    /** Prints a line and keeps it for report.txt. */
    private interface Printer {
        void line(String line);
    }

    private static SettingRuns.Scores evaluate(SettingRuns runs, Fidelity f, List<? extends Architecture> archs, Printer print) {
        try {
            return runs.evaluate(f, archs, print::line);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("evaluating " + f.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The answer and the comparison proxies (epochs matched to the answer's cost) on the held-out
     * architectures; returns the device-seconds it took.
     */
    private static double heldOut(SettingRuns runs, BpeSpace space, BpeConfig bpe, MipResult result, List<Nb201Cell> heldOut,
            double[] truth, List<StudyTable.Row> rows, Printer print) {
        SettingResult best = result.best().orElseThrow();
        CostPredictor cost = new CostPredictor(space, result.evaluated());
        double target = best.secondsPerArchitecture();
        print.line("held-out check on " + heldOut.size() + " other architectures (comparisons trained for the epochs "
                + "predicted to cost what the answer costs):");
        Map<String, Fidelity> proxies = new LinkedHashMap<>();
        proxies.put("answer (" + space.name(best.setting()) + ")", space.fidelity(best.setting()));
        for (Fidelity f : bpe.compare()) {
            Fidelity matched = matchEpochs(f, cost, target);
            proxies.put(f.name() + " (" + matched.recipe().econas(matched.epochs(), 16, space.nativeResolution()) + ", "
                    + matched.epochs() + " epochs)", matched);
        }
        double seconds = 0;
        boolean answer = true; // the first proxy is the answer, whose held-out rows go into study.csv
        for (Map.Entry<String, Fidelity> p : proxies.entrySet()) {
            SettingRuns.Scores s = evaluate(runs, p.getValue(), heldOut, print);
            RankConsistency rc = SettingResult.rank(s.scores(), truth);
            seconds += s.meanSeconds() * heldOut.size();
            print.line(String.format(Locale.ROOT, "  %-52s rho %6.3f  tau %6.3f  %7.2f s/arch%s", p.getKey(), rc.spearman(),
                    rc.kendall(), s.meanSeconds(), s.cached() ? "  (cached)" : ""));
            if (answer) {
                rows.addAll(rows(space, best.setting(), StudyTable.HELD_OUT, s, truth));
                answer = false;
            }
        }
        return seconds;
    }

    /** {@code f} with the epochs (1 to 200) whose predicted cost is nearest {@code seconds} per architecture. */
    static Fidelity matchEpochs(Fidelity f, CostPredictor cost, double seconds) {
        int bestEpochs = 1;
        double bestGap = Double.POSITIVE_INFINITY;
        for (int e = 1; e <= 200; e++) {
            double gap = Math.abs(Math.log(cost.seconds(new Fidelity(f.name(), e, f.recipe())) / seconds));
            if (gap < bestGap) {
                bestGap = gap;
                bestEpochs = e;
            }
        }
        return new Fidelity(f.name(), bestEpochs, f.recipe());
    }

    private static List<StudyTable.Row> rows(BpeSpace space, BpeSetting s, String set, SettingRuns.Scores scored, double[] truth) {
        List<Double> values = new ArrayList<>();
        for (int d = 0; d < space.size(); d++) {
            values.add(space.value(s, d));
        }
        List<StudyTable.Row> out = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) {
            out.add(new StudyTable.Row(scored.architectures().get(i).encode(), set, values, scored.scores()[i],
                    scored.seconds()[i], truth[i]));
        }
        return out;
    }

    private static double[] fromTable(BenchmarkTable table, String column, List<Nb201Cell> archs, ProximaSettings config) {
        double[] truth = new double[archs.size()];
        for (int i = 0; i < archs.size(); i++) {
            Nb201Cell a = archs.get(i);
            truth[i] = table.row(a).map(r -> r.value(column)).filter(java.util.OptionalDouble::isPresent)
                    .orElseThrow(() -> config.origins().problem("proxima.bpe.truth.column", "the table " + table.name()
                            + " has no " + column + " for " + a.encode())).getAsDouble();
        }
        return truth;
    }

    /** MIP over a study table for several seeds: how often it finds the same setting. */
    private int replay(ProximaSettings config, BpeConfig bpe, StudyTable table) {
        PrintStream out = System.out;
        BpeSpace space = table.space(config.training().ladder().tier(0));
        Map<BpeSetting, List<StudyTable.Row>> bySetting = table.bySetting(space, StudyTable.SEARCH);
        if (bySetting.isEmpty()) {
            throw new IllegalArgumentException(replay + ": no row of set " + StudyTable.SEARCH + "; MIP's objective needs them");
        }
        out.printf(Locale.ROOT, "proxima bpe --replay %s: %d settings of %s, seeds %d..%d%n", replay, bySetting.size(), space,
                bpe.mip().seed(), bpe.mip().seed() + seeds - 1);
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (int i = 0; i < seeds; i++) {
            MipSettings m = bpe.mip();
            MipSettings seeded = new MipSettings(m.settingsPerRound(), m.drawsPerSetting(), m.budgetPerArchitecture(),
                    m.totalBudget(), m.pruneTo(), m.tolerance(), m.trees(), m.seed() + i);
            MipResult result = new Mip(space, seeded, bySetting::containsKey).run(settings -> settings.stream().map(s -> {
                List<StudyTable.Row> rows = bySetting.get(s);
                return SettingResult.of(s, rows.stream().mapToDouble(StudyTable.Row::score).toArray(),
                        rows.stream().mapToDouble(StudyTable.Row::truth).toArray(),
                        rows.stream().mapToDouble(StudyTable.Row::seconds).toArray());
            }).toList(), round -> {
                if (seeded.seed() == m.seed()) {
                    out.print(MipReport.round(space, round));
                }
            });
            String answer = result.best().map(b -> space.name(b.setting())).orElse("(none within the budget)");
            answers.merge(answer, 1, Integer::sum);
            out.printf(Locale.ROOT, "seed %d: %s%s; %d settings, %.0f device-seconds; %s%n", seeded.seed(), answer,
                    result.best().map(b -> String.format(Locale.ROOT, " (rho %.3f, %.2f s/arch)", b.spearman(),
                            b.secondsPerArchitecture())).orElse(""), result.evaluated().size(), result.deviceSeconds(),
                    result.stopped());
        }
        Map.Entry<String, Integer> top = answers.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        out.printf(Locale.ROOT, "the same setting in %d of %d seeds: %s; answers %s%n", top.getValue(), seeds, top.getKey(), answers);
        return 0;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String seconds(double s) {
        return s <= 0 ? "no limit" : String.format(Locale.ROOT, "%.0f device-seconds", s);
    }

    private static String range(double[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int failed = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                failed++;
            } else {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return String.format(Locale.ROOT, "%.2f to %.2f%s", lo, hi, failed == 0 ? "" : ", " + failed + " failed");
    }

    private static String describe(Fidelity f) {
        TrainingRecipe r = f.recipe();
        return String.format(Locale.ROOT, "%d epochs, %d channels, %d cells per stage, %s px, %s of the data, batch %d, lr %s",
                f.epochs(), r.initialChannels(), r.cellsPerStage(), r.resolution() == 0 ? "native" : r.resolution(),
                BpeParameter.format(r.dataFraction()), r.batchSize(), BpeParameter.format(r.learningRate()));
    }
}
