package dev.proxima.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.proxy.Fidelity;
import dev.proxima.space.nb201.Nb201Network;
import dev.proxima.space.nb201.Nb201Space;
import dev.proxima.testing.Tables;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class Nb201TimeModelTest {
    private final Nb201TimeModel model = Nb201TimeModel.fit(Path.of("data/benchmarks/nats-tss-3arch-full.jsonl.gz"),
            "cifar10-valid", 12, "x-valid", Nb201Network.CIFAR10);
    private final Nb201Space space = new Nb201Space();

    @Test
    void reproducesTheRecordedTwelveEpochCostOfTheThreeRecordedCells() {
        // train_time_s (per epoch) and x-valid time_s of cifar10-valid, hp=12, in the records
        assertCost(12 * 7.2211 + 2.549, "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|");
        assertCost(12 * 12.4621 + 4.1513, "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|none~0|nor_conv_3x3~1|avg_pool_3x3~2|");
        assertCost(12 * 4.8758 + 2.3895, "|skip_connect~0|+|skip_connect~0|skip_connect~1|+|none~0|nor_conv_1x1~1|none~2|");
    }

    @Test
    void everyCellCostsAPlausiblePositiveTime() {
        Fidelity hp12 = new Fidelity("hp12", 12);
        double sum = 0;
        for (TableRow row : Tables.nb201().rows()) {
            double cost = model.seconds(row, hp12);
            assertTrue(cost > 5 && cost < 300, row.architecture().encode() + " costs " + cost);
            sum += cost;
        }
        double mean = sum / Tables.nb201().size();
        assertTrue(mean > 90 && mean < 120, "mean cost " + mean);
    }

    private void assertCost(double expected, String arch) {
        TableRow row = Tables.nb201().row(space.parse(arch)).orElseThrow();
        assertEquals(expected, model.seconds(row, new Fidelity("hp12", 12)), 0.01);
    }
}
