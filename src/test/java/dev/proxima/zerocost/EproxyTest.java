package dev.proxima.zerocost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Network;
import dev.proxima.space.nb201.Nb201Space;
import dev.proxima.training.DjlEngines;
import dev.proxima.training.ImageData;
import dev.proxima.training.ImageDatasets;
import dev.proxima.zerocost.EproxySettings.Branch;
import dev.proxima.zerocost.EproxySettings.Init;
import dev.proxima.zerocost.EproxySettings.Target;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Eproxy on the real NAS-Bench-201 network: the barrier stays frozen, the score follows the recipe. */
class EproxyTest {
    private static ImageData images;
    private final Nb201Space space = new Nb201Space();

    @BeforeAll
    static void setUp() {
        DjlEngines.start("PyTorch", 2);
        ImageData train = ImageDatasets.fashionMnist(ImageDatasets.DEBIAN_FASHION_MNIST).train();
        images = ZeroCostData.batch(train, Nb201Network.CIFAR10, 16, 1);
    }

    private Nb201Cell cell(String s) {
        return (Nb201Cell) space.parse(s);
    }

    private static final String RESNET = "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|";
    private static final String POOLS = "|avg_pool_3x3~0|+|avg_pool_3x3~0|avg_pool_3x3~1|+|avg_pool_3x3~0|avg_pool_3x3~1|avg_pool_3x3~2|";

    @Test
    void scoresAreReproducibleAndDependOnTheCell() {
        Eproxy eproxy = new Eproxy(EproxySettings.DEFAULT, Nb201Network.CIFAR10, images, 1, Device.cpu());
        long start = System.nanoTime();
        double a = eproxy.score(cell(RESNET));
        System.out.println("eproxy ms: " + (System.nanoTime() - start) / 1e6);
        double b = eproxy.score(cell(POOLS));
        assertTrue(Double.isFinite(a) && a > 0, "score " + a);
        assertEquals(a, eproxy.score(cell(RESNET)), 0, "same seed, same cell, same score");
        assertNotEquals(a, b);
        System.out.println("resnet " + a + " pools " + b);
    }

    @Test
    void theBarrierStaysFixedWhileBackboneAndHeadsTakePyTorchSgdSteps() {
        EproxySettings settings = EproxySettings.DEFAULT;
        Eproxy eproxy = new Eproxy(settings, Nb201Network.CIFAR10, images, 1, Device.cpu());
        try (EproxyNetwork net = new EproxyNetwork(cell(RESNET), Nb201Network.CIFAR10, settings, 5, 1, Device.cpu())) {
            List<ai.djl.util.Pair<String, ai.djl.nn.Parameter>> params = net.parametersForTest();
            float[][] before = params.stream().map(p -> p.getValue().getArray().toFloatArray()).toArray(float[][]::new);
            float[][] grads = new float[params.size()][];
            try (NDManager step = net.manager().newSubManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray x = step.create(images.pixels(), new Shape(16, 3, 32, 32));
                NDArray loss = null;
                for (NDArray out : net.forward(x)) {
                    NDArray m = out.square().mean();
                    loss = loss == null ? m : loss.add(m);
                }
                collector.backward(loss);
            }
            for (int i = 0; i < params.size(); i++) {
                NDArray a = params.get(i).getValue().getArray();
                grads[i] = a.hasGradient() ? a.getGradient().toFloatArray() : null;
            }
            net.step(0.5);
            int barriers = 0;
            int decayed = 0;
            for (int i = 0; i < params.size(); i++) {
                String name = params.get(i).getKey();
                ai.djl.nn.Parameter p = params.get(i).getValue();
                float[] after = p.getArray().toFloatArray();
                if (name.startsWith("barrier")) {
                    barriers++;
                    assertArrayEquals(before[i], after, 0f, name + " must not move");
                } else if (p.requiresGradient()) {
                    boolean decays = p.getType() == ai.djl.nn.Parameter.Type.WEIGHT && p.getArray().getShape().dimension() > 1;
                    decayed += decays ? 1 : 0;
                    for (int k = 0; k < after.length; k += Math.max(1, after.length / 7)) {
                        // first step of torch.optim.SGD: w - lr * (g + wd * w), wd only on multi-dimensional weights
                        double expected = before[i][k] - 0.5 * (grads[i][k] + (decays ? 4e-5 * before[i][k] : 0));
                        assertEquals(expected, after[k], 1e-5 + 1e-5 * Math.abs(expected), name + "[" + k + "]");
                    }
                }
            }
            assertEquals(6, barriers, "three barrier convolutions, weight and bias each");
            assertTrue(decayed > 10, "backbone and head convolutions decay");
        }
        assertFalse(eproxy.higherIsBetter());
    }

