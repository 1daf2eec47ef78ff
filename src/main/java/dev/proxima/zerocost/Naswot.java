package dev.proxima.zerocost;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Network;
import dev.proxima.training.ImageData;
import dev.proxima.training.Nb201Blocks;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * NASWOT v2 (Mellor et al. 2021): one forward pass of a batch through the untrained network; every
 * ReLU's input is turned into a binary code per image (1 where positive); the kernel
 * K[i][j] = number of units where images i and j agree, summed over all ReLUs; the score is
 * log|det K|. Images that the network cannot tell apart make K singular: -Infinity.
 */
public final class Naswot implements ZeroCostScorer {
    private final Nb201Network shape;
    private final ImageData batch;
    private final long seed;
    private final Device device;

    /** @param batch the images every architecture sees (NASWOT uses 128), already shaped for the network */
    public Naswot(Nb201Network shape, ImageData batch, long seed, Device device) {
        ZeroCostData.requireFits(batch, shape);
        this.shape = shape;
        this.batch = batch;
        this.seed = seed;
        this.device = device;
    }

    @Override
    public String name() {
        return "naswot";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public double score(Nb201Cell cell) {
        int n = batch.size();
        NDArray[] kernel = new NDArray[1];
        boolean[] recording = {false}; // DJL also runs the probe while it infers shapes at initialisation
        Nb201Blocks.Options probe = new Nb201Blocks.Options(true, x -> {
            if (!recording[0]) {
                return;
            }
            // agreements = both on + both off = 2 c.c' + units - on_i - on_j: one matmul, exact in float32
            // (each entry is at most this ReLU's units per image), summed over ReLUs in float64
            NDArray codes = x.gt(0).toType(DataType.FLOAT32, false).reshape(n, -1);
            long units = codes.getShape().get(1);
            NDArray on = codes.sum(new int[] {1});
            NDArray agree = codes.matMul(codes.transpose()).mul(2).add(units)
                    .sub(on.reshape(n, 1)).sub(on.reshape(1, n)).toType(DataType.FLOAT64, false);
            kernel[0] = kernel[0] == null ? agree : kernel[0].add(agree);
        });
        try (ScoringNetwork net = new ScoringNetwork(cell, shape, probe, DataType.FLOAT32, n, ZeroCostSeeds.of(seed, cell),
                false, device)) {
            NDArray x = net.images(batch);
            recording[0] = true;
            net.forward(x, true);
            return logAbsDet(kernel[0].toDoubleArray(), n);
        }
    }

    /** log|det| of an n x n matrix from its LU factors (the determinant itself overflows). */
    static double logAbsDet(double[] values, int n) {
        double[][] rows = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(values, i * n, rows[i], 0, n);
        }
        double largest = 0;
        for (double v : values) {
            largest = Math.max(largest, Math.abs(v));
        }
        LUDecomposition lu = new LUDecomposition(new Array2DRowRealMatrix(rows, false), 1e-12 * largest);
        if (largest == 0 || !lu.getSolver().isNonSingular()) {
            return Double.NEGATIVE_INFINITY;
        }
        RealMatrix u = lu.getU();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.log(Math.abs(u.getEntry(i, i)));
        }
        return sum;
    }
}
