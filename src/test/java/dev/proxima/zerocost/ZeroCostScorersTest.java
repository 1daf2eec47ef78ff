package dev.proxima.zerocost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.proxima.lab.RankConsistency;
import dev.proxima.replay.TableRow;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Network;
import dev.proxima.space.nb201.Nb201Space;
import dev.proxima.testing.Tables;
import dev.proxima.training.DjlEngines;
import dev.proxima.training.ImageData;
import dev.proxima.training.ImageDatasets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Zero-cost scorers on the real NAS-Bench-201 network, on a sample small enough for CI. */
class ZeroCostScorersTest {
    private static ZeroCostScorers scorers;
    private final Nb201Space space = new Nb201Space();

    @BeforeAll
    static void setUp() {
        DjlEngines.start("PyTorch", 2);
        ImageData train = ImageDatasets.fashionMnist(ImageDatasets.DEBIAN_FASHION_MNIST).train();
        scorers = new ZeroCostScorers(Nb201Network.CIFAR10, ZeroCostData.batch(train, Nb201Network.CIFAR10, 32, 1), 16, 1,
                Device.cpu());
    }

    /** Every 1250th row of the table: 12 cells spread over the index. */
    private static List<TableRow> spread() {
        List<TableRow> rows = new ArrayList<>(Tables.nb201().rows());
        rows.sort(Comparator.comparingLong(TableRow::line));
        List<TableRow> out = new ArrayList<>();
        for (int i = 7; i < rows.size(); i += 1250) {
            out.add(rows.get(i));
        }
        return out;
    }

    @Test
    void ourSynflowRanksCellsAsTheBenchmarksSynflowColumnDoes() {
        List<TableRow> rows = spread();
        ZeroCostScorer synflow = scorers.create("synflow");
        double[] ours = rows.stream().mapToDouble(r -> synflow.score((Nb201Cell) r.architecture())).toArray();
        double[] theirs = rows.stream().mapToDouble(r -> r.value("synflow").orElseThrow()).toArray();
        RankConsistency agreement = RankConsistency.of(ours, true, theirs, 25);
        assertTrue(agreement.spearman() > 0.9, "Spearman with the table's synflow: " + agreement.spearman());
    }

    @Test
    void naswotIsMinusInfinityWhereNoReluSeesTheInputAsInTheTable() {
        ZeroCostScorer naswot = scorers.create("naswot");
        Nb201Cell disconnected = (Nb201Cell) space.parse("|none~0|+|none~0|none~1|+|none~0|none~1|avg_pool_3x3~2|");
        Nb201Cell convs = (Nb201Cell) space.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|");
        assertEquals(Double.NEGATIVE_INFINITY, naswot.score(disconnected));
        double score = naswot.score(convs);
        assertTrue(Double.isFinite(score) && score > 0, "32 images told apart by every ReLU: " + score);
        assertEquals(score, naswot.score(convs), 1e-9, "a seeded initialisation scores the same twice");
    }

    @Test
    void gradientScoresArePositiveAndReproducible() {
        Nb201Cell cell = (Nb201Cell) space.parse("|nor_conv_1x1~0|+|skip_connect~0|nor_conv_3x3~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|");
        for (String name : List.of("grad_norm", "snip")) {
            ZeroCostScorer s = scorers.create(name);
            double a = s.score(cell);
            assertTrue(a > 0 && Double.isFinite(a), name + ": " + a);
            assertEquals(a, s.score(cell), 1e-6 * a, name);
        }
    }

    @Test
    void sizeScoresAreTheBenchmarksCountsAndUnknownNamesAreRefused() {
        Nb201Cell cell = (Nb201Cell) space.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|");
        double tableParams = Tables.nb201().row(cell).orElseThrow().value("params_mb").orElseThrow();
        assertEquals(tableParams, scorers.create("params").score(cell), 1e-4);
        assertTrue(scorers.create("flops").score(cell) > 100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scorers.create("jacob"));
        assertTrue(e.getMessage().contains("synflow"), e.getMessage());
    }

    @Test
    void logAbsDetOfAKnownMatrixAndOfASingularOne() {
        assertEquals(Math.log(6), Naswot.logAbsDet(new double[] {2, 0, 0, 3}, 2), 1e-12);
        assertEquals(Math.log(2), Naswot.logAbsDet(new double[] {1, 2, 3, 4}, 2), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, Naswot.logAbsDet(new double[] {1, 2, 2, 4}, 2));
    }

    @Test
    void greyImagesAreRepeatedOnEveryChannelAtTheNetworksResolution() {
        ImageData grey = new ImageData(new float[] {1, 2, 3, 4}, new int[] {5}, 1, 2, 2, 10);
        ImageData rgb = grey.withChannels(3);
        assertEquals(3, rgb.channels());
        assertEquals(List.of(1f, 2f, 3f, 4f, 1f, 2f, 3f, 4f, 1f, 2f, 3f, 4f), boxed(rgb.pixels()));
        assertThrows(IllegalArgumentException.class, () -> rgb.withChannels(2));
    }

    private static List<Float> boxed(float[] v) {
        List<Float> out = new ArrayList<>();
        for (float f : v) {
            out.add(f);
        }
        return out;
    }
}
