package dev.proxima.training;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The split a search trains and validates on, with the resized and subsampled variants the
 * fidelities ask for, each made once and shared by every trial and device of the JVM.
 */
public final class TrainingData {
    private final DataSplit split;
    private final Map<String, ImageData> cache = new ConcurrentHashMap<>();

    public TrainingData(DataSplit split) {
        this.split = split;
    }

    /** The leading {@code fraction} of the training part at {@code resolution} (0 = native). */
    public ImageData train(double fraction, int resolution) {
        return cache.computeIfAbsent("train/" + fraction + "/" + resolution, k -> split.train(fraction).resized(resolution));
    }

    /** The validation part at {@code resolution} (0 = native). */
    public ImageData validation(int resolution) {
        return cache.computeIfAbsent("validation/" + resolution, k -> split.validation().resized(resolution));
    }
}
