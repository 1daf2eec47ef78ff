package dev.proxima.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.proxima.controller.Controller;
import dev.proxima.controller.EcoNasController;
import dev.proxima.controller.ReinforceController;
import dev.proxima.controller.RandomController;
import dev.proxima.controller.RegularizedEvolutionController;
import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.ProxyLadder;
import dev.proxima.proxy.TrainingRecipe;
import dev.proxima.replay.BenchmarkTable;
import dev.proxima.replay.CostModel;
import dev.proxima.replay.EpochTimeCostModel;
import dev.proxima.replay.Nb201TimeModel;
import dev.proxima.replay.TableSchema;
import dev.proxima.search.Budget;
import dev.proxima.search.DedupPolicy;
import dev.proxima.search.SearchSettings;
import dev.proxima.search.Strategy;
import dev.proxima.space.CategoricalSpace;
import dev.proxima.space.SearchSpace;
import dev.proxima.stopping.AshaPromotion;
import dev.proxima.stopping.AshaStoppingRule;
import dev.proxima.stopping.MedianStoppingRule;
import dev.proxima.stopping.PromotionRule;
import dev.proxima.stopping.StoppingRule;
import dev.proxima.stopping.TierQuantileRule;
import dev.proxima.space.nb201.Nb201Network;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Typed access to the {@code proxima.*} configuration. Every bad value surfaces as a
 * {@link ConfigProblem} whose one-line message names the key and where it was set.
 */
public final class ProximaConfig {
    /** The controllers {@code proxima.search.controller} accepts. */
    public static final List<String> CONTROLLERS = List.of("random", "regularized-evolution", "reinforce", "econas");

    private final Config config;

    public ProximaConfig(Config config) {
        this.config = config;
    }

