package dev.proxima.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.proxima.config.ProximaSettings;
import dev.proxima.replay.TableRow;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.training.Nb201Blocks;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code proxima bench params}: the DJL network's parameter count against the table for every cell. */
@Command(name = "params", mixinStandardHelpOptions = true,
        description = "Build the DJL network of every cell of the table (C=16, N=5, 3x32x32, 10 classes) and compare its "
                + "trainable parameter count with the table's params_mb.")
final class ParamsBench implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
        ProximaSettings config = options.load().settings();
        TrainingSetup.startEngine(config.training());
        ReplaySetup setup = ReplaySetup.load(config);
        int checked = 0;
        int mismatched = 0;
        double worst = 0;
        long start = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (TableRow row : setup.replay().table().rows()) {
                try (NDManager m = manager.newSubManager()) {
                    double diff = Math.abs(megaParams(m, (Nb201Cell) row.architecture()) - row.value("params_mb").orElseThrow());
                    worst = Math.max(worst, diff);
                    mismatched += diff > 1e-5 ? 1 : 0; // the table rounds to 6 significant digits
                    checked++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d cells checked in %.1f s: %d differ from params_mb by more than 1e-5 M "
                + "(largest difference %.2e M)%n", checked, (System.nanoTime() - start) / 1e9, mismatched, worst);
        return mismatched == 0 ? 0 : 1;
    }

    /** Trainable parameters in millions of the benchmark's network (C=16, N=5, 3x32x32, 10 classes). */
    static double megaParams(NDManager manager, Nb201Cell cell) {
        Block net = Nb201Blocks.network(cell, 16, 5, 10);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
        return Nb201Blocks.trainableParameters(net) / 1e6;
    }
}
