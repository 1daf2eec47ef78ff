package dev.proxima.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.google.gson.GsonBuilder;
import dev.proxima.config.ProximaSettings;
import dev.proxima.config.Suggestions;
import dev.proxima.fusion.RankVote;
import dev.proxima.lab.RankConsistency;
import dev.proxima.replay.TableRow;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Network;
import dev.proxima.training.DjlEngines;
import dev.proxima.training.ImageData;
import dev.proxima.zerocost.EproxySettings;
import dev.proxima.zerocost.ZeroCostData;
import dev.proxima.zerocost.ZeroCostScorer;
import dev.proxima.zerocost.ZeroCostScorers;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code proxima rank}: how well proxies rank a seeded sample of a benchmark's architectures. */
@Command(name = "rank", mixinStandardHelpOptions = true,
        description = "Rank consistency of proxies (zero-cost scorers computed here, or table columns) against "
                + "ground truth (a table column) on a seeded sample of the benchmark: Spearman, Kendall tau-b, top-k recall.")
final class RankCommand implements Callable<Integer> {
    static final List<String> DEFAULT_PROXIES = List.of("params", "flops", "synflow", "grad_norm", "snip", "naswot", "eproxy",
            "table:synflow", "table:naswot", "table:val_acc_12");

    /** Prefix of an Eproxy proxy whose settings come from a JSON file (what {@code proxima dps} writes). */
    static final String EPROXY_FILE = "eproxy:";

    /** Prefix of a proxy read from a table column. */
    static final String TABLE = "table:";

    /** Prefix of a fused proxy: the equal-weight rank vote of the proxies after it, joined by '+'. */
    static final String VOTE = "vote:";

    @Mixin
    ConfigOptions options;

    @Option(names = "--proxy", split = ",", paramLabel = "P", completionCandidates = ScorerNames.class,
            description = "proxies: a zero-cost scorer (${COMPLETION-CANDIDATES}), eproxy:FILE (Eproxy with settings from a JSON file, "
            + "e.g. what 'proxima dps' wrote), table:COLUMN or vote:P+Q+... (the equal-weight rank vote of proxies P, Q, ...: "
            + "each architecture's mean percentile among the sample; e.g. vote:table:naswot+table:synflow+table:val_acc_12) "
            + "(default: all scorers, table:synflow, table:naswot, table:val_acc_12)")
    List<String> proxies = DEFAULT_PROXIES;

    @Option(names = "--truth", split = ",", paramLabel = "COLUMN", description = "ground-truth table columns, each "
            + "compared with every proxy (default test_acc_200)")
    List<String> truths = List.of("test_acc_200");

    @Option(names = "--sample", paramLabel = "N", description = "architectures, drawn with --seed from the table (default 1000)")
    int sample = 1000;

    @Option(names = "--top-k", paramLabel = "PCT", description = "top-k recall at this percentage (default 10)")
    double topK = 10;

    @Option(names = "--batch", description = "images NASWOT sees (default 128); grad_norm and snip use the first --grad-batch")
    int batch = 128;

    @Option(names = "--grad-batch", description = "images of the gradient scorers (default 64)")
    int gradBatch = 64;

    @Option(names = "--device", description = "cpu or gpu:N (default cpu)")
    String device = "cpu";

    @Option(names = "--csv", paramLabel = "FILE", description = "write the results as CSV")
    Path csv;

    @Option(names = "--json", paramLabel = "FILE", description = "write the results as JSON")
    Path json;

    @Option(names = "--scores", paramLabel = "FILE", description = "write every architecture's scores as CSV")
    Path scoresFile;

    /** One proxy's result. */
    record Row(String proxy, String source, String truth, boolean higherIsBetter, int n, double spearman, double kendall,
            double topKPercent, double topKRecall, double msPerArch) {}

