package dev.proxima.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.util.Pair;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Op;
import java.util.List;
import java.util.function.Consumer;

/**
 * The NAS-Bench-201 network in DJL, layer for layer as the benchmark defines it
 * (D-X-Y/AutoDL-Projects, {@code TinyNetwork} / {@code InferCell} / {@code ResNetBasicblock}):
 * stem 3x3 conv + BN, three stages of {@code cellsPerStage} cells with a residual reduction block
 * between stages, BN-ReLU, global average pooling and a linear classifier.
 */
public final class Nb201Blocks {
    private Nb201Blocks() {}

    /**
     * How to build: with or without BatchNorm (synflow scores the network without it, as
     * zero-cost-nas does), and an optional probe that sees the input of every ReLU (NASWOT's codes).
     */
    public record Options(boolean batchNorm, Consumer<NDArray> reluProbe) {
        public static final Options STANDARD = new Options(true, null);
    }

    /**
     * The whole network for a cell.
     *
     * @param initialChannels channels of the first stage (NAS-Bench-201: 16)
     * @param cellsPerStage cells per stage (NAS-Bench-201: 5)
     * @param classes outputs of the classifier
     */
    public static SequentialBlock network(Nb201Cell cell, int initialChannels, int cellsPerStage, int classes) {
        return network(cell, initialChannels, cellsPerStage, classes, Options.STANDARD);
    }

    /** The whole network, built with {@code options}. */
    public static SequentialBlock network(Nb201Cell cell, int initialChannels, int cellsPerStage, int classes,
            Options options) {
        return new SequentialBlock().addAll(features(cell, initialChannels, cellsPerStage, options))
                .add(Pool.globalAvgPool2dBlock())
                .add(Linear.builder().setUnits(classes).build());
    }

    /**
     * The network without its head (pooling and classifier): stem, the three stages and the final
     * BN-ReLU, one block per entry so a caller can tap the stages' outputs.
     */
    public static List<Block> features(Nb201Cell cell, int initialChannels, int cellsPerStage, Options options) {
        List<Block> blocks = new java.util.ArrayList<>();
        blocks.add(new SequentialBlock().add(conv(initialChannels, 3, 1, 1)).add(batchNorm(options)));
        int c = initialChannels;
        for (int stage = 0; stage < 3; stage++) {
            SequentialBlock s = new SequentialBlock();
            if (stage > 0) {
                s.add(reduction(c, 2 * c, options));
                c *= 2;
            }
            for (int i = 0; i < cellsPerStage; i++) {
                s.add(new Nb201CellBlock(cell, c, options));
            }
            blocks.add(s);
        }
        blocks.add(new SequentialBlock().add(batchNorm(options)).add(relu(options)));
        return blocks;
    }

    /** Trainable parameters of an initialised block (running BatchNorm statistics are not trainable). */
    public static long trainableParameters(Block initialized) {
        long n = 0;
        for (Pair<String, Parameter> p : initialized.getParameters()) {
            if (p.getValue().requiresGradient()) {
                n += p.getValue().getArray().size();
            }
        }
        return n;
    }

    /** The block of one cell edge, or null for {@code none}. */
    static Block cellOp(Nb201Op op, int channels, Options options) {
        return switch (op) {
            case NONE -> null;
            case SKIP_CONNECT -> Blocks.identityBlock();
            case NOR_CONV_1X1 -> reluConvBn(channels, 1, 1, 0, options);
            case NOR_CONV_3X3 -> reluConvBn(channels, 3, 1, 1, options);
            // count_include_pad=False, as the benchmark's POOLING op
            case AVG_POOL_3X3 -> Pool.avgPool2dBlock(new Shape(3, 3), new Shape(1, 1), new Shape(1, 1), false, false);
        };
    }

    /** ReLU, convolution without bias, batch norm. */
    static SequentialBlock reluConvBn(int out, int kernel, int stride, int padding, Options options) {
        return new SequentialBlock().add(relu(options)).add(conv(out, kernel, stride, padding)).add(batchNorm(options));
    }

    private static Block relu(Options options) {
        Consumer<NDArray> probe = options.reluProbe();
        if (probe == null) {
            return Activation.reluBlock();
        }
        return new LambdaBlock(x -> {
            probe.accept(x.singletonOrThrow());
            return new NDList(Activation.relu(x.singletonOrThrow()));
        }, "ReLU");
    }

    /**
     * The residual reduction block between stages: ReLU-Conv-BN 3x3 stride 2, ReLU-Conv-BN 3x3, plus
     * a shortcut of 2x2 average pooling and a 1x1 convolution.
     */
    static Block reduction(int in, int out, Options options) {
        Block main = new SequentialBlock().add(reluConvBn(out, 3, 2, 1, options)).add(reluConvBn(out, 3, 1, 1, options));
        // ceil mode: identical to the benchmark's pooling on even sizes, and on odd ones (28 -> 14 -> 7)
        // it yields the stride-2 convolution's output size, so the two branches still add up
        Block shortcut = new SequentialBlock()
                .add(Pool.avgPool2dBlock(new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), true, false))
                .add(conv(out, 1, 1, 0));
        return new ParallelBlock(Nb201Blocks::sum, List.of(shortcut, main));
    }

    private static NDList sum(List<NDList> branches) {
        return new NDList(branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow()));
    }

    private static Block conv(int out, int kernel, int stride, int padding) {
        return Conv2d.builder().setFilters(out).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding)).optBias(false).build();
    }

    private static Block batchNorm(Options options) {
        return options.batchNorm() ? BatchNorm.builder().build() : Blocks.identityBlock();
    }
}
