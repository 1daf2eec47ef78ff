package dev.proxima.space.nb201;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.proxima.replay.TableRow;
import dev.proxima.testing.Tables;
import org.junit.jupiter.api.Test;

class Nb201NetworkTest {
    private final Nb201Space space = new Nb201Space();

    @Test
    void parameterCountEqualsTheBenchmarkForAll15625Cells() {
        for (TableRow row : Tables.nb201().rows()) {
            double recorded = row.value("params_mb").orElseThrow();
            // the table rounds to 6 significant digits
            assertEquals(recorded, Nb201Network.CIFAR10.megaParams((Nb201Cell) row.architecture()), 1e-5,
                    row.architecture().encode());
        }
    }

    @Test
    void flopsEqualTheRecordedFlopsOfTheThreeFullyRecordedCells() {
        // flops_m of NATS-Bench cells 0, 11 and 284 (nats-tss-3arch-full.jsonl.gz, CIFAR-10)
        assertEquals(15.64737, flops("|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|"), 1e-9);
        assertEquals(113.95137, flops("|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|none~0|nor_conv_3x3~1|avg_pool_3x3~2|"), 1e-9);
        assertEquals(11.71521, flops("|skip_connect~0|+|skip_connect~0|skip_connect~1|+|none~0|nor_conv_1x1~1|none~2|"), 1e-9);
    }

    private double flops(String arch) {
        return Nb201Network.CIFAR10.megaFlops(space.parse(arch));
    }
}
