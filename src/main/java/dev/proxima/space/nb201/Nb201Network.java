package dev.proxima.space.nb201;

/**
 * Size of the NAS-Bench-201 network built around a cell, counted the way the benchmark counts:
 * stem 3x3 conv + BN, three stages of {@code cellsPerStage} cells with a residual reduction block
 * (ReLU-Conv-BN 3x3 stride 2, ReLU-Conv-BN 3x3, shortcut 2x2 avg-pool + 1x1 conv) between stages,
 * BN-ReLU, global average pooling and a linear classifier. FLOPs are multiply-accumulates of the
 * convolutions and the classifier; pooling, BN and ReLU are not counted (this reproduces the
 * benchmark's {@code flops_m} exactly).
 *
 * @param initialChannels channels of the first stage (NAS-Bench-201: 16)
 * @param cellsPerStage cells in each of the three stages (NAS-Bench-201: 5)
 * @param resolution input height and width in pixels (CIFAR: 32)
 * @param inputChannels channels of the input image (CIFAR: 3)
 * @param classes outputs of the classifier
 */
public record Nb201Network(int initialChannels, int cellsPerStage, int resolution, int inputChannels, int classes) {

    /** The benchmark's own setting for CIFAR-10: C=16, N=5, 3x32x32 input, 10 classes. */
    public static final Nb201Network CIFAR10 = new Nb201Network(16, 5, 32, 3, 10);

    /** Multiply-accumulates of one forward pass of one image, in millions. */
    public double megaFlops(Nb201Cell cell) {
        return count(cell, true) / 1e6;
    }

    /** Trainable parameters, in millions. */
    public double megaParams(Nb201Cell cell) {
        return count(cell, false) / 1e6;
    }

    private double count(Nb201Cell cell, boolean flops) {
        Counter n = new Counter(flops);
        int c = initialChannels;
        int hw = resolution;
        n.conv(inputChannels, c, 3, hw);
        n.batchNorm(c);
        for (int stage = 0; stage < 3; stage++) {
            if (stage > 0) {
                hw /= 2;
                n.conv(c, 2 * c, 3, hw);
                n.batchNorm(2 * c);
                n.conv(2 * c, 2 * c, 3, hw);
                n.batchNorm(2 * c);
                n.conv(c, 2 * c, 1, hw);
                c *= 2;
            }
            for (int i = 0; i < cellsPerStage; i++) {
                for (int e = 0; e < Nb201Cell.EDGES; e++) {
                    if (cell.op(e).isConv()) {
                        n.conv(c, c, cell.op(e).kernelSize(), hw);
                        n.batchNorm(c);
                    }
                }
            }
        }
        n.batchNorm(c);
        n.linear(c, classes);
        return n.total;
    }

    /** Adds up either FLOPs or parameters. */
    private static final class Counter {
        final boolean flops;
        double total;

        Counter(boolean flops) {
            this.flops = flops;
        }

        void conv(int in, int out, int kernel, int outputHw) {
            double weights = (double) kernel * kernel * in * out;
            total += flops ? weights * outputHw * outputHw : weights;
        }

        void batchNorm(int channels) {
            total += flops ? 0 : 2.0 * channels;
        }

        void linear(int in, int out) {
            total += (double) in * out + out;
        }
    }
}
