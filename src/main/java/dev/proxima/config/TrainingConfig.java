package dev.proxima.config;

import dev.proxima.proxy.ProxyLadder;
import java.nio.file.Path;

/** {@code proxima.training}: the engine, the dataset and the tiers real training uses. */
public record TrainingConfig(String engine, int cpuThreads, String dataset, Path dataDir, String source,
        int validationSize, long splitSeed, ProxyLadder ladder, Path checkpointDir, int checkpointEvery) {}
