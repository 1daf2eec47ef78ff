package dev.proxima.training;

import ai.djl.MalformedModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ai.djl.Device;
import ai.djl.engine.EngineException;
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
 *
 * <p>Tiers of one schedule (a fidelity's {@code scheduleEpochs} beyond its {@code epochs}): the
 * learning rate follows the whole schedule; when more of it remains, the final parameters are kept
 * in {@code checkpointDir} as {@code trial-<id>.params}; a promoted attempt that resumes loads
 * them and trains only the epochs it adds. The optimiser's momentum is not kept (DJL's SGD does not
 * expose it); it rebuilds within a few dozen steps. A missing checkpoint (another machine trained
 * the tier below) means training from scratch, reported as metric {@code resumed = 0}.
 */
public final class DjlCandidateTrainer {
    /** A loss above this (cross-entropy of 10 classes starts near 2.3) counts as exploded. */
    static final double EXPLODED_LOSS = 1e4;

    private final TrainingData data;
    private final Device device;
    private final Path checkpointDir;

    /** A trainer that keeps no checkpoints (every attempt trains from scratch). */
    public DjlCandidateTrainer(TrainingData data, Device device) {
        this(data, device, null);
    }

    /** @param checkpointDir where tier checkpoints are written and read; null = none */
    public DjlCandidateTrainer(TrainingData data, Device device, Path checkpointDir) {
        this.data = data;
        this.device = device;
        this.checkpointDir = checkpointDir;
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
        if (request.fidelity().isTrainingFree()) {
            throw new EvaluationFailedException("fidelity '" + request.fidelity().name() + "' is training-free (0 epochs); "
                    + "a training worker cannot score it", 0);
        }
        int epochs = request.fidelity().epochs();
        int stepsPerEpoch = (train.size() + r.batchSize() - 1) / r.batchSize();
        Path resumeFrom = request.resume().isResuming() && checkpointDir != null ? checkpoint(request.resume().fromTrial()) : null;
        boolean resumed = resumeFrom != null && Files.isRegularFile(resumeFrom);
        int firstEpoch = resumed ? request.resume().startEpoch() : 0;
        SplittableRandom rng = new SplittableRandom(request.trialId() * 1_000_003L + request.attempt());
        double lastLoss = Double.NaN;
        double accuracy = Double.NaN;
        try (TrainingSession session = new TrainingSession(cell, r, train, validation,
                request.fidelity().scheduleEpochs() * stepsPerEpoch, firstEpoch * stepsPerEpoch, device, rng,
                resumed ? resumeFrom : null)) {
            for (int epoch = firstEpoch; epoch < epochs; epoch++) {
                int[] order = DataSplit.permutation(train.size(), rng.nextLong());
                for (int step = 0; step < stepsPerEpoch; step++) {
                    if (stop.isStopped()) {
                        throw EvaluationFailedException.stopped(stop.reason(), seconds(start));
                    }
                    if (Thread.currentThread().isInterrupted()) { // the device's evaluator is shutting down
                        throw EvaluationFailedException.stopped("the worker is shutting down", seconds(start));
                    }
                    lastLoss = session.step(order, step * r.batchSize());
                    if (!Double.isFinite(lastLoss) || lastLoss > EXPLODED_LOSS) {
                        throw new EvaluationFailedException("loss is " + lastLoss + " at epoch " + (epoch + 1) + ", batch "
                                + (step + 1), seconds(start));
                    }
                    if (r.validateEveryBatches() > 0 && (step + 1) % r.validateEveryBatches() == 0 && step + 1 < stepsPerEpoch) {
                        progress.report(epoch + (step + 1) / (double) stepsPerEpoch, session.validate());
                    }
                }
                accuracy = session.validate();
                progress.report(epoch + 1, accuracy);
            }
            if (checkpointDir != null && request.fidelity().scheduleEpochs() > epochs) {
                Files.createDirectories(checkpointDir);
                session.save(checkpoint(request.trialId()));
            }
        } catch (IOException | MalformedModelException e) {
            throw new EvaluationFailedException("checkpoint: " + firstLine(e.getMessage()), seconds(start));
        }
        double seconds = seconds(start);
        Nb201Network size = new Nb201Network(r.initialChannels(), r.cellsPerStage(), train.height(), train.channels(),
                train.classes());
        return new Evaluation(accuracy, seconds, Map.of(TrainingMetrics.VAL_ACC, accuracy,
                TrainingMetrics.TRAIN_LOSS, lastLoss, TrainingMetrics.PARAMS_MB, size.megaParams(cell),
                TrainingMetrics.IMAGES_PER_SECOND, (double) (epochs - firstEpoch) * train.size() / seconds,
                TrainingMetrics.RESUMED, resumed ? 1.0 : 0.0));
    }

    private Path checkpoint(long trialId) {
        return checkpointDir.resolve("trial-" + trialId + ".params");
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