    /** The defaults from {@code conf/}, overlaid by {@code file} when it is given. */
    public static ProximaConfig load(Optional<Path> file) {
        try {
            Config base = ConfigFactory.load();
            if (file.isEmpty()) {
                return new ProximaConfig(base);
            }
            if (!Files.isRegularFile(file.get())) {
                throw new ConfigProblem("config file " + file.get() + " does not exist");
            }
            Config user = ConfigFactory.parseFile(file.get().toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
            return new ProximaConfig(ConfigFactory.defaultOverrides().withFallback(user).withFallback(base).resolve());
        } catch (ConfigException e) {
            throw new ConfigProblem(e.getMessage());
        }
    }

    /** {@code file} over an already loaded configuration (e.g. a pipeline's settings over the command line's). */
    public static ProximaConfig load(Optional<Path> file, Config base) {
        if (file.isEmpty()) {
            return new ProximaConfig(base);
        }
        try {
            if (!Files.isRegularFile(file.get())) {
                throw new ConfigProblem("config file " + file.get() + " does not exist");
            }
            Config user = ConfigFactory.parseFile(file.get().toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
            return new ProximaConfig(user.withFallback(base).resolve());
        } catch (ConfigException e) {
            throw new ConfigProblem(e.getMessage());
        }
    }

    /** The whole configuration, Akka's part included. */
    public Config raw() {
        return config;
    }

    /** A copy with {@code path} set to {@code value}; this config itself when {@code value} is null (an absent flag). */
    public ProximaConfig with(String path, Object value) {
        return value == null ? this
                : new ProximaConfig(ConfigFactory.parseMap(Map.of(path, value), "command line").withFallback(config));
    }

    /**
     * Settings of a replayed search: the table fidelities named by {@code proxima.replay.ladder}
     * (or the single {@code proxima.replay.fidelity}), {@code proxima.replay.budget}.
     */
    public SearchSettings replaySettings(DedupPolicy dedup) {
        TableSchema schema = tableSchema();
        List<String> names = read(() -> config.getStringList("proxima.replay.ladder"));
        String path = names.isEmpty() ? "proxima.replay.fidelity" : "proxima.replay.ladder";
        List<String> tiers = names.isEmpty() ? List.of(read(() -> config.getString("proxima.replay.fidelity"))) : names;
        List<Fidelity> fidelities = tiers.stream().map(name -> schema.fidelity(name).orElseThrow(() -> bad(path,
                "'" + name + "' is not among proxima.replay.table.fidelities")).fidelity()).toList();
        return settings(ladder(path, fidelities), budget("proxima.replay.budget"), dedup);
    }

    /** Settings of a trained search: {@code proxima.training.ladder} (or {@code .fidelity}), {@code proxima.search.budget}. */
    public SearchSettings trainingSettings() {
        return settings(trainingLadder(), budget("proxima.search.budget"), searchDedup());
    }

    private SearchSettings settings(ProxyLadder ladder, Budget budget, DedupPolicy dedup) {
        return new SearchSettings(read(() -> config.getLong("proxima.search.seed")), ladder, budget,
                positive("proxima.search.trial-timeout").toMillis(), intAtLeast("proxima.search.max-attempts", 1), dedup);
    }

    private ProxyLadder ladder(String path, List<Fidelity> tiers) {
        try {
            return new ProxyLadder(tiers);
        } catch (IllegalArgumentException e) {
            throw bad(path, e.getMessage());
        }
    }

    /** The training tiers: each entry of {@code proxima.training.ladder} over {@code proxima.training.fidelity}. */
    public ProxyLadder trainingLadder() {
        String path = "proxima.training.ladder";
        List<? extends Config> entries = read(() -> config.getConfigList(path));
        if (entries.isEmpty()) {
            return ProxyLadder.of(trainingFidelity());
        }
        Config base = read(() -> config.getConfig("proxima.training.fidelity"));
        List<Fidelity> tiers = new java.util.ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Config tier = entries.get(i);
            if (!tier.hasPath("name")) {
                throw bad(path, "tier " + (i + 1) + " needs its own name");
            }
            tiers.add(fidelity(path + "[" + (i + 1) + "]", tier.withFallback(base)));
        }
        return ladder(path, tiers);
    }

    private Budget budget(String path) {
        return read(() -> {
            Config b = config.getConfig(path);
            try {
                return new Budget(b.getLong("max-trials"), b.getDouble("max-device-seconds"),
                        b.getDuration("max-wall-clock").toMillis() / 1000.0);
            } catch (IllegalArgumentException e) {
                throw bad(path, e.getMessage());
            }
        });
    }

    /** The proxy setting of {@code proxima.training.fidelity}. */
    public Fidelity trainingFidelity() {
        String path = "proxima.training.fidelity";
        return fidelity(path, read(() -> config.getConfig(path)));
    }

    private Fidelity fidelity(String path, Config f) {
        return read(() -> {
            try {
                int epochs = f.getInt("epochs");
                int schedule = f.getInt("schedule-epochs");
                return new Fidelity(f.getString("name"), epochs, schedule == 0 ? epochs : schedule,
                        new TrainingRecipe(f.getInt("initial-channels"),
                        f.getInt("cells-per-stage"), f.getInt("resolution"), f.getDouble("data-fraction"),
                        f.getInt("batch-size"), f.getDouble("learning-rate"), f.getDouble("momentum"),
                        f.getDouble("weight-decay"), f.getInt("cutout"), f.getInt("validate-every-batches")));
            } catch (IllegalArgumentException e) {
                throw bad(path, e.getMessage());
            }
        });
    }

    public DedupPolicy searchDedup() {
        return dedup("proxima.search.dedup");
    }

    public DedupPolicy replayDedup() {
        return dedup("proxima.replay.dedup");
    }

    private DedupPolicy dedup(String path) {
        return read(() -> parseEnum(path, DedupPolicy.class));
    }

    private <E extends Enum<E>> E parseEnum(String path, Class<E> type) {
        String text = config.getString(path);
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(text.replace('-', '_'))) {
                return value;
            }
        }
        throw bad(path, "'" + text + "' is not one of " + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT));
    }

    /** The string at {@code path}, which must be one of {@code allowed}. */
    public String oneOf(String path, List<String> allowed) {
        String value = read(() -> config.getString(path));
        if (!allowed.contains(value)) {
            throw bad(path, "'" + value + "' is not one of " + allowed);
        }
        return value;
    }

    /**
     * Makes a fresh strategy for each run: the controller {@code proxima.search.controller}, the
     * promotion rule {@code proxima.search.promotion} and the stopping rule {@code proxima.search.stopping}.
     */
    public Supplier<Strategy> strategies(SearchSpace space, ProxyLadder ladder) {
        String name = oneOf("proxima.search.controller", CONTROLLERS);
        Supplier<PromotionRule> promotions = promotionRule();
        StoppingRule stopping = stoppingRule();
        if (name.equals("econas")) {
            if (!oneOf("proxima.search.promotion.rule", PROMOTION_RULES).equals("none")) {
                throw bad("proxima.search.promotion.rule", "econas decides promotions itself; set it to none");
            }
            Supplier<EcoNasController> econas = econas(space, ladder);
            return () -> {
                EcoNasController c = econas.get();
                return new Strategy(c, c, stopping);
            };
        }
        Supplier<Controller> controllers = switch (name) {
            case "random" -> () -> new RandomController(space);
            case "regularized-evolution" -> {
                int population = intAtLeast("proxima.search.evolution.population-size", 1);
                int sample = intAtLeast("proxima.search.evolution.sample-size", 1);
                yield () -> new RegularizedEvolutionController(space, population, sample);
            }
            case "reinforce" -> {
                if (!(space instanceof CategoricalSpace categorical)) {
                    throw bad("proxima.search.controller", "reinforce needs a space of categorical decisions, not " + space.name());
                }
                double lr = positiveDouble("proxima.search.reinforce.learning-rate");
                double momentum = read(() -> config.getDouble("proxima.search.reinforce.ema-momentum"));
                if (!(momentum >= 0 && momentum < 1)) {
                    throw bad("proxima.search.reinforce.ema-momentum", "must be in [0, 1), got " + momentum);
                }
                yield () -> new ReinforceController(categorical, lr, momentum);
            }
            default -> throw new IllegalStateException("unhandled controller " + name);
        };
        return () -> new Strategy(controllers.get(), promotions.get(), stopping);
    }

    /** The promotion rules {@code proxima.search.promotion.rule} accepts. */
    public static final List<String> PROMOTION_RULES = List.of("none", "asha");
    /** The stopping rules {@code proxima.search.stopping.rule} accepts. */
    public static final List<String> STOPPING_RULES = List.of("none", "asha", "median", "tier-quantile");

    private Supplier<PromotionRule> promotionRule() {
        String rule = oneOf("proxima.search.promotion.rule", PROMOTION_RULES);
        if (rule.equals("none")) {
            return () -> PromotionRule.NEVER;
        }
        double eta = read(() -> config.getDouble("proxima.search.promotion.eta"));
        if (!(eta > 1)) {
            throw bad("proxima.search.promotion.eta", "must be > 1, got " + eta);
        }
        return () -> new AshaPromotion(eta);
    }

    private StoppingRule stoppingRule() {
        String path = "proxima.search.stopping";
        String rule = oneOf(path + ".rule", STOPPING_RULES);
        return read(() -> {
            Config c = config.getConfig(path);
            try {
                return switch (rule) {
                    case "asha" -> new AshaStoppingRule(c.getDouble("eta"), c.getDouble("grace-period"));
                    case "median" -> new MedianStoppingRule(c.getDouble("grace-period"), c.getInt("min-trials"));
                    case "tier-quantile" -> new TierQuantileRule(c.getDouble("quantile"), c.getDouble("grace-period"),
                            c.getInt("min-trials"));
                    default -> StoppingRule.NEVER;
                };
            } catch (IllegalArgumentException e) {
                throw bad(path, e.getMessage());
            }
        });
    }

    private Supplier<EcoNasController> econas(SearchSpace space, ProxyLadder ladder) {
        String path = "proxima.search.econas";
        int m = intAtLeast(path + ".multiplier", 1);
        int children = intAtLeast(path + ".children", 1) * m;
        int aging = intAtLeast(path + ".aging-rounds", 1);
        int[] promote = read(() -> config.getIntList(path + ".promote")).stream().mapToInt(i -> i * m).toArray();
        int[] parents = read(() -> config.getIntList(path + ".parents")).stream().mapToInt(i -> i * m).toArray();
        if (promote.length != ladder.size() - 1 || parents.length != ladder.size()) {
            throw bad(path, "the ladder has " + ladder.size() + " tiers (" + ladder.describe() + "): promote needs "
                    + (ladder.size() - 1) + " entries and parents " + ladder.size() + ", got " + promote.length + " and "
                    + parents.length);
        }
        try {
            new EcoNasController(space, ladder.size(), children, promote, parents, aging);
        } catch (IllegalArgumentException e) {
            throw bad(path, e.getMessage());
        }
        return () -> new EcoNasController(space, ladder.size(), children, promote, parents, aging);
    }

    public String controllerName() {
        return read(() -> config.getString("proxima.search.controller"));
    }

    public TableSchema tableSchema() {
        return read(() -> {
            Config t = config.getConfig("proxima.replay.table");
            List<TableSchema.FidelityColumn> fidelities = t.getConfigList("fidelities").stream()
                    .map(ProximaConfig::tableFidelity).toList();
            return new TableSchema(Path.of(t.getString("file")), t.getString("space"), t.getString("arch-column"),
                    fidelities, t.getStringList("metric-columns"), t.getStringList("score-columns"),
                    optional(t.getString("curve-column")), optional(t.getString("epoch-time-column")));
        });
    }

    private static TableSchema.FidelityColumn tableFidelity(Config f) {
        String path = "proxima.replay.table.fidelities";
        String name = f.hasPath("name") ? f.getString("name") : "";
        boolean fromCurve = f.hasPath("from-curve") && f.getBoolean("from-curve");
        if (fromCurve == f.hasPath("column")) {
            throw new ConfigProblem(path + " (" + f.origin().description() + "): fidelity '" + name
                    + "' needs either column or from-curve = true");
        }
        int epochs = f.getInt("epochs");
        int schedule = f.hasPath("schedule-epochs") ? f.getInt("schedule-epochs") : epochs;
        OptionalDouble declared = f.hasPath("cost-seconds") ? OptionalDouble.of(f.getDouble("cost-seconds")) : OptionalDouble.empty();
        if (declared.isPresent() && !(declared.getAsDouble() >= 0)) {
            throw new ConfigProblem(path + " (" + f.origin().description() + "): cost-seconds of '" + name + "' must be >= 0");
        }
        return new TableSchema.FidelityColumn(new Fidelity(name, epochs, schedule, TrainingRecipe.NAS_BENCH_201),
                fromCurve ? Optional.empty() : Optional.of(f.getString("column")), declared);
    }

    /** The table's time column when it has one, else the NAS-Bench-201 time model. */
    public CostModel costModel(BenchmarkTable table) {
        return read(() -> {
            Optional<String> column = table.schema().epochTimeColumn();
            if (column.isPresent()) {
                return new EpochTimeCostModel(column.get(), config.getDouble("proxima.replay.table.eval-seconds"));
            }
            if (!table.schema().space().equals("nb201")) {
                throw bad("proxima.replay.table.epoch-time-column", "the table has no time column and only nb201 has a time model");
            }
            Config m = config.getConfig("proxima.replay.time-model");
            return Nb201TimeModel.fit(Path.of(m.getString("records")), m.getString("dataset"), m.getInt("hp"),
                    m.getString("eval-split"), Nb201Network.CIFAR10);
        });
    }

    public String resultColumn() {
        return read(() -> config.getString("proxima.replay.result-column"));
    }

    public int intAtLeast(String path, int min) {
        int v = read(() -> config.getInt(path));
        if (v < min) {
            throw bad(path, "must be >= " + min + ", got " + v);
        }
        return v;
    }

    public double positiveDouble(String path) {
        double v = read(() -> config.getDouble(path));
        if (!(v > 0)) {
            throw bad(path, "must be > 0, got " + v);
        }
        return v;
    }

    public Duration positive(String path) {
        Duration d = read(() -> config.getDuration(path));
        if (d.isNegative() || d.isZero()) {
            throw bad(path, "must be a positive duration, got " + d);
        }
        return d;
    }

    public Path path(String path) {
        return Path.of(read(() -> config.getString(path)));
    }

    private static Optional<String> optional(String text) {
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    private ConfigProblem bad(String path, String why) {
        String origin = config.hasPath(path) ? config.getValue(path).origin().description() : "defaults";
        return new ConfigProblem(path + " (" + origin + "): " + why);
    }

    private static <T> T read(Supplier<T> reader) {
        try {
            return reader.get();
        } catch (ConfigException e) {
            throw new ConfigProblem(e.getMessage());
        } catch (ConfigProblem e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigProblem(e.getMessage());
        }
    }
}
