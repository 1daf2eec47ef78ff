package dev.proxima.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import dev.proxima.bpe.BpeParameter;
import dev.proxima.bpe.MipSettings;
import dev.proxima.journal.PostgresJournal;
import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.ProxyLadder;
import dev.proxima.proxy.TrainingRecipe;
import dev.proxima.replay.TableSchema;
import dev.proxima.search.Budget;
import dev.proxima.search.DedupPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * The {@code proxima.*} configuration as layered HOCON (defaults, a {@code --config} file, flags),
 * and its one reading into {@link ProximaSettings}. Every bad value surfaces as a
 * {@link ConfigProblem} whose one-line message names the key, the value and where it was set.
 */
public final class ProximaConfig {
    /** Keys a table fidelity entry takes. */
    private static final List<String> TABLE_FIDELITY_KEYS = List.of("name", "epochs", "column", "from-curve",
            "schedule-epochs", "cost-seconds");

    private final Config config;

    private ProximaConfig(Config config) {
        this.config = config;
    }

    /** The defaults from {@code conf/}, overlaid by {@code file} when it is given. */
    /** A configuration already loaded and resolved (a run's settings' own). */
    static ProximaConfig of(Config resolved) {
        return new ProximaConfig(resolved);
    }

    public static ProximaConfig load(Optional<Path> file) {
        Config base = read(ConfigFactory::load);
        if (file.isEmpty()) {
            return new ProximaConfig(base);
        }
        Config user = parse(file.get());
        return new ProximaConfig(read(() -> ConfigFactory.defaultOverrides().withFallback(user).withFallback(base).resolve()));
    }

    /** A configuration a run stored (the {@code proxima} part as HOCON) over today's defaults for the rest. */
    public static ProximaConfig stored(String hocon, String where) {
        Config base = read(ConfigFactory::load);
        Config stored = read(() -> ConfigFactory.parseString(hocon, ConfigParseOptions.defaults().setOriginDescription(where)));
        return new ProximaConfig(read(() -> stored.withFallback(base).resolve()));
    }

