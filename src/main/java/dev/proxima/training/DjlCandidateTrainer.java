package dev.proxima.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.proxima.evaluation.Evaluation;
import dev.proxima.evaluation.EvaluationFailedException;
import dev.proxima.evaluation.EvaluationRequest;
import dev.proxima.evaluation.ProgressSink;
import dev.proxima.evaluation.StopSignal;
import dev.proxima.proxy.TrainingRecipe;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Network;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains one NAS-Bench-201 candidate at a fidelity on one device and returns its final validation
 * accuracy (percent). Blocking: call it from a long-lived training thread. Between batches it checks
 * the {@link StopSignal}; every Model, Trainer and per-batch NDManager is closed on every path, so
 * no native memory outlives the trial. A NaN or exploding loss, a degenerate cell, native
 * out-of-memory and any other exception end the trial as failed, with the reason.
 */
public final class DjlCandidateTrainer {
    /** A loss above this (cross-entropy of 10 classes starts near 2.3) counts as exploded. */
    static final double EXPLODED_LOSS = 1e4;

    private final TrainingData data;
    private final Device device;

    public DjlCandidateTrainer(TrainingData data, Device device) {
        this.data = data;
        this.device = device;
    }

    public Evaluation train(EvaluationRequest request, ProgressSink progress, StopSignal stop) {
        long start = System.nanoTime();
        try {
            return run(request, progress, stop, start);
        } catch (EvaluationFailedException e) {
            throw e;
        } catch (EngineException e) {
            String message = String.valueOf(e.getMessage());
            String why = message.toLowerCase().contains("out of memory") ? "native out of memory: " : "engine error: ";
            throw new EvaluationFailedException(why + firstLine(message), seconds(start));
        } catch (IllegalStateException e) {
            // DJL refuses a step whose gradients are all zero: the cell's output ignores its input
            throw new EvaluationFailedException("training failed: " + firstLine(e.getMessage()), seconds(start));
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new EvaluationFailedException(e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()), seconds(start));
        }
    }

    private Evaluation run(EvaluationRequest request, ProgressSink progress, StopSignal stop, long start) {
        if (!(request.architecture() instanceof Nb201Cell cell)) {
            throw new EvaluationFailedException("the trainer builds nb201 cells only, got " + request.architecture().space(), 0);
        }
        TrainingRecipe r = request.fidelity().recipe();
        ImageData train = data.train(r.dataFraction(), r.resolution());
        ImageData validation = data.validation(r.resolution());
        int epochs = request.fidelity().epochs();
        int stepsPerEpoch = (train.size() + r.batchSize() - 1) / r.batchSize();
        Tracker lr = Tracker.cosine().setBaseValue((float) r.learningRate()).optFinalValue(0f)
                .setMaxUpdates(Math.max(1, epochs * stepsPerEpoch)).build();
        Optimizer sgd = Optimizer.sgd().setLearningRateTracker(lr).optMomentum((float) r.momentum())
                .optWeightDecays((float) r.weightDecay()).optClipGrad(5f).build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(sgd)
                .optDevices(new Device[] {device});
        SplittableRandom rng = new SplittableRandom(request.trialId() * 1_000_003L + request.attempt());
        BatchMaker batches = new BatchMaker(train, r.cutout(), rng);
        double lastLoss = Double.NaN;
        double accuracy = Double.NaN;
        try (Model model = Model.newInstance("trial-" + request.trialId(), device)) {
            model.setBlock(Nb201Blocks.network(cell, r.initialChannels(), r.cellsPerStage(), train.classes()));
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(r.batchSize(), train.channels(), train.height(), train.width()));
                for (int epoch = 0; epoch < epochs; epoch++) {
                    int[] order = DataSplit.permutation(train.size(), rng.nextLong());
                    for (int step = 0; step < stepsPerEpoch; step++) {
                        if (stop.isStopped()) {
                            throw new EvaluationFailedException("stopped: " + stop.reason(), seconds(start));
                        }
                        lastLoss = trainStep(trainer, batches, order, step * r.batchSize(), r.batchSize());
                        if (!Double.isFinite(lastLoss) || lastLoss > EXPLODED_LOSS) {
                            throw new EvaluationFailedException("loss is " + lastLoss + " at epoch " + (epoch + 1)
                                    + ", batch " + (step + 1), seconds(start));
                        }
                        if (r.validateEveryBatches() > 0 && (step + 1) % r.validateEveryBatches() == 0 && step + 1 < stepsPerEpoch) {
                            progress.report(epoch + (step + 1) / (double) stepsPerEpoch, validate(trainer, validation, r.batchSize()));
                        }
                    }
                    accuracy = validate(trainer, validation, r.batchSize());
                    progress.report(epoch + 1, accuracy);
                }
            }
        }
        double seconds = seconds(start);
        Nb201Network size = new Nb201Network(r.initialChannels(), r.cellsPerStage(), train.height(), train.channels(),
                train.classes());
        return new Evaluation(accuracy, seconds, Map.of("val_acc", accuracy, "train_loss", lastLoss,
                "params_mb", size.megaParams(cell), "images_per_second", (double) epochs * train.size() / seconds));
    }

    private double trainStep(Trainer trainer, BatchMaker batches, int[] order, int from, int batchSize) {
        try (NDManager batch = trainer.getManager().newSubManager()) {
            NDList[] xy = batches.make(batch, order, from, batchSize, true);
            double loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray prediction = trainer.forward(xy[0]).singletonOrThrow();
                NDArray value = trainer.getLoss().evaluate(xy[1], new NDList(prediction));
                collector.backward(value);
                loss = value.getFloat();
            }
            trainer.step();
            return loss;
        }
    }

    /** Top-1 accuracy in percent on the validation images, in inference mode. */
    private static double validate(Trainer trainer, ImageData validation, int batchSize) {
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

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
