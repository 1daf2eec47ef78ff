package dev.proxima.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Concurrent backward passes in one JVM: DJL's PyTorch engine allows one open collector at a time. */
class GradientCollectorsTest {

    @Test
    void concurrentBackwardPassesTakeTurnsInsteadOfFailing() throws Exception {
        DjlEngines.start("PyTorch", 2);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                float k = t + 1;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        try (NDManager m = NDManager.newBaseManager()) {
                            NDArray x = m.create(new float[] {k, 2 * k, 3 * k});
                            x.setRequiresGradient(true);
                            GradientCollectors.collect(Engine.getInstance()::newGradientCollector, c -> {
                                c.backward(x.mul(x).sum());
                                return null;
                            });
                            assertArrayEquals(new float[] {2 * k, 4 * k, 6 * k}, x.getGradient().toFloatArray());
                        }
                    }
                    return 50;
                }));
            }
            for (Future<Integer> f : done) {
                assertEquals(50, f.get(), "every pass of every thread succeeded");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
