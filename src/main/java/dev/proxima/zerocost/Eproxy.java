package dev.proxima.zerocost;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Network;
import dev.proxima.training.GradientCollectors;
import dev.proxima.training.ImageData;
import dev.proxima.zerocost.EproxySettings.Branch;
import java.util.ArrayList;
import java.util.List;

/**
 * Eproxy (Li et al. 2022; GenNAS-Zero's {@code do_train.py}): a few-shot self-supervised task. The
 * candidate's three stage features pass through trainable heads and frozen random barrier layers and
 * are trained for 10 SGD iterations on one fixed batch of 16 images towards fixed synthetic targets
 * (loss: the sum of the branches' MSEs). The score is the loss of the 10th forward pass (after 9
 * updates) with branch weights 1, 1/2, 1/4, times (1 - alpha x MACs / MACs_max) in the MACs-aware
 * mode. Lower is better: a network that fits the targets fast ranks high.
 */
public final class Eproxy implements ZeroCostScorer {
    /** Images of the fixed batch (the first of the batch it is given). */
    public static final int IMAGES = EproxyTargets.BATCH;
    /** Iterations of the released configuration. */
    public static final int ITERATIONS = 10;
    /** GenNAS-Zero's MACs_max for NAS-Bench-201 at 3x32x32. */
    public static final double NB201_MACS_MAX = 187_166_720;

    private final EproxySettings settings;
    private final Nb201Network shape;
    private final ImageData images;
    private final List<float[]> targets = new ArrayList<>();
    private final long seed;
    private final Device device;

    /**
     * @param images the batch every architecture sees; its first 16 images are used
     * @param seed seeds the targets, heads and barriers (shared by all architectures) and, with each cell,
     *     the backbone's initialisation
     */
    public Eproxy(EproxySettings settings, Nb201Network shape, ImageData images, long seed, Device device) {
        ZeroCostData.requireFits(images, shape);
        if (images.size() < EproxyTargets.BATCH) {
            throw new IllegalArgumentException("Eproxy needs " + EproxyTargets.BATCH + " images, got " + images.size());
        }
        int[] first = new int[EproxyTargets.BATCH];
        for (int i = 0; i < first.length; i++) {
            first[i] = i;
        }
        this.settings = settings;
        this.shape = shape;
        this.images = images.select(first);
        this.seed = seed;
        this.device = device;
        EproxyTargets maps = new EproxyTargets(this.images, seed, device);
        for (Branch b : settings.branches()) {
            targets.add(maps.target(b));
        }
    }

    public EproxySettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "eproxy";
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    @Override
    public double score(Nb201Cell cell) {
        double loss;
        try (EproxyNetwork net = new EproxyNetwork(cell, shape, settings, ZeroCostSeeds.of(seed, cell), seed, device)) {
            NDList goals = new NDList();
            for (int i = 0; i < targets.size(); i++) {
                goals.add(net.manager().create(targets.get(i), new Shape(EproxyTargets.BATCH,
                        settings.branches().get(i).targetChannels(), EproxyTargets.SIZE, EproxyTargets.SIZE)));
            }
            for (int iteration = 1; iteration < ITERATIONS; iteration++) {
                try (NDManager step = net.manager().newSubManager()) {
                    GradientCollectors.collect(Engine.getInstance()::newGradientCollector, collector -> {
                        NDList out = net.forward(step.create(images.pixels(), inputShape()));
                        NDArray total = null;
                        for (int i = 0; i < out.size(); i++) {
                            NDArray mse = out.get(i).sub(goals.get(i)).square().mean();
                            total = total == null ? mse : total.add(mse);
                        }
                        collector.backward(total);
                        return null;
                    });
                }
                net.step(settings.learningRate());
            }
            // the score reads the 10th forward pass, before its update (which could not change it)
            try (NDManager last = net.manager().newSubManager()) {
                NDList out = net.forward(last.create(images.pixels(), inputShape()));
                loss = 0;
                for (int i = 0; i < out.size(); i++) {
                    loss += out.get(i).sub(goals.get(i)).square().mean().getFloat() / (1 << i);
                }
            }
        }
        if (settings.macsWeight() == 0) {
            return loss;
        }
        // MACs of the benchmark's own network (C=16, N=5, 32x32), whatever network is trained here
        double macs = Nb201Network.CIFAR10.megaFlops(cell) * 1e6;
        return loss * (1 - settings.macsWeight() * macs / NB201_MACS_MAX);
    }

    private Shape inputShape() {
        return new Shape(EproxyTargets.BATCH, images.channels(), images.height(), images.width());
    }
}
