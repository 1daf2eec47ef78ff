package dev.proxima.cli;

import ai.djl.engine.Engine;
import dev.proxima.config.ProximaConfig;
import dev.proxima.training.DjlEngines;
import dev.proxima.training.DjlFashionMnist;
import dev.proxima.training.ImageData;
import dev.proxima.training.ImageDatasets;
import java.nio.file.Path;
import java.util.List;

/** The configured DJL engine and training images, for every command that trains. */
final class TrainingSetup {
    private TrainingSetup() {}

    /** Starts the configured engine with {@code proxima.training.cpu-threads} threads. */
    static Engine startEngine(ProximaConfig config) {
        return startEngine(config, config.intAtLeast("proxima.training.cpu-threads", 1));
    }

    static Engine startEngine(ProximaConfig config, int cpuThreads) {
        return DjlEngines.start(config.raw().getString("proxima.training.engine"), cpuThreads);
    }

    /** The training part of the configured dataset ({@code proxima.training.dataset}, {@code source}, {@code data-dir}). */
    static ImageData trainingImages(ProximaConfig config) {
        Path dir = config.path("proxima.training.data-dir");
        if (config.oneOf("proxima.training.dataset", List.of("fashion-mnist", "cifar10")).equals("cifar10")) {
            return ImageDatasets.cifar10(dir).train();
        }
        return switch (config.oneOf("proxima.training.source", List.of("idx", "djl"))) {
            case "djl" -> DjlFashionMnist.load(dir, Path.of(System.getProperty("java.io.tmpdir"), "proxima-djl-repository")).train();
            default -> ImageDatasets.fashionMnist(dir).train();
        };
    }
}