    @Override
    public Integer call() throws IOException {
        Args.atLeast("--sample", sample, 3);
        Args.between("--top-k", topK, 0.01, 100);
        Args.atLeast("--batch", batch, 1);
        Args.atLeast("--grad-batch", gradBatch, 1);
        checkDevice("--device", device);
        Args.outputFile("--csv", csv);
        Args.outputFile("--json", json);
        Args.outputFile("--scores", scoresFile);
        Map<String, EproxySettings> eproxies = new LinkedHashMap<>();
        for (String proxy : proxies) {
            if (proxy.startsWith(VOTE)) {
                List<String> members = members(proxy);
                if (members.size() < 2 || members.stream().anyMatch(String::isBlank)) {
                    throw new Args.Problem("--proxy: '" + proxy + "' needs two or more proxies joined by '+', e.g. "
                            + "vote:table:naswot+table:val_acc_12");
                }
                for (String member : members) {
                    if (member.startsWith(VOTE)) {
                        throw new Args.Problem("--proxy: '" + proxy + "': a vote cannot hold another vote");
                    }
                    check(member, eproxies);
                }
            } else {
                check(proxy, eproxies);
            }
        }
        ProximaSettings config = options.load().settings();
        long seed = config.search().seed();
        PrintStream out = System.out;
        ReplaySetup setup = ReplaySetup.load(config);
        List<TableRow> rows = sample(setup.replay().table().rows(), sample, seed);
        Map<String, double[]> truthValues = new LinkedHashMap<>();
        for (String t : truths) {
            truthValues.put(t, column(rows, t, "--truth"));
        }
        for (String proxy : proxies) {
            for (String single : proxy.startsWith(VOTE) ? members(proxy) : List.of(proxy)) {
                if (single.startsWith(TABLE)) {
                    column(rows, single.substring(TABLE.length()), "--proxy");
                }
            }
        }
        out.printf(Locale.ROOT, "rank: %d architectures of %s (seed %d), ground truth %s, top-k %.0f%%%n", rows.size(),
                setup.replay().table().name(), seed, String.join(", ", truths), topK);
        ZeroCostScorers scorers = proxies.stream().flatMap(p -> p.startsWith(VOTE) ? members(p).stream() : Stream.of(p))
                .allMatch(p -> p.startsWith(TABLE)) ? null : scorers(config, seed, device, batch, gradBatch, out);
        int width = proxyWidth(proxies);
        out.println(header(width));
        List<Row> results = new ArrayList<>();
        Map<String, double[]> scores = new LinkedHashMap<>();
        Map<String, Scored> computed = new LinkedHashMap<>();
        for (String proxy : proxies) {
            Scored scored;
            if (proxy.startsWith(VOTE)) {
                List<Scored> voters = new ArrayList<>();
                for (String member : members(proxy)) {
                    voters.add(computed.computeIfAbsent(member, m -> scored(m, rows, scorers, eproxies)));
                }
                long start = System.nanoTime();
                double[] fused = RankVote.of(voters.stream().map(Scored::values).toList(),
                        voters.stream().map(Scored::higherIsBetter).toList());
                double ms = voters.stream().mapToDouble(Scored::msPerArch).sum() + (System.nanoTime() - start) / 1e6 / rows.size();
                scored = new Scored(fused, true, "vote", ms);
            } else {
                scored = computed.computeIfAbsent(proxy, m -> scored(m, rows, scorers, eproxies));
            }
            scores.put(proxy, scored.values());
            for (Map.Entry<String, double[]> t : truthValues.entrySet()) {
                RankConsistency r = RankConsistency.of(scored.values(), scored.higherIsBetter(), t.getValue(), topK);
                Row row = new Row(proxy, scored.source(), t.getKey(), scored.higherIsBetter(), r.n(), r.spearman(), r.kendall(),
                        topK, r.topKRecall(), scored.msPerArch());
                results.add(row);
                out.println(format(row, width));
            }
        }
        write(results, scores, rows, truthValues, seed);
        return 0;
    }

    /** One proxy's scores of the sample, and what they cost. */
    private record Scored(double[] values, boolean higherIsBetter, String source, double msPerArch) {}

    private static Scored scored(String proxy, List<TableRow> rows, ZeroCostScorers scorers, Map<String, EproxySettings> eproxies) {
        long start = System.nanoTime();
        if (proxy.startsWith(TABLE)) {
            double[] values = column(rows, proxy.substring(TABLE.length()), "--proxy");
            return new Scored(values, true, "table", (System.nanoTime() - start) / 1e6 / rows.size());
        }
        ZeroCostScorer scorer = eproxies.containsKey(proxy) ? scorers.eproxy(eproxies.get(proxy)) : scorers.create(proxy);
        double[] values = score(scorer, rows);
        return new Scored(values, scorer.higherIsBetter(), "djl", (System.nanoTime() - start) / 1e6 / rows.size());
    }

    /** The proxies a {@code vote:} proxy fuses. */
    static List<String> members(String vote) {
        return List.of(vote.substring(VOTE.length()).split("\\+", -1));
    }

    /** Refuses a proxy that is none of: a scorer, eproxy:FILE (read into {@code eproxies}), table:COLUMN. */
    private static void check(String proxy, Map<String, EproxySettings> eproxies) {
        if (proxy.startsWith(EPROXY_FILE)) {
            Path file = Path.of(proxy.substring(EPROXY_FILE.length()));
            Args.inputFile("--proxy " + EPROXY_FILE, file);
            eproxies.put(proxy, EproxySettings.read(file));
        } else if (proxy.startsWith(TABLE)) {
            if (proxy.length() == TABLE.length()) {
                throw new Args.Problem("--proxy: 'table:' needs a column name, e.g. table:val_acc_12");
            }
        } else if (!ZeroCostScorers.NAMES.contains(proxy)) {
            throw new Args.Problem("--proxy: unknown proxy '" + proxy + "'" + Suggestions.closest(proxy, ZeroCostScorers.NAMES)
                    .map(n -> " (did you mean '" + n + "'?)").orElse("") + "; known: "
                    + String.join(", ", ZeroCostScorers.NAMES) + ", eproxy:FILE, table:COLUMN, vote:P+Q");
        }
    }

    /** A device name the scorers can run on: cpu or gpu:N (whether the GPU exists is known once the engine runs). */
    static void checkDevice(String option, String device) {
        if (!device.trim().toLowerCase(Locale.ROOT).matches("cpu|gpu:\\d+")) {
            throw new Args.Problem(option + ": '" + device + "' is not cpu or gpu:N");
        }
    }

