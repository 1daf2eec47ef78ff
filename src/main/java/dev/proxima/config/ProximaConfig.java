package dev.proxima.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.proxima.controller.Controller;
import dev.proxima.controller.RandomController;
import dev.proxima.controller.RegularizedEvolutionController;
import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.TrainingRecipe;
import dev.proxima.replay.BenchmarkTable;
import dev.proxima.replay.CostModel;
import dev.proxima.replay.EpochTimeCostModel;
import dev.proxima.replay.Nb201TimeModel;
import dev.proxima.replay.TableSchema;
import dev.proxima.search.Budget;
import dev.proxima.search.DedupPolicy;
import dev.proxima.search.SearchSettings;
import dev.proxima.space.SearchSpace;
import dev.proxima.space.nb201.Nb201Network;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Typed access to the {@code proxima.*} configuration. Every bad value surfaces as a
 * {@link ConfigProblem} whose one-line message names the key and where it was set.
 */
public final class ProximaConfig {
    /** The controllers {@code proxima.search.controller} accepts. */
    public static final List<String> CONTROLLERS = List.of("random", "regularized-evolution");

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

    /** The whole configuration, Akka's part included. */
    public Config raw() {
        return config;
    }

    /** A copy with {@code path} set to {@code value}; this config itself when {@code value} is null (an absent flag). */
    public ProximaConfig with(String path, Object value) {
        return value == null ? this
                : new ProximaConfig(ConfigFactory.parseMap(Map.of(path, value), "command line").withFallback(config));
    }

    /** Settings of a replayed search: the table fidelity {@code proxima.replay.fidelity}, {@code proxima.replay.budget}. */
    public SearchSettings replaySettings(DedupPolicy dedup) {
        String name = read(() -> config.getString("proxima.replay.fidelity"));
        Fidelity fidelity = tableSchema().fidelity(name).orElseThrow(() -> bad("proxima.replay.fidelity",
                "'" + name + "' is not among proxima.replay.table.fidelities")).fidelity();
        return settings(fidelity, budget("proxima.replay.budget"), dedup);
    }

    /** Settings of a trained search: {@code proxima.training.fidelity}, {@code proxima.search.budget}. */
    public SearchSettings trainingSettings() {
        return settings(trainingFidelity(), budget("proxima.search.budget"), searchDedup());
    }

    private SearchSettings settings(Fidelity fidelity, Budget budget, DedupPolicy dedup) {
        return new SearchSettings(read(() -> config.getLong("proxima.search.seed")), fidelity, budget,
                positive("proxima.search.trial-timeout").toMillis(), intAtLeast("proxima.search.max-attempts", 1), dedup);
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
        return read(() -> {
            Config f = config.getConfig(path);
            try {
                return new Fidelity(f.getString("name"), f.getInt("epochs"), new TrainingRecipe(f.getInt("initial-channels"),
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

    /** Makes a fresh controller of the kind {@code proxima.search.controller} names, for each run. */
    public Supplier<Controller> controllers(SearchSpace space) {
        String name = oneOf("proxima.search.controller", CONTROLLERS);
        return switch (name) {
            case "random" -> () -> new RandomController(space);
            case "regularized-evolution" -> {
                int population = intAtLeast("proxima.search.evolution.population-size", 1);
                int sample = intAtLeast("proxima.search.evolution.sample-size", 1);
                yield () -> new RegularizedEvolutionController(space, population, sample);
            }
            default -> throw new IllegalStateException("unhandled controller " + name);
        };
    }

    public String controllerName() {
        return read(() -> config.getString("proxima.search.controller"));
    }

    public TableSchema tableSchema() {
        return read(() -> {
            Config t = config.getConfig("proxima.replay.table");
            List<TableSchema.FidelityColumn> fidelities = t.getConfigList("fidelities").stream()
                    .map(f -> new TableSchema.FidelityColumn(new Fidelity(f.getString("name"), f.getInt("epochs")),
                            f.getString("column")))
                    .toList();
            return new TableSchema(Path.of(t.getString("file")), t.getString("space"), t.getString("arch-column"),
                    fidelities, t.getStringList("metric-columns"), t.getStringList("score-columns"),
                    optional(t.getString("curve-column")), optional(t.getString("epoch-time-column")));
        });
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
