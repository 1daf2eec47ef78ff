package dev.proxima.training;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Readers for the datasets Proxima trains on, from files the user has: Fashion-MNIST in IDX format
 * (as Debian's {@code dataset-fashion-mnist} installs it) and CIFAR-10's binary batches. Nothing is
 * downloaded. Pixels are scaled to [0, 1] and standardised per channel with the dataset's mean and std.
 */
public final class ImageDatasets {
    /** Where Debian's dataset-fashion-mnist package puts the files. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    private static final float FMNIST_MEAN = 0.2860f;
    private static final float FMNIST_STD = 0.3530f;
    private static final float[] CIFAR_MEAN = {0.4914f, 0.4822f, 0.4465f};
    private static final float[] CIFAR_STD = {0.2470f, 0.2435f, 0.2616f};

    private ImageDatasets() {}

    /** A dataset's training and test parts. */
    public record TrainTest(ImageData train, ImageData test) {}

    /** Fashion-MNIST from {@code train-images-idx3-ubyte.gz} etc. in {@code dir} (plain or gzipped). */
    public static TrainTest fashionMnist(Path dir) {
        return new TrainTest(idx(dir, "train"), idx(dir, "t10k"));
    }

    private static ImageData idx(Path dir, String part) {
        Path images = existing(dir, part + "-images-idx3-ubyte");
        Path labels = existing(dir, part + "-labels-idx1-ubyte");
        try (DataInputStream im = open(images); DataInputStream lb = open(labels)) {
            expectMagic(im, 2051, images);
            expectMagic(lb, 2049, labels);
            int n = im.readInt();
            int h = im.readInt();
            int w = im.readInt();
            if (lb.readInt() != n) {
                throw new IllegalArgumentException(labels + ": label count differs from " + images);
            }
            byte[] raw = new byte[n * h * w];
            im.readFully(raw);
            float[] pixels = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                pixels[i] = ((raw[i] & 0xFF) / 255f - FMNIST_MEAN) / FMNIST_STD;
            }
            byte[] rawLabels = new byte[n];
            lb.readFully(rawLabels);
            int[] l = new int[n];
            for (int i = 0; i < n; i++) {
                l[i] = rawLabels[i];
            }
            return new ImageData(pixels, l, 1, h, w, 10);
        } catch (EOFException e) {
            throw new IllegalArgumentException(images + " or " + labels + " is truncated");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + images + ": " + e.getMessage());
        }
    }

    private static Path existing(Path dir, String base) {
        for (Path p : List.of(dir.resolve(base + ".gz"), dir.resolve(base))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Fashion-MNIST not found: no " + base + "[.gz] in " + dir
                + " (install it with 'apt-get install dataset-fashion-mnist', or set proxima.training.data-dir)");
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return new DataInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in);
    }

    private static void expectMagic(DataInputStream in, int magic, Path file) throws IOException {
        int found = in.readInt();
        if (found != magic) {
            throw new IllegalArgumentException(file + ": not an IDX file (magic " + found + ", expected " + magic + ")");
        }
    }

    /**
     * CIFAR-10 binary version ({@code cifar-10-batches-bin}): {@code data_batch_1..5.bin} and
     * {@code test_batch.bin}, each record one label byte and 3x32x32 pixel bytes.
     */
    public static TrainTest cifar10(Path dir) {
        List<Path> train = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            train.add(dir.resolve("data_batch_" + i + ".bin"));
        }
        return new TrainTest(cifarBatches(train), cifarBatches(List.of(dir.resolve("test_batch.bin"))));
    }

    private static ImageData cifarBatches(List<Path> files) {
        int record = 1 + 3 * 32 * 32;
        List<byte[]> contents = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            try {
                byte[] bytes = Files.readAllBytes(f);
                if (bytes.length % record != 0) {
                    throw new IllegalArgumentException(f + ": " + bytes.length + " bytes is not a whole number of "
                            + record + "-byte CIFAR-10 records");
                }
                contents.add(bytes);
                total += bytes.length / record;
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("CIFAR-10 not found: no " + f + " (unpack cifar-10-binary.tar.gz "
                        + "there, or set proxima.training.data-dir)");
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + f + ": " + e.getMessage());
            }
        }
        int n = (int) total;
        float[] pixels = new float[n * 3072];
        int[] labels = new int[n];
        int i = 0;
        for (byte[] bytes : contents) {
            for (int off = 0; off < bytes.length; off += record, i++) {
                labels[i] = bytes[off];
                for (int p = 0; p < 3072; p++) {
                    int c = p / 1024;
                    pixels[i * 3072 + p] = ((bytes[off + 1 + p] & 0xFF) / 255f - CIFAR_MEAN[c]) / CIFAR_STD[c];
                }
            }
        }
        return new ImageData(pixels, labels, 3, 32, 32, 10);
    }
}
