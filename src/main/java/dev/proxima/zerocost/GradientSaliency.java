package dev.proxima.zerocost;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.loss.Loss;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Network;
import dev.proxima.training.GradientCollectors;
import dev.proxima.training.ImageData;
import dev.proxima.training.Nb201Blocks;

/**
 * The gradient-based zero-cost scores of zero-cost-nas (Abdelfattah et al. 2021): one
 * cross-entropy backward pass of a labelled batch through the untrained network (BatchNorm on
 * batch statistics), summed over convolution and classifier weights. {@code grad_norm}: the L2
 * norm of each weight's gradient; {@code snip} (Lee et al. 2019): |w * dL/dw|.
 */
public final class GradientSaliency implements ZeroCostScorer {
    /** Which sum of the gradients. */
    public enum Kind {
        GRAD_NORM("grad_norm"),
        SNIP("snip");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private final Kind kind;
    private final Nb201Network shape;
    private final ImageData batch;
    private final long seed;
    private final Device device;

    public GradientSaliency(Kind kind, Nb201Network shape, ImageData batch, long seed, Device device) {
        ZeroCostData.requireFits(batch, shape);
        this.kind = kind;
        this.shape = shape;
        this.batch = batch;
        this.seed = seed;
        this.device = device;
    }

    @Override
    public String name() {
        return kind.label;
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public double score(Nb201Cell cell) {
        int n = batch.size();
        try (ScoringNetwork net = new ScoringNetwork(cell, shape, Nb201Blocks.Options.STANDARD, DataType.FLOAT32, n,
                ZeroCostSeeds.of(seed, cell), false, device)) {
            NDArray x = net.images(batch);
            float[] labels = new float[n];
            for (int i = 0; i < n; i++) {
                labels[i] = batch.labels()[i];
            }
            NDArray y = net.manager().create(labels);
            GradientCollectors.collect(Engine.getInstance()::newGradientCollector, collector -> {
                collector.backward(Loss.softmaxCrossEntropyLoss().evaluate(new NDList(y), new NDList(net.forward(x, true))));
                return null;
            });
            double score = 0;
            for (Parameter p : net.weights()) {
                NDArray w = p.getArray();
                NDArray g = w.getGradient();
                score += switch (kind) {
                    case GRAD_NORM -> g.norm().getFloat();
                    case SNIP -> w.mul(g).abs().sum().getFloat();
                };
            }
            return score;
        }
    }
}
