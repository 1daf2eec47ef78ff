package dev.proxima.zerocost;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Network;
import dev.proxima.training.GradientCollectors;
import dev.proxima.training.Nb201Blocks;

/**
 * SynFlow (Tanaka et al. 2020) as zero-cost-nas computes it: the network without BatchNorm, in
 * double precision, every weight replaced by its absolute value, one all-ones input image; the
 * score is the sum over convolution and classifier weights of |w * d(sum of outputs)/dw|. Needs
 * no data.
 */
public final class Synflow implements ZeroCostScorer {
    private final Nb201Network shape;
    private final long seed;
    private final Device device;

    public Synflow(Nb201Network shape, long seed, Device device) {
        this.shape = shape;
        this.seed = seed;
        this.device = device;
    }

    @Override
    public String name() {
        return "synflow";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public double score(Nb201Cell cell) {
        try (ScoringNetwork net = new ScoringNetwork(cell, shape, new Nb201Blocks.Options(false, null), DataType.FLOAT64, 1,
                ZeroCostSeeds.of(seed, cell), true, device)) {
            NDArray ones = net.manager().ones(new Shape(1, shape.inputChannels(), shape.resolution(), shape.resolution()),
                    DataType.FLOAT64);
            GradientCollectors.collect(Engine.getInstance()::newGradientCollector, collector -> {
                collector.backward(net.forward(ones, true).sum());
                return null;
            });
            double score = 0;
            for (Parameter p : net.weights()) {
                NDArray w = p.getArray();
                score += w.mul(w.getGradient()).abs().sum().getDouble();
            }
            return score;
        }
    }
}
