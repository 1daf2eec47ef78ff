package dev.proxima.proxy;

import java.util.Locale;

/**
 * How a candidate is trained at a fidelity: the reduction factors EcoNAS studies (channels,
 * resolution, sample ratio; epochs live in {@link Fidelity}) and the optimiser settings BPE searches.
 * SGD with momentum and a cosine learning-rate schedule that reaches 0 after the fidelity's epochs.
 *
 * @param initialChannels channels of the first stage (NAS-Bench-201: 16)
 * @param cellsPerStage cells in each of the three stages (NAS-Bench-201: 5)
 * @param resolution input height and width in pixels; 0 = the dataset's own size
 * @param dataFraction fraction of the training split used, in (0, 1]
 * @param batchSize images per training step
 * @param learningRate initial learning rate of the cosine schedule
 * @param momentum SGD momentum
 * @param weightDecay L2 weight decay
 * @param cutout side in pixels of the square cut out of each training image; 0 = off
 * @param validateEveryBatches also report validation accuracy every this many batches; 0 = per epoch only
 */
public record TrainingRecipe(int initialChannels, int cellsPerStage, int resolution, double dataFraction, int batchSize,
        double learningRate, double momentum, double weightDecay, int cutout, int validateEveryBatches) {

    /** NAS-Bench-201's own training setting (C=16, N=5, batch 256, lr 0.1, momentum 0.9, wd 5e-4). */
    public static final TrainingRecipe NAS_BENCH_201 = new TrainingRecipe(16, 5, 0, 1.0, 256, 0.1, 0.9, 5e-4, 0, 0);

    public TrainingRecipe {
        check(initialChannels >= 1, "initial-channels must be >= 1, got " + initialChannels);
        check(cellsPerStage >= 1, "cells-per-stage must be >= 1, got " + cellsPerStage);
        check(resolution >= 0, "resolution must be >= 0 (0 = native), got " + resolution);
        check(dataFraction > 0 && dataFraction <= 1, "data-fraction must be in (0, 1], got " + dataFraction);
        check(batchSize >= 1, "batch-size must be >= 1, got " + batchSize);
        check(learningRate > 0, "learning-rate must be > 0, got " + learningRate);
        check(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
        check(weightDecay >= 0, "weight-decay must be >= 0, got " + weightDecay);
        check(cutout >= 0, "cutout must be >= 0, got " + cutout);
        check(validateEveryBatches >= 0, "validate-every-batches must be >= 0, got " + validateEveryBatches);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * EcoNAS notation c/r/s/e relative to a reference setting: each letter carries the reduction
     * factor (0 = not reduced), e.g. {@code c4r4s0e60} = a quarter of the channels, a quarter of
     * the resolution, the whole training set, 60 epochs.
     */
    public String econas(int epochs, int referenceChannels, int nativeResolution) {
        int r = resolution == 0 || resolution == nativeResolution ? 0 : Math.round((float) nativeResolution / resolution);
        int c = initialChannels == referenceChannels ? 0 : Math.round((float) referenceChannels / initialChannels);
        int s = dataFraction == 1.0 ? 0 : (int) Math.round(1 / dataFraction);
        return String.format(Locale.ROOT, "c%dr%ds%de%d", c, r, s, epochs);
    }
}
