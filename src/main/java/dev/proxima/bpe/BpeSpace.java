package dev.proxima.bpe;

import dev.proxima.proxy.Fidelity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The grid BPE searches: some training hyper-parameters, each with its values, over a base proxy
 * setting that gives every other part of the recipe. Every setting trains a whole cosine schedule.
 *
 * @param dimensions the searched parameters, each at least one value, none twice
 * @param base the recipe a setting starts from ({@code proxima.training.fidelity})
 * @param nativeResolution the dataset's own image size (what a base resolution of 0 means)
 */
public record BpeSpace(List<Dimension> dimensions, Fidelity base, int nativeResolution) {

    /** One searched parameter and its values, ascending. */
    public record Dimension(BpeParameter parameter, List<Double> values) {
        public Dimension {
            if (values.isEmpty()) {
                throw new IllegalArgumentException(parameter.key() + " needs at least one value");
            }
            values.forEach(parameter::check);
            values = List.copyOf(new TreeSet<>(values));
        }

        public double value(int level) {
            return values.get(level);
        }

        public int size() {
            return values.size();
        }

        /**
         * Levels from the cheapest to the dearest. For a cost-neutral parameter the base recipe's
         * value (when it is one of the values, else the first) counts as the cheapest, the others
         * follow as listed.
         */
        public List<Integer> levelsByCost(double baseValue) {
            List<Integer> levels = new ArrayList<>(IntStream.range(0, values.size()).boxed().toList());
            switch (parameter.cheaper()) {
                case LOWER -> { }
                case HIGHER -> levels.sort(Comparator.reverseOrder());
                case NEITHER -> {
                    int base = values.indexOf(baseValue);
                    if (base > 0) {
                        levels.remove(Integer.valueOf(base));
                        levels.add(0, base);
                    }
                }
            }
            return levels;
        }
    }

    public BpeSpace {
        dimensions = List.copyOf(dimensions);
        if (dimensions.isEmpty()) {
            throw new IllegalArgumentException("a BPE space needs at least one hyper-parameter");
        }
        if (dimensions.stream().map(Dimension::parameter).distinct().count() < dimensions.size()) {
            throw new IllegalArgumentException("a hyper-parameter is named twice in the BPE space");
        }
        if (nativeResolution < 1) {
            throw new IllegalArgumentException("native resolution must be >= 1, got " + nativeResolution);
        }
    }

    public Dimension dimension(int d) {
        return dimensions.get(d);
    }

    public int size() {
        return dimensions.size();
    }

    /** Points in the whole grid. */
    public long gridSize() {
        return dimensions.stream().mapToLong(Dimension::size).reduce(1, Math::multiplyExact);
    }

    /** The value of dimension {@code d} in the base recipe. */
    public double baseValue(int d) {
        return dimensions.get(d).parameter().valueIn(base, nativeResolution);
    }

    /** The cheapest level of dimension {@code d} (the paper's "minimum time-cost value"). */
    public int minCostLevel(int d) {
        return dimensions.get(d).levelsByCost(baseValue(d)).get(0);
    }

    /** The setting with every parameter at its cheapest value. */
    public BpeSetting minCost() {
        return new BpeSetting(IntStream.range(0, size()).map(this::minCostLevel).boxed().toList());
    }

    /** Grid points beyond which {@link #grid} returns this many uniform draws instead. */
    static final int MAX_GRID = 1 << 17;

    /** Every combination of the active parameters' levels, the others as in {@code anchor} (or uniform draws of them). */
    public List<BpeSetting> grid(BpeSetting anchor, List<Integer> active, long seed) {
        long size = 1;
        for (int d : active) {
            size *= dimension(d).size();
        }
        List<BpeSetting> grid = new ArrayList<>();
        if (size > MAX_GRID) {
            SplittableRandom rng = new SplittableRandom(seed);
            for (int i = 0; i < MAX_GRID; i++) {
                BpeSetting s = anchor;
                for (int d : active) {
                    s = s.with(d, rng.nextInt(dimension(d).size()));
                }
                grid.add(s);
            }
            return grid;
        }
        for (long index = 0; index < size; index++) {
            BpeSetting s = anchor;
            long rest = index;
            for (int d : active) {
                int n = dimension(d).size();
                s = s.with(d, (int) (rest % n));
                rest /= n;
            }
            grid.add(s);
        }
        return grid;
    }

    /** The value of dimension {@code d} in {@code setting}. */
    public double value(BpeSetting setting, int d) {
        return dimensions.get(d).value(setting.level(d));
    }

    /** The setting whose values are {@code values} (one per dimension, by parameter); refused when one is not in the grid. */
    public BpeSetting settingOf(Map<BpeParameter, Double> values) {
        List<Integer> levels = new ArrayList<>();
        for (Dimension d : dimensions) {
            Double v = values.get(d.parameter());
            int level = v == null ? -1 : d.values().indexOf(v);
            if (level < 0) {
                throw new IllegalArgumentException(d.parameter().key() + " = " + (v == null ? "(none)" : BpeParameter.format(v))
                        + " is not among its values " + d.values());
            }
            levels.add(level);
        }
        return new BpeSetting(levels);
    }

    /** The proxy setting to train at: the base recipe with the setting's values, one whole schedule, named by {@link #name}. */
    public Fidelity fidelity(BpeSetting setting) {
        Fidelity f = base;
        for (int d = 0; d < size(); d++) {
            f = dimensions.get(d).parameter().apply(f, value(setting, d));
        }
        return new Fidelity(name(setting), f.epochs(), f.epochs(), f.recipe());
    }

    /** A short name, e.g. {@code e2-bs128-lr0.1-c8-r28-f0.1}. */
    public String name(BpeSetting setting) {
        StringJoiner j = new StringJoiner("-");
        for (int d = 0; d < size(); d++) {
            j.add(shortName(dimensions.get(d).parameter()) + BpeParameter.format(value(setting, d)));
        }
        return j.toString();
    }

    /** {@code epochs = 2, batch-size = 128, ...}: the setting as configuration keys. */
    public String describe(BpeSetting setting) {
        StringJoiner j = new StringJoiner(", ");
        for (int d = 0; d < size(); d++) {
            j.add(dimensions.get(d).parameter().key() + " = " + BpeParameter.format(value(setting, d)));
        }
        return j.toString();
    }

    /** The setting as a {@code fidelity} block that drops into a ladder tier ({@code proxima.training.ladder}). */
    public String fidelityBlock(BpeSetting setting, String tierName) {
        StringBuilder b = new StringBuilder("{ name = ").append(tierName);
        for (int d = 0; d < size(); d++) {
            b.append(", ").append(dimensions.get(d).parameter().key()).append(" = ")
                    .append(BpeParameter.format(value(setting, d)));
        }
        return b.append(" }").toString();
    }

    private static String shortName(BpeParameter p) {
        return switch (p) {
            case EPOCHS -> "e";
            case BATCH_SIZE -> "bs";
            case LEARNING_RATE -> "lr";
            case CELLS_PER_STAGE -> "n";
            case INITIAL_CHANNELS -> "c";
            case RESOLUTION -> "r";
            case DATA_FRACTION -> "f";
            case CUTOUT -> "co";
        };
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner("; ");
        dimensions.forEach(d -> j.add(d.parameter().key() + " " + d.values().stream().map(BpeParameter::format).toList()));
        return String.format(Locale.ROOT, "%s (%d settings)", j, gridSize());
    }
}
