package dev.proxima.training;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/** Copies a batch of images (with optional cutout) from {@link ImageData} into NDArrays. */
final class BatchMaker {
    private final ImageData data;
    private final int cutout;
    private final SplittableRandom rng;

    /** @param cutout side of the zeroed square in pixels, 0 = off; needs {@code rng} when on */
    BatchMaker(ImageData data, int cutout, SplittableRandom rng) {
        this.data = data;
        this.cutout = cutout;
        this.rng = rng;
    }

    /** Images {@code order[from .. from+size)} (fewer at the end) as {x, y} in {@code manager}. */
    NDList[] make(NDManager manager, int[] order, int from, int size, boolean augment) {
        int n = Math.min(size, order.length - from);
        int s = data.imageSize();
        float[] x = new float[n * s];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data.pixels(), order[from + i] * s, x, i * s, s);
            y[i] = data.labels()[order[from + i]];
            if (augment && cutout > 0) {
                cut(x, i * s);
            }
        }
        Shape shape = new Shape(n, data.channels(), data.height(), data.width());
        return new NDList[] {new NDList(manager.create(x, shape)), new NDList(manager.create(y))};
    }

    /** Zeroes a cutout x cutout square centred on a random pixel (clipped at the borders), all channels. */
    private void cut(float[] x, int offset) {
        int h = data.height();
        int w = data.width();
        int cy = rng.nextInt(h);
        int cx = rng.nextInt(w);
        int y0 = Math.max(0, cy - cutout / 2);
        int y1 = Math.min(h, cy + (cutout + 1) / 2);
        int x0 = Math.max(0, cx - cutout / 2);
        int x1 = Math.min(w, cx + (cutout + 1) / 2);
        for (int c = 0; c < data.channels(); c++) {
            for (int yy = y0; yy < y1; yy++) {
                for (int xx = x0; xx < x1; xx++) {
                    x[offset + (c * h + yy) * w + xx] = 0;
                }
            }
        }
    }
}
