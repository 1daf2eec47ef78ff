package dev.proxima.zerocost;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Network;
import dev.proxima.training.ImageData;
import dev.proxima.training.Nb201Blocks;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An untrained NAS-Bench-201 network for scoring, initialised as PyTorch initialises a fresh model
 * (weights uniform in +-1/sqrt(fan-in), what {@code kaiming_uniform_(a=sqrt(5))} gives; biases 0;
 * BatchNorm 1 and 0) from a seeded generator, so a score is reproducible. Everything it allocates
 * lives in its own NDManager, closed with it.
 */
final class ScoringNetwork implements AutoCloseable {
    private final NDManager manager;
    private final Block block;
    private final ParameterStore store;

    /**
     * @param absoluteWeights start from |w| (synflow's linearised network)
     */
    ScoringNetwork(Nb201Cell cell, Nb201Network shape, Nb201Blocks.Options options, DataType dataType, int batch,
            long seed, boolean absoluteWeights, Device device) {
        this.manager = NDManager.newBaseManager(device);
        try {
            this.block = Nb201Blocks.network(cell, shape.initialChannels(), shape.cellsPerStage(), shape.classes(), options);
            block.initialize(manager, dataType, new Shape(batch, shape.inputChannels(), shape.resolution(), shape.resolution()));
            SplittableRandom rng = new SplittableRandom(seed);
            for (Parameter p : weights()) {
                WeightInit.weight(p.getArray(), EproxySettings.Init.PYTORCH_DEFAULT, rng, absoluteWeights);
            }
            for (Pair<String, Parameter> p : block.getParameters()) {
                p.getValue().getArray().setRequiresGradient(p.getValue().requiresGradient());
            }
            this.store = new ParameterStore(manager, false);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    NDManager manager() {
        return manager;
    }

    /** The batch's images as one input array. */
    NDArray images(ImageData batch) {
        return manager.create(batch.pixels(), new Shape(batch.size(), batch.channels(), batch.height(), batch.width()));
    }

    /** One forward pass; {@code training} = BatchNorm normalises with the batch's own statistics. */
    NDArray forward(NDArray input, boolean training) {
        return block.forward(store, new NDList(input), training).singletonOrThrow();
    }

    /** The weights of every convolution and of the classifier (not biases, not BatchNorm). */
    List<Parameter> weights() {
        List<Parameter> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().getType() == Parameter.Type.WEIGHT && p.getValue().getArray().getShape().dimension() >= 2) {
                out.add(p.getValue());
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
