package dev.proxima.bpe;

import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.TrainingRecipe;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A training hyper-parameter BPE can search, with the direction in which it costs less and the
 * exponent of its cost in a first guess (device time grows with epochs x data x depth x
 * channels^2 x pixels^2, the operations of a convolutional network) before measurements correct it.
 */
public enum BpeParameter {
    EPOCHS("epochs", Cheaper.LOWER, 1),
    BATCH_SIZE("batch-size", Cheaper.HIGHER, 0),
    LEARNING_RATE("learning-rate", Cheaper.NEITHER, 0),
    CELLS_PER_STAGE("cells-per-stage", Cheaper.LOWER, 1),
    INITIAL_CHANNELS("initial-channels", Cheaper.LOWER, 2),
    RESOLUTION("resolution", Cheaper.LOWER, 2),
    DATA_FRACTION("data-fraction", Cheaper.LOWER, 1),
    CUTOUT("cutout", Cheaper.NEITHER, 0);

    /** Which values cost less device time. */
    public enum Cheaper { LOWER, HIGHER, NEITHER }

    private final String key;
    private final Cheaper cheaper;
    private final double costExponent;

    BpeParameter(String key, Cheaper cheaper, double costExponent) {
        this.key = key;
        this.cheaper = cheaper;
        this.costExponent = costExponent;
    }

    /** The name in configurations and tables (the {@code fidelity} key it sets). */
    public String key() {
        return key;
    }

    public Cheaper cheaper() {
        return cheaper;
    }

    /** The exponent of this parameter in the first guess of a setting's cost; 0 = cost-neutral. */
    public double costExponent() {
        return costExponent;
    }

    public static Optional<BpeParameter> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

    /** Whether only whole numbers make sense for it. */
    public boolean integral() {
        return this != LEARNING_RATE && this != DATA_FRACTION;
    }

    /** Refuses a value the training recipe cannot take; the message names the parameter. */
    public void check(double value) {
        boolean ok = switch (this) {
            case EPOCHS, BATCH_SIZE, CELLS_PER_STAGE, INITIAL_CHANNELS, RESOLUTION -> value >= 1;
            case LEARNING_RATE -> value > 0;
            case DATA_FRACTION -> value > 0 && value <= 1;
            case CUTOUT -> value >= 0;
        };
        if (!ok || Double.isInfinite(value) || integral() && value != Math.rint(value)) {
            throw new IllegalArgumentException(key + " cannot be " + format(value) + (this == RESOLUTION
                    ? " (BPE needs the pixels spelt out, >= 1)" : ""));
        }
    }

    /** {@code fidelity} with this parameter set to {@code value}. */
    public Fidelity apply(Fidelity f, double value) {
        TrainingRecipe r = f.recipe();
        int n = (int) value;
        if (this == EPOCHS) {
            return new Fidelity(f.name(), n, r);
        }
        TrainingRecipe changed = switch (this) {
            case BATCH_SIZE -> new TrainingRecipe(r.initialChannels(), r.cellsPerStage(), r.resolution(), r.dataFraction(), n,
                    r.learningRate(), r.momentum(), r.weightDecay(), r.cutout(), r.validateEveryBatches());
            case LEARNING_RATE -> new TrainingRecipe(r.initialChannels(), r.cellsPerStage(), r.resolution(), r.dataFraction(),
                    r.batchSize(), value, r.momentum(), r.weightDecay(), r.cutout(), r.validateEveryBatches());
            case CELLS_PER_STAGE -> new TrainingRecipe(r.initialChannels(), n, r.resolution(), r.dataFraction(), r.batchSize(),
                    r.learningRate(), r.momentum(), r.weightDecay(), r.cutout(), r.validateEveryBatches());
            case INITIAL_CHANNELS -> new TrainingRecipe(n, r.cellsPerStage(), r.resolution(), r.dataFraction(), r.batchSize(),
                    r.learningRate(), r.momentum(), r.weightDecay(), r.cutout(), r.validateEveryBatches());
            case RESOLUTION -> new TrainingRecipe(r.initialChannels(), r.cellsPerStage(), n, r.dataFraction(), r.batchSize(),
                    r.learningRate(), r.momentum(), r.weightDecay(), r.cutout(), r.validateEveryBatches());
            case DATA_FRACTION -> new TrainingRecipe(r.initialChannels(), r.cellsPerStage(), r.resolution(), value,
                    r.batchSize(), r.learningRate(), r.momentum(), r.weightDecay(), r.cutout(), r.validateEveryBatches());
            case CUTOUT -> new TrainingRecipe(r.initialChannels(), r.cellsPerStage(), r.resolution(), r.dataFraction(),
                    r.batchSize(), r.learningRate(), r.momentum(), r.weightDecay(), n, r.validateEveryBatches());
            case EPOCHS -> throw new AssertionError();
        };
        return new Fidelity(f.name(), f.epochs(), f.scheduleEpochs(), changed);
    }

    /** This parameter's value in {@code fidelity}; a resolution of 0 (native) reads as {@code nativeResolution}. */
    public double valueIn(Fidelity f, int nativeResolution) {
        TrainingRecipe r = f.recipe();
        return switch (this) {
            case EPOCHS -> f.epochs();
            case BATCH_SIZE -> r.batchSize();
            case LEARNING_RATE -> r.learningRate();
            case CELLS_PER_STAGE -> r.cellsPerStage();
            case INITIAL_CHANNELS -> r.initialChannels();
            case RESOLUTION -> r.resolution() == 0 ? nativeResolution : r.resolution();
            case DATA_FRACTION -> r.dataFraction();
            case CUTOUT -> r.cutout();
        };
    }

    /** A value as configurations write it: whole numbers without a decimal point. */
    public static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%s", value);
    }
}