    static ZeroCostScorers scorers(ProximaSettings config, long seed, String device, int batch, int gradBatch,
            PrintStream out) {
        Engine engine = TrainingSetup.startEngine(config.training());
        Device dev;
        try {
            dev = DjlEngines.device(device, engine);
        } catch (IllegalArgumentException e) {
            throw new Args.Problem("--device: " + e.getMessage());
        }
        ImageData images = ZeroCostData.batch(TrainingSetup.trainingImages(config.training()), Nb201Network.CIFAR10, batch, seed);
        out.printf(Locale.ROOT, "zero-cost scorers: NAS-Bench-201 network (C=16, N=5, 3x32x32 input), %s on %s, batch %d "
                + "(%s images adapted to 3x32x32), gradient batch %d%n", engine.getEngineName(), dev, batch,
                config.training().dataset(), gradBatch);
        return new ZeroCostScorers(Nb201Network.CIFAR10, images, gradBatch, seed, dev);
    }

    static double[] score(ZeroCostScorer scorer, List<TableRow> rows) {
        double[] values = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            if (!(rows.get(i).architecture() instanceof Nb201Cell cell)) {
                throw new IllegalArgumentException("zero-cost scorers build nb201 cells; the table holds "
                        + rows.get(i).architecture().space());
            }
            values[i] = scorer.score(cell);
            if (rows.size() >= 200 && (i + 1) % (rows.size() / 10) == 0) {
                System.err.printf(Locale.ROOT, "  %s: %d/%d%n", scorer.name(), i + 1, rows.size());
            }
        }
        return values;
    }

    static List<TableRow> sample(java.util.Collection<TableRow> all, int n, long seed) {
        List<TableRow> rows = new ArrayList<>(all);
        rows.sort(Comparator.comparingLong(TableRow::line));
        if (n < 3 || n > rows.size()) {
            throw new Args.Problem("--sample must be between 3 and the table's " + rows.size() + " rows, got " + n);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) { // a partial Fisher-Yates shuffle
            int j = i + rng.nextInt(rows.size() - i);
            TableRow t = rows.get(i);
            rows.set(i, rows.get(j));
            rows.set(j, t);
        }
        return rows.subList(0, n);
    }

    static double[] column(List<TableRow> rows, String name, String option) {
        double[] v = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            v[i] = rows.get(i).value(name).orElseThrow(() -> new Args.Problem(option + ": the table has no column '"
                    + name + "' (or no value in it)"));
        }
        return v;
    }

    /** The proxy column's width when every name fits. */
    static final int MIN_PROXY_WIDTH = 18;

    /** The proxy column is as wide as the longest name (eproxy:FILE names can be long). */
    static int proxyWidth(List<String> proxies) {
        return proxies.stream().mapToInt(String::length).reduce(MIN_PROXY_WIDTH, Math::max);
    }

    static String header(int proxyWidth) {
        return String.format(Locale.ROOT, "%-" + proxyWidth + "s %-14s %6s %9s %9s %8s %10s", "proxy", "truth", "n",
                "spearman", "kendall", "top-k", "ms/arch");
    }

    static String format(Row r, int proxyWidth) {
        return String.format(Locale.ROOT, "%-" + proxyWidth + "s %-14s %6d %9.3f %9.3f %7.0f%% %10.1f", r.proxy(), r.truth(),
                r.n(), r.spearman(), r.kendall(), 100 * r.topKRecall(), r.msPerArch());
    }

    private void write(List<Row> results, Map<String, double[]> scores, List<TableRow> rows, Map<String, double[]> truthValues,
            long seed) throws IOException {
        if (csv != null) {
            StringBuilder b = new StringBuilder("proxy,source,truth,higher_is_better,n,spearman,kendall_tau_b,top_k_percent,"
                    + "top_k_recall,ms_per_arch\n");
            for (Row r : results) {
                b.append(String.format(Locale.ROOT, "%s,%s,%s,%b,%d,%.6f,%.6f,%.1f,%.6f,%.3f%n", r.proxy(), r.source(), r.truth(),
                        r.higherIsBetter(), r.n(), r.spearman(), r.kendall(), r.topKPercent(), r.topKRecall(), r.msPerArch()));
            }
            Files.writeString(csv, b);
        }
        if (json != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("sample", rows.size());
            doc.put("seed", seed);
            doc.put("results", results);
            Files.writeString(json, new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create()
                    .toJson(doc));
        }
        if (scoresFile != null) {
            StringBuilder b = new StringBuilder("arch," + String.join(",", truthValues.keySet()) + ","
                    + String.join(",", scores.keySet()) + "\n");
            for (int i = 0; i < rows.size(); i++) {
                b.append(rows.get(i).architecture().encode());
                for (double[] v : truthValues.values()) {
                    b.append(',').append(v[i]);
                }
                for (double[] v : scores.values()) {
                    b.append(',').append(v[i]);
                }
                b.append('\n');
            }
            Files.writeString(scoresFile, b);
        }
    }
}
