package dev.proxima.training;

import ai.djl.training.GradientCollector;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Backward passes one thread at a time. DJL's PyTorch engine allows a single open GradientCollector
 * per JVM (a static flag; a second one throws "already collecting"), so trainers and scorers on
 * several CPU slots or GPUs of one process take turns for the forward-backward pass; the optimiser
 * steps and evaluation still run concurrently.
 */
public final class GradientCollectors {
    private static final ReentrantLock TURN = new ReentrantLock(true);

    private GradientCollectors() {}

    /** Opens a collector with {@code open}, runs {@code pass} in it and closes it, holding the JVM-wide turn. */
    public static <T> T collect(Supplier<GradientCollector> open, Function<GradientCollector, T> pass) {
        TURN.lock();
        try (GradientCollector collector = open.get()) {
            return pass.apply(collector);
        } finally {
            TURN.unlock();
        }
    }
}
