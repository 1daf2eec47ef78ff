package dev.proxima.cli;

import ai.djl.engine.Engine;
import dev.proxima.config.ConfigKeys;
import dev.proxima.config.ProximaSettings;
import dev.proxima.config.TrainingConfig;
import dev.proxima.training.DataSplit;
import dev.proxima.training.DjlEngines;
import dev.proxima.training.DjlFashionMnist;
import dev.proxima.training.ImageData;
import dev.proxima.training.ImageDatasets;
import dev.proxima.training.TrainingData;
import java.nio.file.Path;

/** The configured DJL engine and training images, for every command that trains. */
final class TrainingSetup {
    private TrainingSetup() {}

    /** Starts the configured engine with {@code proxima.training.cpu-threads} threads. */
    static Engine startEngine(TrainingConfig config) {
        return startEngine(config, config.cpuThreads());
    }

    static Engine startEngine(TrainingConfig config, int cpuThreads) {
        return DjlEngines.start(config.engine(), cpuThreads);
    }

    /** Refuses, before any data loads, a device the engine cannot train on (a GPU it does not see). */
    static void checkDevices(ProximaSettings config, Engine engine) {
        for (String name : config.worker().devices()) {
            try {
                DjlEngines.device(name, engine);
            } catch (IllegalArgumentException e) {
                throw config.origins().problem(ConfigKeys.DEVICES, e.getMessage());
            }
        }
    }

    /** The configured dataset's training images, split into training and validation parts. */
    static TrainingData trainingData(ProximaSettings config) {
        return new TrainingData(new DataSplit(trainingImages(config.training()), config.training().validationSize(),
                config.training().splitSeed()));
    }

    /** The side of the configured dataset's images in pixels (before any proxy resolution). */
    static int imageSize(TrainingConfig config) {
        return config.dataset().equals("cifar10") ? 32 : 28;
    }

    /** The training part of the configured dataset ({@code proxima.training.dataset}, {@code source}, {@code data-dir}). */
    static ImageData trainingImages(TrainingConfig config) {
        Path dir = config.dataDir();
        if (config.dataset().equals("cifar10")) {
            return ImageDatasets.cifar10(dir).train();
        }
        return switch (config.source()) {
            case "djl" -> DjlFashionMnist.load(dir, Path.of(System.getProperty("java.io.tmpdir"), "proxima-djl-repository")).train();
            default -> ImageDatasets.fashionMnist(dir).train();
        };
    }
}
