package dev.proxima.training;

/**
 * Images in memory, normalised, channel-first: image {@code i} occupies
 * {@code pixels[i*c*h*w .. (i+1)*c*h*w)}. Immutable by convention: nothing writes the arrays after
 * construction, so one copy serves every trial of a JVM.
 */
public record ImageData(float[] pixels, int[] labels, int channels, int height, int width, int classes) {
    public ImageData {
        if (pixels.length != (long) labels.length * channels * height * width) {
            throw new IllegalArgumentException("pixel count does not match " + labels.length + " images of "
                    + channels + "x" + height + "x" + width);
        }
    }

    public int size() {
        return labels.length;
    }

    public int imageSize() {
        return channels * height * width;
    }

    /** The images at {@code indices}, in that order. */
    public ImageData select(int[] indices) {
        int s = imageSize();
        float[] p = new float[indices.length * s];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * s, p, i * s, s);
            l[i] = labels[indices[i]];
        }
        return new ImageData(p, l, channels, height, width, classes);
    }

    /**
     * The same images with {@code target} channels: a grey image is repeated on every channel (a
     * network built for RGB input takes Fashion-MNIST this way); itself when it already has them.
     */
    public ImageData withChannels(int target) {
        if (target == channels) {
            return this;
        }
        if (channels != 1) {
            throw new IllegalArgumentException("cannot turn " + channels + "-channel images into " + target + " channels");
        }
        int plane = height * width;
        float[] out = new float[size() * target * plane];
        for (int i = 0; i < size(); i++) {
            for (int c = 0; c < target; c++) {
                System.arraycopy(pixels, i * plane, out, (i * target + c) * plane, plane);
            }
        }
        return new ImageData(out, labels, target, height, width, classes);
    }

    /** The same images at {@code size x size} pixels (bilinear, corners aligned); itself when already that size. */
    public ImageData resized(int size) {
        if (size == 0 || (size == height && size == width)) {
            return this;
        }
        float[] out = new float[size() * channels * size * size];
        for (int i = 0; i < size() * channels; i++) {
            resizePlane(pixels, i * height * width, height, width, out, i * size * size, size);
        }
        return new ImageData(out, labels, channels, size, size, classes);
    }

    private static void resizePlane(float[] in, int inOff, int h, int w, float[] out, int outOff, int size) {
        double sy = size > 1 ? (h - 1) / (double) (size - 1) : 0;
        double sx = size > 1 ? (w - 1) / (double) (size - 1) : 0;
        for (int y = 0; y < size; y++) {
            double fy = y * sy;
            int y0 = (int) fy;
            int y1 = Math.min(y0 + 1, h - 1);
            double dy = fy - y0;
            for (int x = 0; x < size; x++) {
                double fx = x * sx;
                int x0 = (int) fx;
                int x1 = Math.min(x0 + 1, w - 1);
                double dx = fx - x0;
                double top = in[inOff + y0 * w + x0] * (1 - dx) + in[inOff + y0 * w + x1] * dx;
                double bottom = in[inOff + y1 * w + x0] * (1 - dx) + in[inOff + y1 * w + x1] * dx;
                out[outOff + y * size + x] = (float) (top * (1 - dy) + bottom * dy);
            }
        }
    }
}
