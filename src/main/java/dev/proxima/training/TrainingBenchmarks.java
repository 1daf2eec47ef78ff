package dev.proxima.training;

import ai.djl.Device;
import dev.proxima.proxy.TrainingRecipe;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Space;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Measurements of the training path (used by {@code proxima bench}); not tests. */
public final class TrainingBenchmarks {
    /** The reference cell of the training benchmarks (README, "Training throughput"): {conv3x3, conv1x1, skip, avgpool3x3, conv3x3, conv1x1}. */
    public static final String REFERENCE_CELL =
            "|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_3x3~1|nor_conv_1x1~2|";

    private TrainingBenchmarks() {}

    /**
     * Steady-state training images per second: {@code warmup} steps, then {@code steps} timed steps.
     */
    public static double imagesPerSecond(ImageData train, Nb201Cell cell, int channels, int cells, int batch, int warmup,
            int steps) {
        TrainingRecipe r = new TrainingRecipe(channels, cells, 0, 1.0, batch, 0.05, 0.9, 5e-4, 0, 0);
        int[] order = DataSplit.permutation(train.size(), 1);
        try (TrainingSession s = TrainingSession.fresh(cell, r, train, train, warmup + steps, Device.cpu(), new SplittableRandom(1))) {
            for (int i = 0; i < warmup; i++) {
                s.step(order, (i * batch) % (train.size() - batch));
            }
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                s.step(order, ((warmup + i) * batch) % (train.size() - batch));
            }
            return (double) steps * batch / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * One sample of the memory run after {@code cycle} build/train/close cycles: the process's
     * resident set, and the part of it the Java heap has committed (the rest is native: libtorch,
     * thread stacks, the JVM itself).
     */
    public record RssSample(int cycle, double rssMiB, double heapCommittedMiB) {
        public double nativeMiB() {
            return rssMiB - heapCommittedMiB;
        }
    }

    /**
     * Builds a random (connected) cell's network, trains it {@code steps} steps and closes it,
     * {@code cycles} times on this one thread, sampling the process RSS every {@code every} cycles.
     */
    public static List<RssSample> memoryCycles(ImageData train, int cycles, int steps, int every, Consumer<RssSample> onSample) {
        Nb201Space space = new Nb201Space();
        SplittableRandom rng = new SplittableRandom(500);
        TrainingRecipe r = new TrainingRecipe(8, 1, 0, 1.0, 64, 0.05, 0.9, 5e-4, 0, 0);
        int[] order = DataSplit.permutation(train.size(), 2);
        List<RssSample> samples = new ArrayList<>();
        for (int cycle = 1; cycle <= cycles; cycle++) {
            Nb201Cell cell;
            do {
                cell = space.sample(rng);
            } while (cell.canonicalForm().equals("0"));
            try (TrainingSession s = TrainingSession.fresh(cell, r, train, train, steps, Device.cpu(), rng.split())) {
                for (int i = 0; i < steps; i++) {
                    s.step(order, rng.nextInt(train.size() - 64));
                }
            }
            if (cycle % every == 0 || cycle == 1) {
                RssSample sample = new RssSample(cycle, rssMiB(),
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1048576.0);
                samples.add(sample);
                onSample.accept(sample);
            }
        }
        return samples;
    }

    /** This process's resident set size in MiB (Linux), NaN elsewhere. */
    public static double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