    /**
     * The configuration a resumed run goes on with: {@code stored}, with each value the user set in
     * {@code requested} (a {@code --config} file, a flag, a system property) that {@link ResumeKeys}
     * lets change. Any other value that differs from the stored one is refused, all named in one line.
     */
    public static ProximaConfig resumed(ProximaConfig stored, ProximaConfig requested) {
        ProximaConfig out = stored;
        List<String> refused = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> set : requested.config.getConfig(ConfigKeys.ROOT).entrySet()) {
            if (ConfigText.isDefault(set.getValue().origin())) {
                continue;
            }
            String path = ConfigKeys.ROOT + "." + set.getKey();
            ConfigValue before = stored.config.hasPath(path) ? stored.config.getValue(path) : null;
            if (before != null && sameValue(before, set.getValue())) {
                continue;
            }
            if (ResumeKeys.mayChange(path)) {
                out = out.with(path, set.getValue().unwrapped());
            } else {
                refused.add(path + " = " + render(set.getValue()) + " (" + ConfigText.origin(set.getValue().origin())
                        + "; the run has " + (before == null ? "none" : render(before)) + ")");
            }
        }
        if (!refused.isEmpty()) {
            throw new ConfigProblem("the run was started with another configuration; " + String.join(", ", refused)
                    + " cannot change on resume (" + ResumeKeys.DESCRIPTION + " can)");
        }
        return out;
    }

    private static boolean sameValue(ConfigValue a, ConfigValue b) {
        if (a.unwrapped() instanceof Number x && b.unwrapped() instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return render(a).equals(render(b));
    }

    private static String render(ConfigValue v) {
        return v.render(ConfigRenderOptions.concise());
    }

    /** {@code file} over an already loaded configuration (a pipeline's settings over the command line's). */
    public static ProximaConfig overlay(Path file, ProximaConfig base) {
        Config user = parse(file);
        return new ProximaConfig(read(() -> user.withFallback(base.config).resolve()));
    }

    private static Config parse(Path file) {
        if (Files.isDirectory(file)) {
            throw new ConfigProblem("config file " + file + " is a directory, not a HOCON file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigProblem("config file " + file + " does not exist");
        }
        if (!Files.isReadable(file)) {
            throw new ConfigProblem("config file " + file + " is not readable");
        }
        return read(() -> ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)));
    }

    /** A copy with {@code path} set to {@code value}; this config itself when {@code value} is null (an absent flag). */
    public ProximaConfig with(String path, Object value) {
        return value == null ? this
                : new ProximaConfig(ConfigFactory.parseMap(Map.of(path, value), "command line").withFallback(config));
    }

    /** The evaluator {@code proxima search} uses: which budget its flags set depends on it. */
    public String evaluator() {
        return choice(Choices.EVALUATORS);
    }

    /** Reads and checks {@code proxima.http}: the page, API and metrics of a search or daemon. */
    public HttpConfig http() {
        KnownKeys.check(config);
        String h = ConfigKeys.HTTP + ".";
        int port = intAtLeast(h + "port", 0);
        try {
            return new HttpConfig(bool(h + "enabled"), string(h + "host"), port, string(h + "token"));
        } catch (ConfigProblem e) {
            throw new ConfigProblem(e.getMessage() + " (" + new ProximaSettings.Origins(config).of(h + "host") + ")");
        }
    }

    /** Reads and checks {@code proxima.cluster}, which only the cluster's node commands use. */
    public ClusterConfig cluster() {
        KnownKeys.check(config);
        String c = ConfigKeys.CLUSTER + ".";
        String host = string(c + "host");
        if (host.isBlank()) {
            throw bad(c + "host", "needs a host name or address, got an empty string");
        }
        int port = intAtLeast(c + "supervisor-port", 1);
        if (port > 65535) {
            throw bad(c + "supervisor-port", "must be <= 65535, got " + port);
        }
        List<ClusterConfig.NodeAddress> seeds = new ArrayList<>();
        for (String seed : read(() -> config.getStringList(c + "seed-nodes"))) {
            seeds.add(ClusterConfig.NodeAddress.parse(seed, c + "seed-nodes (" + new ProximaSettings.Origins(config)
                    .of(c + "seed-nodes") + ")"));
        }
        String t = c + "tls.";
        boolean tls = bool(t + "enabled");
        ClusterConfig.Tls security = new ClusterConfig.Tls(tls, tls ? tlsFile(t + "key-store", "this node's key store")
                : null, tls ? tlsFile(t + "trust-store", "the trust store") : null, string(t + "password"));
        if (tls && security.password().isEmpty()) {
            throw bad(t + "password", "TLS needs the key stores' password (or PROXIMA_TLS_PASSWORD)");
        }
        return new ClusterConfig(host, port, seeds, positive(c + "leave-grace"), intAtLeast(c + "max-trials-per-process", 0),
                intAtLeast(c + "max-rss-mib", 0), security);
    }

    private Path tlsFile(String key, String what) {
        if (string(key).isBlank()) {
            throw bad(key, "TLS is enabled, so it needs " + what + " (proxima certs makes one)");
        }
        Path file = path(key);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw bad(key, file + " is not a readable file");
        }
        return file;
    }

    /** Reads and checks every {@code proxima} key; the first problem is thrown. */
    public ProximaSettings settings() {
        KnownKeys.check(config);
        SearchConfig search = new SearchConfig(longValue(ConfigKeys.SEED), strategy(), dedup(ConfigKeys.SEARCH_DEDUP),
                choice(Choices.EVALUATORS), budget(ConfigKeys.SEARCH_BUDGET), positive("proxima.search.trial-timeout"),
                intAtLeast("proxima.search.max-attempts", 1), positive("proxima.supervisor.tick-interval"),
                positive("proxima.supervisor.report-interval"), fusion());
        WorkerConfig worker = new WorkerConfig(devices(), intAtLeast(ConfigKeys.WORKER_COUNT, 1),
                positive("proxima.worker.retry-interval"), choice(Choices.WORKER_PROCESSES));
        JournalConfig journal = new JournalConfig(choice(Choices.JOURNAL_STORES), new PostgresJournal.Server(
                string(ConfigKeys.JOURNAL_POSTGRESQL + ".url"), string(ConfigKeys.JOURNAL_POSTGRESQL + ".user"),
                string(ConfigKeys.JOURNAL_POSTGRESQL + ".password")));
        return new ProximaSettings(path("proxima.home"), search, worker, training(), replay(), path(ConfigKeys.RUNS_DIR),
                journal, config, new ProximaSettings.Origins(config));
    }

    /** Reads and checks {@code proxima.bpe}; call {@link #settings} first, which checks every other key. */
    public BpeConfig bpe() {
        String b = "proxima.bpe.";
        Map<BpeParameter, List<Double>> space = new java.util.LinkedHashMap<>();
        for (BpeParameter p : BpeParameter.values()) {
            String path = b + "space." + p.key();
            List<Double> values = read(() -> config.getDoubleList(path));
            for (double v : values) {
                try {
                    p.check(v);
                } catch (IllegalArgumentException e) {
                    throw bad(path, e.getMessage());
                }
            }
            if (values.stream().distinct().count() < values.size()) {
                throw bad(path, "a value is listed twice in " + values);
            }
            if (!values.isEmpty()) {
                space.put(p, values);
            }
        }
        if (space.isEmpty()) {
            throw bad(b + "space", "no hyper-parameter has values to search; list some, e.g. epochs = [1, 2, 4]");
        }
        String source = string(b + "truth.source");
        if (!source.equals("training") && !source.equals("table")) {
            throw bad(b + "truth.source", "'" + source + "' is neither training nor table");
        }
        Config base = read(() -> config.getConfig("proxima.training.fidelity"));
        Fidelity truth = fidelity(b + "truth.fidelity", read(() -> config.getConfig(b + "truth.fidelity")).withFallback(base));
        if (truth.isTrainingFree()) {
            throw bad(b + "truth.fidelity.epochs", "the ground truth must be trained, got 0 epochs");
        }
        String prune = string(b + "prune-to");
        MipSettings.PruneTo pruneTo = java.util.Arrays.stream(MipSettings.PruneTo.values()).filter(v -> v.key().equals(prune))
                .findFirst().orElseThrow(() -> bad(b + "prune-to", "'" + prune + "' is not min-cost, best or cheapest-near-best"));
        MipSettings mip;
        try {
            mip = new MipSettings(intAtLeast(b + "settings-per-round", 1), intAtLeast(b + "draws-per-setting", 1),
                    nonNegative(b + "budget-per-architecture"), nonNegative(b + "total-budget"), pruneTo,
                    nonNegative(b + "tolerance"), intAtLeast(b + "trees", 1), longValue(b + "seed"));
        } catch (IllegalArgumentException e) {
            throw bad(b.substring(0, b.length() - 1), e.getMessage());
        }
        String comparePath = b + "compare";
        List<? extends Config> entries = read(() -> config.getConfigList(comparePath));
        List<String> allowed = KnownKeys.children("proxima.training.fidelity");
        List<Fidelity> compare = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            KnownKeys.checkEntry(comparePath, i + 1, entries.get(i), allowed);
            if (!entries.get(i).hasPath("name")) {
                throw bad(comparePath, "entry " + (i + 1) + " needs its own name");
            }
            compare.add(fidelity(comparePath + "[" + (i + 1) + "]", entries.get(i).withFallback(base)));
        }
        String cache = string(b + "cache-dir");
        return new BpeConfig(intAtLeast(b + "architectures", 3), intAtLeast(b + "held-out", 0), longValue(b + "architecture-seed"),
                space, source.equals("table"), string(b + "truth.column"), truth, mip, compare,
                cache.isBlank() ? path(ConfigKeys.RUNS_DIR).resolve("bpe-evaluations") : Path.of(cache));
    }

    private double nonNegative(String path) {
        double v = doubleValue(path);
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw bad(path, "must be >= 0, got " + text(path));
        }
        return v;
    }

    private StrategyConfig strategy() {
        String s = "proxima.search.";
        double momentum = doubleValue(s + "reinforce.ema-momentum");
        if (!(momentum >= 0 && momentum < 1)) {
            throw bad(s + "reinforce.ema-momentum", "must be in [0, 1), got " + momentum);
        }
        double eta = doubleValue(s + "promotion.eta");
        if (!(eta > 1)) {
            throw bad(s + "promotion.eta", "must be > 1, got " + eta);
        }
        double stoppingEta = doubleValue(s + "stopping.eta");
        if (!(stoppingEta > 1)) {
            throw bad(s + "stopping.eta", "must be > 1, got " + stoppingEta);
        }
        double quantile = doubleValue(s + "stopping.quantile");
        if (!(quantile > 0 && quantile < 1)) {
            throw bad(s + "stopping.quantile", "must be in (0, 1), got " + quantile);
        }
        double grace = doubleValue(s + "stopping.grace-period");
        if (!(grace > 0) || Double.isInfinite(grace)) {
            throw bad(s + "stopping.grace-period", "must be > 0 epochs, got " + grace);
        }
        return new StrategyConfig(choice(Choices.CONTROLLERS), intAtLeast(s + "evolution.population-size", 1),
                intAtLeast(s + "evolution.sample-size", 1), positiveDouble(s + "reinforce.learning-rate"), momentum,
                intAtLeast(s + "econas.multiplier", 1), intAtLeast(s + "econas.children", 1),
                intAtLeast(s + "econas.aging-rounds", 1), counts(s + "econas.promote"), counts(s + "econas.parents"),
                choice(Choices.PROMOTION_RULES), eta, choice(Choices.STOPPING_RULES), stoppingEta, grace,
                intAtLeast(s + "stopping.min-trials", 1), quantile);
    }

    private FusionConfig fusion() {
        String f = ConfigKeys.FUSION + ".";
        List<String> evidence = read(() -> config.getStringList(f + "evidence"));
        if (evidence.stream().anyMatch(String::isBlank)) {
            throw bad(f + "evidence", "a piece of evidence needs a name, got " + evidence);
        }
        return new FusionConfig(evidence, choice(Choices.FUSION_WEIGHTS), string(f + "answer"), bool(f + "reward"),
                bool(f + "promotion"));
    }

    private List<Integer> counts(String path) {
        List<Integer> values = read(() -> config.getIntList(path));
        if (values.stream().anyMatch(v -> v < 0)) {
            throw bad(path, "counts must be >= 0, got " + values);
        }
        return values;
    }

    private List<String> devices() {
        List<String> names = read(() -> config.getStringList(ConfigKeys.DEVICES));
        if (names.isEmpty()) {
            throw bad(ConfigKeys.DEVICES, "no device to train on; use e.g. [\"cpu\"] or [\"gpu:0\", \"gpu:1\"]");
        }
        for (String name : names) {
            if (!name.trim().toLowerCase(Locale.ROOT).matches("cpu|cpu:\\d+|gpu:\\d+")) {
                throw bad(ConfigKeys.DEVICES, "'" + name + "' is not cpu, cpu:N or gpu:N");
            }
        }
        if (names.stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).distinct().count() < names.size()) {
            throw bad(ConfigKeys.DEVICES, "a device is named twice in " + names);
        }
        return names;
    }

    private TrainingConfig training() {
        String t = "proxima.training.";
        String engine = string(t + "engine");
        if (engine.toLowerCase(Locale.ROOT).startsWith("tensorflow")) {
            throw bad(t + "engine", "DJL's TensorFlow engine cannot train (its NDArray gradient methods throw "
                    + "'Not implemented'); use PyTorch");
        }
        if (!engine.equals("PyTorch")) {
            throw bad(t + "engine", "'" + engine + "' is not supported for training; use PyTorch");
        }
        return new TrainingConfig(engine, intAtLeast(t + "cpu-threads", 1), choice(Choices.DATASETS), path(t + "data-dir"),
                choice(Choices.SOURCES), intAtLeast(t + "validation-size", 1), longValue(t + "split-seed"), trainingLadder(),
                path(t + "checkpoint-dir"), intAtLeast(t + "checkpoint-every", 0));
    }

    /** The training tiers: each entry of {@code proxima.training.ladder} over {@code proxima.training.fidelity}. */
    private ProxyLadder trainingLadder() {
        String path = ConfigKeys.TRAINING_LADDER;
        List<? extends Config> entries = read(() -> config.getConfigList(path));
        Config base = read(() -> config.getConfig("proxima.training.fidelity"));
        if (entries.isEmpty()) {
            return ProxyLadder.of(fidelity("proxima.training.fidelity", base));
        }
        List<String> allowed = KnownKeys.children("proxima.training.fidelity");
        List<Fidelity> tiers = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Config tier = entries.get(i);
            KnownKeys.checkEntry(path, i + 1, tier, allowed);
            if (!tier.hasPath("name")) {
                throw bad(path, "tier " + (i + 1) + " needs its own name");
            }
            tiers.add(fidelity(path + "[" + (i + 1) + "]", tier.withFallback(base)));
        }
        return ladder(path, tiers);
    }

    private Fidelity fidelity(String path, Config f) {
        return read(() -> {
            try {
                int epochs = f.getInt("epochs");
                int schedule = f.getInt("schedule-epochs");
                return new Fidelity(f.getString("name"), epochs, schedule == 0 ? epochs : schedule,
                        new TrainingRecipe(f.getInt("initial-channels"), f.getInt("cells-per-stage"), f.getInt("resolution"),
                                f.getDouble("data-fraction"), f.getInt("batch-size"), f.getDouble("learning-rate"),
                                f.getDouble("momentum"), f.getDouble("weight-decay"), f.getInt("cutout"),
                                f.getInt("validate-every-batches")));
            } catch (IllegalArgumentException e) {
                throw bad(path, e.getMessage());
            }
        });
    }

    private ProxyLadder ladder(String path, List<Fidelity> tiers) {
        try {
            return new ProxyLadder(tiers);
        } catch (IllegalArgumentException e) {
            throw bad(path, e.getMessage());
        }
    }

    private ReplayConfig replay() {
        String r = "proxima.replay.";
        TableSchema schema = tableSchema();
        List<String> names = read(() -> config.getStringList(r + "ladder"));
        String path = names.isEmpty() ? r + "fidelity" : r + "ladder";
        List<String> tiers = names.isEmpty() ? List.of(string(r + "fidelity")) : names;
        List<Fidelity> fidelities = new ArrayList<>();
        for (String name : tiers) {
            List<String> known = schema.fidelities().stream().map(f -> f.fidelity().name()).toList();
            fidelities.add(schema.fidelity(name).orElseThrow(() -> bad(path, "'" + name + "' is not among "
                    + "proxima.replay.table.fidelities (" + String.join(", ", known) + ")"
                    + Suggestions.closest(name, known).map(s -> "; did you mean '" + s + "'?").orElse(""))).fidelity());
        }
        double evalSeconds = doubleValue(r + "table.eval-seconds");
        if (!(evalSeconds >= 0) || Double.isInfinite(evalSeconds)) {
            throw bad(r + "table.eval-seconds", "must be >= 0 seconds, got " + evalSeconds);
        }
        String m = r + "time-model.";
        double scoreSeconds = doubleValue(r + "table.score-cost-seconds");
        if (!(scoreSeconds >= 0) || Double.isInfinite(scoreSeconds)) {
            throw bad(r + "table.score-cost-seconds", "must be >= 0 seconds, got " + scoreSeconds);
        }
        return new ReplayConfig(ladder(path, fidelities), budget(ConfigKeys.REPLAY_BUDGET), schema,
                bool(r + "table.rows-only"), evalSeconds, scoreSeconds, string(r + "result-column"),
                new ReplayConfig.TimeModelConfig(path(m + "records"), string(m + "dataset"), intAtLeast(m + "hp", 1),
                        string(m + "eval-split")),
                dedup(ConfigKeys.REPLAY_DEDUP), intAtLeast(ConfigKeys.REPLAY_WORKERS, 1), intAtLeast(ConfigKeys.REPLAY_SEEDS, 1),
                positiveDouble(r + "report-interval-seconds"), positiveDouble(ConfigKeys.REPLAY_SPEEDUP));
    }

    private TableSchema tableSchema() {
        String path = "proxima.replay.table";
        List<? extends Config> entries = read(() -> config.getConfigList(path + ".fidelities"));
        List<TableSchema.FidelityColumn> fidelities = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            KnownKeys.checkEntry(path + ".fidelities", i + 1, entries.get(i), TABLE_FIDELITY_KEYS);
            fidelities.add(tableFidelity(path + ".fidelities[" + (i + 1) + "]", entries.get(i)));
        }
        try {
            return new TableSchema(path(path + ".file"), string(path + ".space"), string(path + ".arch-column"), fidelities,
                    read(() -> config.getStringList(path + ".metric-columns")),
                    read(() -> config.getStringList(path + ".score-columns")), optional(string(path + ".curve-column")),
                    optional(string(path + ".epoch-time-column")));
        } catch (IllegalArgumentException e) {
            throw e instanceof ConfigProblem p ? p : bad(path, e.getMessage());
        }
    }

    private static TableSchema.FidelityColumn tableFidelity(String path, Config f) {
        return read(() -> {
            String name = f.hasPath("name") ? f.getString("name") : "";
            String where = path + " (" + ConfigText.origin(f.origin()) + "): fidelity '" + name + "' ";
            boolean fromCurve = f.hasPath("from-curve") && f.getBoolean("from-curve");
            if (fromCurve == f.hasPath("column")) {
                throw new ConfigProblem(where + "needs either column or from-curve = true");
            }
            if (!f.hasPath("epochs")) {
                throw new ConfigProblem(where + "needs epochs");
            }
            int epochs = f.getInt("epochs");
            int schedule = f.hasPath("schedule-epochs") ? f.getInt("schedule-epochs") : epochs;
            OptionalDouble declared = f.hasPath("cost-seconds") ? OptionalDouble.of(f.getDouble("cost-seconds"))
                    : OptionalDouble.empty();
            if (declared.isPresent() && !(declared.getAsDouble() >= 0 && Double.isFinite(declared.getAsDouble()))) {
                throw new ConfigProblem(where + "needs cost-seconds >= 0, got " + declared.getAsDouble());
            }
            try {
                return new TableSchema.FidelityColumn(new Fidelity(name, epochs, schedule, TrainingRecipe.NAS_BENCH_201),
                        fromCurve ? Optional.empty() : Optional.of(f.getString("column")), declared);
            } catch (IllegalArgumentException e) {
                throw new ConfigProblem(path + " (" + ConfigText.origin(f.origin()) + "): " + e.getMessage());
            }
        });
    }

    private Budget budget(String path) {
        long trials = longValue(path + "." + ConfigKeys.MAX_TRIALS);
        if (trials < 0) {
            throw bad(path + "." + ConfigKeys.MAX_TRIALS, "must be >= 0 (0 = no limit), got " + trials);
        }
        double seconds = doubleValue(path + "." + ConfigKeys.MAX_DEVICE_SECONDS);
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw bad(path + "." + ConfigKeys.MAX_DEVICE_SECONDS, "must be >= 0 (0 = no limit), got " + seconds);
        }
        Duration wall = duration(path + "." + ConfigKeys.MAX_WALL_CLOCK);
        if (wall.isNegative()) {
            throw bad(path + "." + ConfigKeys.MAX_WALL_CLOCK, "must be >= 0 (0s = no limit), got " + text(path + "."
                    + ConfigKeys.MAX_WALL_CLOCK));
        }
        try {
            return new Budget(trials, seconds, wall.toMillis() / 1000.0);
        } catch (IllegalArgumentException e) {
            throw bad(path, e.getMessage() + " (set " + ConfigKeys.MAX_TRIALS + ", " + ConfigKeys.MAX_DEVICE_SECONDS
                    + " or " + ConfigKeys.MAX_WALL_CLOCK + ")");
        }
    }

    private DedupPolicy dedup(String path) {
        String value = string(path);
        if (!Choices.DEDUP.contains(value)) {
            throw bad(path, Choices.DEDUP.refusal(value));
        }
        return DedupPolicy.valueOf(value.toUpperCase(Locale.ROOT));
    }

    private String choice(Choice choice) {
        String value = string(choice.key());
        if (!choice.contains(value)) {
            throw bad(choice.key(), choice.refusal(value));
        }
        return value;
    }

    private int intAtLeast(String path, int min) {
        int v = read(() -> config.getInt(path));
        if (v < min) {
            throw bad(path, "must be >= " + min + ", got " + v);
        }
        return v;
    }

    private double positiveDouble(String path) {
        double v = doubleValue(path);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw bad(path, "must be > 0, got " + text(path));
        }
        return v;
    }

    private Duration positive(String path) {
        Duration d = duration(path);
        if (d.isNegative() || d.isZero()) {
            throw bad(path, "must be a positive duration (e.g. 30s, 2h), got " + text(path));
        }
        return d;
    }

    private Duration duration(String path) {
        return read(() -> config.getDuration(path));
    }

    private long longValue(String path) {
        return read(() -> config.getLong(path));
    }

    private double doubleValue(String path) {
        return read(() -> config.getDouble(path));
    }

    private boolean bool(String path) {
        return read(() -> config.getBoolean(path));
    }

    private String string(String path) {
        return read(() -> config.getString(path));
    }

    private Path path(String path) {
        String text = string(path);
        if (text.isBlank()) {
            throw bad(path, "needs a path, got an empty string");
        }
        return Path.of(text);
    }

    /** The value as the user wrote it. */
    private String text(String path) {
        return config.getValue(path).unwrapped().toString();
    }

    private static Optional<String> optional(String text) {
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    private ConfigProblem bad(String path, String why) {
        return new ProximaSettings.Origins(config).problem(path, why);
    }

    /** Runs a lookup, turning the library's exceptions into one-line problems. */
    private static <T> T read(Supplier<T> reader) {
        try {
            return reader.get();
        } catch (ConfigException e) {
            throw new ConfigProblem(e.getMessage());
        }
    }
}
