package dev.proxima.zerocost;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Network;
import dev.proxima.training.Nb201Blocks;
import dev.proxima.zerocost.EproxySettings.Branch;
import dev.proxima.zerocost.EproxySettings.Init;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One architecture dressed for Eproxy: the NB201 backbone without its classifier, its three stage
 * outputs resized to 8x8 (nearest) and taken in the order last, middle, first stage; per branch a
 * trainable head and a frozen barrier. {@link #step} is PyTorch's SGD (momentum 0.9, no dampening,
 * weight decay only on multi-dimensional weights) over the backbone and heads; barriers never move.
 * Everything it allocates lives in its own NDManager, closed with it.
 */
final class EproxyNetwork implements AutoCloseable {
    static final double MOMENTUM = 0.9;
    static final double WEIGHT_DECAY = 4e-5;

    private final NDManager manager;
    private final List<Block> backbone = new ArrayList<>(); // stem, stage 1, stage 2, stage 3
    private final List<Block> heads = new ArrayList<>();
    private final List<Block> barriers = new ArrayList<>();
    private final List<Parameter> trainable = new ArrayList<>();
    private final Map<Parameter, NDArray> velocity = new IdentityHashMap<>();
    private final ParameterStore store;

    /**
     * @param backboneSeed initialisation of this architecture's backbone
     * @param headSeed initialisation of heads and barriers, shared by every architecture of a study
     */
    EproxyNetwork(Nb201Cell cell, Nb201Network shape, EproxySettings settings, long backboneSeed, long headSeed,
            Device device) {
        this.manager = NDManager.newBaseManager(device);
        try {
            List<Block> features = Nb201Blocks.features(cell, shape.initialChannels(), shape.cellsPerStage(),
                    Nb201Blocks.Options.STANDARD);
            Shape s = new Shape(EproxyTargets.BATCH, shape.inputChannels(), shape.resolution(), shape.resolution());
            List<Long> stageChannels = new ArrayList<>();
            for (Block b : features.subList(0, 4)) {
                b.initialize(manager, DataType.FLOAT32, s);
                s = b.getOutputShapes(new Shape[] {s})[0];
                stageChannels.add(s.get(1));
                backbone.add(b);
            }
            SplittableRandom backboneRng = new SplittableRandom(backboneSeed);
            for (Block b : backbone) {
                initialise(b, settings.networkInit(), backboneRng);
            }
            SplittableRandom headRng = new SplittableRandom(headSeed);
            for (int i = 0; i < settings.branches().size(); i++) {
                Branch br = settings.branches().get(i);
                long in = stageChannels.get(3 - i); // branch 0 reads the last stage
                Block head = new SequentialBlock().add(conv(br.headChannels(), br.headKernel()))
                        .add(Activation.reluBlock()).add(BatchNorm.builder().build());
                head.initialize(manager, DataType.FLOAT32, new Shape(EproxyTargets.BATCH, in, EproxyTargets.SIZE,
                        EproxyTargets.SIZE));
                initialise(head, settings.networkInit(), headRng);
                Block barrier = conv(br.targetChannels(), br.barrierKernel());
                barrier.initialize(manager, DataType.FLOAT32, new Shape(EproxyTargets.BATCH, br.headChannels(),
                        EproxyTargets.SIZE, EproxyTargets.SIZE));
                initialise(barrier, settings.barrierInit(), headRng);
                heads.add(head);
                barriers.add(barrier);
            }
            for (Block b : backbone) {
                collectTrainable(b);
            }
            for (Block b : heads) {
                collectTrainable(b);
            }
            for (Block b : barriers) { // the barrier layer: a fixed random map, excluded from the optimiser
                for (Pair<String, Parameter> p : b.getParameters()) {
                    p.getValue().getArray().setRequiresGradient(false);
                }
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

    /** The branches' outputs for a batch (BatchNorm on batch statistics, as in training mode). */
    NDList forward(NDArray images) {
        List<NDArray> taps = new ArrayList<>();
        NDArray x = images;
        for (int i = 0; i < backbone.size(); i++) {
            x = backbone.get(i).forward(store, new NDList(x), true).singletonOrThrow();
            if (i > 0) {
                taps.add(0, nearest(x, EproxyTargets.SIZE)); // [last, middle, first]
            }
        }
        NDList out = new NDList();
        for (int i = 0; i < heads.size(); i++) {
            NDArray h = heads.get(i).forward(store, new NDList(taps.get(i)), true).singletonOrThrow();
            out.add(barriers.get(i).forward(store, new NDList(h), true).singletonOrThrow());
        }
        return out;
    }

    /** One SGD update from the gradients of the last backward pass, which it then clears. */
    void step(double learningRate) {
        // in-place updates of leaves are refused in grad mode, which PyTorch turns on per thread (on
        // by default in any thread but the one that loaded the engine)
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (Parameter p : trainable) {
                update(p, learningRate);
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    private void update(Parameter p, double learningRate) {
        NDArray w = p.getArray();
        NDArray g = w.getGradient();
        NDArray v = velocity.get(p);
        if (v == null) {
            v = g.duplicate();
            velocity.put(p, v);
        } else {
            v.muli(MOMENTUM).addi(g);
        }
        if (decays(p)) {
            try (NDArray decay = w.mul(WEIGHT_DECAY)) {
                v.addi(decay);
            }
        }
        try (NDArray delta = v.mul(learningRate)) {
            w.subi(delta);
        }
        g.subi(g);
        g.close();
    }

    /** Every parameter, named backbone.*, head.* or barrier.* (for tests). */
    List<Pair<String, Parameter>> parametersForTest() {
        List<Pair<String, Parameter>> out = new ArrayList<>();
        for (Block b : backbone) {
            b.getParameters().forEach(p -> out.add(new Pair<>("backbone." + p.getKey(), p.getValue())));
        }
        for (Block b : heads) {
            b.getParameters().forEach(p -> out.add(new Pair<>("head." + p.getKey(), p.getValue())));
        }
        for (Block b : barriers) {
            b.getParameters().forEach(p -> out.add(new Pair<>("barrier." + p.getKey(), p.getValue())));
        }
        return out;
    }

    /**
     * Nearest-neighbour resizing of [N, C, H, W] to size x size, as {@code F.interpolate}'s default:
     * output row i reads input row floor(i * H / size). Two one-hot matrix products keep it differentiable.
     */
    static NDArray nearest(NDArray x, int size) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        if (h == size && w == size) {
            return x;
        }
        return selection(x.getManager(), size, h).matMul(x).matMul(selection(x.getManager(), size, w).transpose());
    }

    private static NDArray selection(NDManager m, int size, long from) {
        float[] s = new float[Math.toIntExact(size * from)];
        for (int i = 0; i < size; i++) {
            s[(int) (i * from + (i * from) / size)] = 1;
        }
        return m.create(s, new Shape(size, from));
    }

    private void collectTrainable(Block b) {
        for (Pair<String, Parameter> p : b.getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
                trainable.add(p.getValue());
            }
        }
    }

    /** PyTorch's optimiser groups: decay on every weight with more than one dimension, not on BN or biases. */
    private static boolean decays(Parameter p) {
        return p.getType() == Parameter.Type.WEIGHT && p.getArray().getShape().dimension() > 1;
    }

    /** Convolution weights and biases by {@code init}; BatchNorm keeps 1 and 0. */
    private static void initialise(Block b, Init init, SplittableRandom rng) {
        double fanIn = 1;
        for (Pair<String, Parameter> p : b.getParameters()) {
            Parameter param = p.getValue();
            if (param.getType() == Parameter.Type.WEIGHT && param.getArray().getShape().dimension() > 1) {
                Shape s = param.getArray().getShape();
                fanIn = (double) s.size() / s.get(0);
                WeightInit.weight(param.getArray(), init, rng, false);
            } else if (param.getType() == Parameter.Type.BIAS) {
                WeightInit.bias(param.getArray(), init, fanIn, rng);
            }
        }
    }

    private static Conv2d conv(int out, int kernel) {
        int pad = (kernel - 1) / 2;
        return Conv2d.builder().setFilters(out).setKernelShape(new Shape(kernel, kernel)).optPadding(new Shape(pad, pad))
                .optBias(true).build();
    }

    @Override
    public void close() {
        manager.close();
    }
}
