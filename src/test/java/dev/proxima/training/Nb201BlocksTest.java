package dev.proxima.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.proxima.replay.TableRow;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.testing.Tables;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Nb201BlocksTest {

    /** Trainable parameters of the network, in millions, for a 3x32x32 input and 10 classes. */
    static double megaParams(NDManager manager, Nb201Cell cell) {
        Block net = Nb201Blocks.network(cell, 16, 5, 10);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
        return Nb201Blocks.trainableParameters(net) / 1e6;
    }

    @Test
    void parameterCountEqualsTheBenchmarkOn250SampledCells() {
        List<TableRow> rows = new ArrayList<>(Tables.nb201().rows());
        Collections.shuffle(rows, new Random(201));
        try (NDManager manager = NDManager.newBaseManager()) {
            for (TableRow row : rows.subList(0, 250)) {
                try (NDManager m = manager.newSubManager()) {
                    assertEquals(row.value("params_mb").orElseThrow(), megaParams(m, (Nb201Cell) row.architecture()), 1e-5,
                            row.architecture().encode());
                }
            }
        }
    }

    @Test
    void theNetworkMapsAnImageBatchToClassScores() {
        Nb201Cell cell = (Nb201Cell) Tables.nb201().rows().iterator().next().architecture();
        Block net = Nb201Blocks.network(cell, 8, 1, 10);
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, DataType.FLOAT32, new Shape(4, 1, 28, 28));
            assertArrayEquals(new Shape[] {new Shape(4, 10)}, net.getOutputShapes(new Shape[] {new Shape(4, 1, 28, 28)}));
        }
    }
}