    @Test
    void nearestResizingReadsRowFloorOfIOverScale() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            float[] v = new float[16];
            for (int i = 0; i < 16; i++) {
                v[i] = i;
            }
            NDArray x = m.create(v, new Shape(1, 1, 4, 4));
            assertArrayEquals(new float[] {0, 2, 8, 10}, EproxyNetwork.nearest(x, 2).toFloatArray());
            NDArray small = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4},
                    EproxyNetwork.nearest(small, 4).toFloatArray());
        }
    }

    @Test
    void theMacsTermScalesTheLossByOneMinusAlphaTimesRelativeMacs() {
        Nb201Cell c = cell(RESNET);
        EproxySettings oneBranch = new EproxySettings(1.2, 0, Init.PYTORCH_DEFAULT, Init.PYTORCH_DEFAULT,
                List.of(new Branch(EnumSet.of(Target.WAVE_H), 1, 1, 16, 16, 1)));
        EproxySettings macsAware = new EproxySettings(1.2, 0.5, Init.PYTORCH_DEFAULT, Init.PYTORCH_DEFAULT, oneBranch.branches());
        double loss = new Eproxy(oneBranch, Nb201Network.CIFAR10, images, 2, Device.cpu()).score(c);
        double scaled = new Eproxy(macsAware, Nb201Network.CIFAR10, images, 2, Device.cpu()).score(c);
        double macs = Nb201Network.CIFAR10.megaFlops(c) * 1e6;
        assertEquals(loss * (1 - 0.5 * macs / Eproxy.NB201_MACS_MAX), scaled, 1e-9 * loss);
    }

    @Test
    void targetsSumTheirFamiliesAtTheBranchLevelAndShareChannelsAcrossWidths() {
        EproxyTargets maps = new EproxyTargets(images, 3, Device.cpu());
        float[] wide = maps.target(new Branch(EnumSet.of(Target.WAVE_H), 1, 1, 16, 512, 1));
        float[] narrow = maps.target(new Branch(EnumSet.of(Target.WAVE_H), 1, 1, 16, 64, 1));
        float[] doubled = maps.target(new Branch(EnumSet.of(Target.WAVE_H), 1, 1, 16, 64, 2));
        float[] dots = maps.target(new Branch(EnumSet.of(Target.DOT), 1, 1, 16, 64, 1));
        float[] both = maps.target(new Branch(EnumSet.of(Target.WAVE_H, Target.DOT), 1, 1, 16, 64, 1));
        float[] none = maps.target(new Branch(EnumSet.noneOf(Target.class), 1, 1, 16, 64, 1));
        int plane = 64;
        for (int b = 0; b < 16; b++) {
            for (int i = 0; i < 64 * plane; i++) {
                int at = b * 64 * plane + i;
                assertEquals(wide[b * 512 * plane + i], narrow[at], 0f, "a narrow target is the wide one's first channels");
                assertEquals(2 * narrow[at], doubled[at], 1e-6f);
                assertEquals(narrow[at] + dots[at], both[at], 1e-6f);
                assertTrue(Math.abs(narrow[at]) <= 1 && Math.abs(dots[at]) == 1, "waves in [-1, 1], dots +-1");
                assertEquals(0f, none[at]);
            }
        }
        // waves are sin/cos pairs: the map is not constant, and differs between images (a phase per image)
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int i = 0; i < plane; i++) {
            min = Math.min(min, narrow[i]);
            max = Math.max(max, narrow[i]);
        }
        assertTrue(max - min > 0.1, "a wave varies over the 8x8 plane");
        assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOf(narrow, 64 * plane),
                java.util.Arrays.copyOfRange(narrow, 64 * plane, 2 * 64 * plane)), "each image has its own phases");
        float[] net = maps.target(new Branch(EnumSet.of(Target.NET), 1, 1, 16, 64, 1));
        double mean = 0;
        for (float v : net) {
            mean += v / net.length;
        }
        assertEquals(0, mean, 1e-3, "net features are standardised");
    }

    @Test
    void settingsRoundTripThroughJsonAndBadFilesGetOneLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        EproxySettings s = new EproxySettings(0.7, -0.2, Init.KAIMING_NORMAL, Init.XAVIER_UNIFORM, List.of(
                new Branch(EnumSet.of(Target.NET, Target.DOT), 7, 3, 32, 256, 1.5),
                new Branch(EnumSet.noneOf(Target.class), 3, 1, 512, 16, 0.5)));
        java.nio.file.Path file = dir.resolve("s.json");
        java.nio.file.Files.writeString(file, "{\"fitness\": 0.5, \"settings\": " + s.toJson() + "}");
        assertEquals(s, EproxySettings.read(file));
        java.nio.file.Files.writeString(file, "{\"learningRate\": 1.0, \"networkInit\": \"KAIMING_NORMAL\"}");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> EproxySettings.read(file));
        assertTrue(missing.getMessage().startsWith(file + ": not valid Eproxy settings"), missing.getMessage());
        java.nio.file.Files.writeString(file, "[1, 2");
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class, () -> EproxySettings.read(file));
        assertEquals(1, broken.getMessage().lines().count(), broken.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Branch(EnumSet.noneOf(Target.class), 5, 1, 16, 16, 1));
    }
}
