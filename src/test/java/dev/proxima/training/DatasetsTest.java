package dev.proxima.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir
    Path dir;

    @Test
    void debiansFashionMnistReadsAsSixtyThousandAndTenThousandImages() {
        ImageDatasets.TrainTest f = ImageDatasets.fashionMnist(ImageDatasets.DEBIAN_FASHION_MNIST);
        assertEquals(60_000, f.train().size());
        assertEquals(10_000, f.test().size());
        assertEquals(28, f.train().height());
        int[] perClass = new int[10];
        for (int label : f.train().labels()) {
            perClass[label]++;
        }
        assertArrayEquals(new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000}, perClass);
    }

    @Test
    void djlsOwnLoaderOverALocalRepositoryReadsTheSameImages() {
        ImageDatasets.TrainTest idx = ImageDatasets.fashionMnist(ImageDatasets.DEBIAN_FASHION_MNIST);
        ImageDatasets.TrainTest djl = DjlFashionMnist.load(ImageDatasets.DEBIAN_FASHION_MNIST, dir.resolve("repo"));
        assertArrayEquals(idx.test().labels(), djl.test().labels());
        assertArrayEquals(idx.test().pixels(), djl.test().pixels(), 1e-6f);
        assertEquals(60_000, djl.train().size());
    }

    @Test
    void aMissingDatasetSaysHowToInstallIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageDatasets.fashionMnist(dir));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> ImageDatasets.cifar10(dir));
        assertTrue(c.getMessage().startsWith("CIFAR-10 not found: no " + dir.resolve("data_batch_1.bin")), c.getMessage());
    }

    @Test
    void cifarBinaryBatchesAreReadRecordByRecord() throws IOException {
        byte[] batch = new byte[2 * 3073];
        batch[0] = 3;
        batch[3073] = 7;
        batch[3073 + 1 + 1024] = (byte) 255; // second image, green channel, first pixel
        for (int i = 1; i <= 5; i++) {
            Files.write(dir.resolve("data_batch_" + i + ".bin"), batch);
        }
        Files.write(dir.resolve("test_batch.bin"), batch);
        ImageDatasets.TrainTest c = ImageDatasets.cifar10(dir);
        assertEquals(10, c.train().size());
        assertEquals(3, c.train().labels()[0]);
        assertEquals(7, c.test().labels()[1]);
        assertEquals((1f - 0.4822f) / 0.2435f, c.test().pixels()[3072 + 1024], 1e-5f);
        Files.write(dir.resolve("test_batch.bin"), new byte[100]);
        assertThrows(IllegalArgumentException.class, () -> ImageDatasets.cifar10(dir));
    }

    @Test
    void theSplitIsSeededDisjointAndFractionsArePrefixes() {
        ImageData data = numbered(100);
        DataSplit a = new DataSplit(data, 20, 5);
        DataSplit b = new DataSplit(data, 20, 5);
        assertArrayEquals(a.validation().labels(), b.validation().labels());
        assertEquals(80, a.train(1.0).size());
        assertEquals(8, a.train(0.1).size());
        assertArrayEquals(java.util.Arrays.copyOf(a.train(1.0).labels(), 8), a.train(0.1).labels());
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int l : a.validation().labels()) {
            seen.add(l);
        }
        for (int l : a.train(1.0).labels()) {
            assertTrue(seen.add(l), "image " + l + " is in both parts");
        }
    }

    @Test
    void resizingKeepsCornersAndInterpolatesBetweenThem() {
        ImageData one = new ImageData(new float[] {0, 1, 2, 3}, new int[] {0}, 1, 2, 2, 10);
        ImageData big = one.resized(3);
        assertArrayEquals(new float[] {0, 0.5f, 1, 1, 1.5f, 2, 2, 2.5f, 3}, big.pixels(), 1e-6f);
        assertEquals(one, one.resized(0));
    }

    /** n 1x1 images whose label is their index. */
    private static ImageData numbered(int n) {
        int[] labels = new int[n];
        float[] pixels = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i;
            pixels[i] = i;
        }
        return new ImageData(pixels, labels, 1, 1, 1, n);
    }
}
