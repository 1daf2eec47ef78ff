package dev.proxima.training;

import ai.djl.MalformedModelException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.proxima.proxy.TrainingRecipe;
import dev.proxima.space.nb201.Nb201Cell;
import java.util.SplittableRandom;

/**
 * One network being trained: its Model and Trainer, SGD with momentum, weight decay and a cosine
 * schedule over {@code totalSteps}, gradient clipping at norm 5. Each step and each validation
 * batch lives in its own NDManager, closed at once; {@link #close()} frees the rest.
 */
final class TrainingSession implements AutoCloseable {
    private final Model model;
    private final Trainer trainer;
    private final MomentumSgd sgd;
    private final BatchMaker train;
    private final ImageData validation;
    private final int batchSize;

    /**
     * @param totalSteps steps of the whole cosine schedule
     * @param firstStep the schedule step training starts at (a resumed tier starts part-way down)
     * @param checkpoint parameters {@link #save} wrote, to start from instead of a fresh initialisation; or null
     */
    TrainingSession(Nb201Cell cell, TrainingRecipe r, ImageData trainData, ImageData validation, int totalSteps,
            int firstStep, Device device, SplittableRandom rng, Path checkpoint) throws IOException, MalformedModelException {
        this.train = new BatchMaker(trainData, r.cutout(), rng);
        this.validation = validation;
        this.batchSize = r.batchSize();
        Tracker cosine = Tracker.cosine().setBaseValue((float) r.learningRate()).optFinalValue(0f)
                .setMaxUpdates(Math.max(1, totalSteps)).build();
        Tracker lr = numUpdate -> cosine.getNewValue(numUpdate + firstStep);
        this.sgd = MomentumSgd.builder().learningRate(lr).momentum((float) r.momentum())
                .optWeightDecays((float) r.weightDecay()).optClipGrad(5f).build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(sgd)
                .optDevices(new Device[] {device});
        Model m = Model.newInstance("nb201", device);
        try {
            m.setBlock(Nb201Blocks.network(cell, r.initialChannels(), r.cellsPerStage(), trainData.classes()));
            Shape input = new Shape(batchSize, trainData.channels(), trainData.height(), trainData.width());
            if (checkpoint != null) {
                // before the Trainer exists: it caches the parameters' arrays when it initialises, and
                // initialising keeps parameters that already have values
                m.getBlock().initialize(m.getNDManager(), DataType.FLOAT32, input);
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(checkpoint)))) {
                    m.getBlock().loadParameters(m.getNDManager(), in);
                    Checkpoints.readMomentum(in, m.getBlock(), m.getNDManager(), sgd);
                }
            }
            this.trainer = m.newTrainer(config);
            trainer.initialize(input);
        } catch (RuntimeException | IOException | MalformedModelException e) {
            m.close();
            throw e;
        }
        this.model = m;
    }

    /** A session from a fresh initialisation (no checkpoint, so no I/O can fail). */
    static TrainingSession fresh(Nb201Cell cell, TrainingRecipe r, ImageData trainData, ImageData validation, int totalSteps,
            Device device, SplittableRandom rng) {
        try {
            return new TrainingSession(cell, r, trainData, validation, totalSteps, 0, device, rng, null);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("no checkpoint was read", e);
        }
    }

    /** One SGD step on images {@code order[from .. from+batch)}; returns the batch's loss. */
    double step(int[] order, int from) {
        try (NDManager batch = trainer.getManager().newSubManager()) {
            NDList[] xy = train.make(batch, order, from, batchSize, true);
            double loss = GradientCollectors.collect(trainer::newGradientCollector, collector -> {
                NDArray prediction = trainer.forward(xy[0]).singletonOrThrow();
                NDArray value = trainer.getLoss().evaluate(xy[1], new NDList(prediction));
                collector.backward(value);
                return (double) value.getFloat();
            });
            trainer.step();
            return loss;
        }
    }

    /** Top-1 accuracy in percent on the validation images, in inference mode (BN running statistics). */
    double validate() {
        BatchMaker batches = new BatchMaker(validation, 0, null);
        int[] order = new int[validation.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        long correct = 0;
        for (int from = 0; from < order.length; from += batchSize) {
            try (NDManager batch = trainer.getManager().newSubManager()) {
                NDList[] xy = batches.make(batch, order, from, batchSize, false);
                NDArray predicted = trainer.evaluate(xy[0]).singletonOrThrow().argMax(1);
                correct += predicted.toType(DataType.INT64, false)
                        .eq(xy[1].singletonOrThrow().toType(DataType.INT64, false)).sum().getLong();
            }
        }
        return 100.0 * correct / order.length;
    }

    /**
     * Writes the network's parameters and the optimiser's momentum to {@code file}, replacing it
     * atomically: a kill mid-write leaves the old one.
     */
    void save(Path file) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
            model.getBlock().saveParameters(out);
            Checkpoints.writeMomentum(out, model.getBlock(), sgd);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes the parameters alone, as checkpoints did before they carried momentum (for tests of that format). */
    void parametersOnly(DataOutputStream out) throws IOException {
        model.getBlock().saveParameters(out);
    }

    @Override
    public void close() {
        try {
            trainer.close();
        } finally {
            model.close();
        }
    }
}
