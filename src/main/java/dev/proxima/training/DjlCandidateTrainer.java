package dev.proxima.training;

import ai.djl.MalformedModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
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
 * in {@code checkpointDir} as {@code trial-<id>.params}, with the optimiser's momentum; a promoted
 * attempt that resumes loads both and trains only the epochs it adds. A missing checkpoint (another
 * machine trained the tier below) means training from scratch, reported as metric {@code resumed = 0}.
 *
 * <p>In-flight checkpoints ({@code checkpointEvery} epochs, 0 = none): while it trains, an attempt
 * keeps its latest epoch as {@code trial-<id>-epoch-<k>.params}; a later attempt of the same trial
 * (the search was killed and resumed, or the worker was lost) continues from epoch k instead of
 * starting again, reported as metric {@code continued_from_epoch = k}. Its data order from there
 * on is the new attempt's, so it is not the same run to the bit. The files go once the trial ends
 * (scored, rejected, failed); only an attempt cut short by a kill or a shutdown leaves its latest.
 */
public final class DjlCandidateTrainer {
    /** A loss above this (cross-entropy of 10 classes starts near 2.3) counts as exploded. */
    static final double EXPLODED_LOSS = 1e4;

    private final TrainingData data;
    private final Device device;
    private final Path checkpointDir;
    private final int checkpointEvery;

    /** A trainer that keeps no checkpoints (every attempt trains from scratch). */
    public DjlCandidateTrainer(TrainingData data, Device device) {
        this(data, device, null, 0);
    }

    /**
     * @param checkpointDir where tier and in-flight checkpoints are written and read; null = none
     * @param checkpointEvery epochs between in-flight checkpoints; 0 = none
     */
    public DjlCandidateTrainer(TrainingData data, Device device, Path checkpointDir, int checkpointEvery) {
        this.data = data;
        this.device = device;
        this.checkpointDir = checkpointDir;
        this.checkpointEvery = checkpointDir == null ? 0 : checkpointEvery;
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
        String stem = stem(request.run(), request.trialId());
        Path resumeFrom = request.resume().isResuming() && checkpointDir != null
                ? checkpoint(stem(request.run(), request.resume().fromTrial())) : null;
        boolean resumed = resumeFrom != null && Files.isRegularFile(resumeFrom);
        int firstEpoch = resumed ? request.resume().startEpoch() : 0;
        Optional<Inflight> inflight = latestInflight(stem).filter(i -> i.epoch() < epochs);
        int continuedFrom = 0;
        if (inflight.isPresent() && inflight.get().epoch() > firstEpoch) { // an earlier attempt got further
            resumeFrom = inflight.get().file();
            firstEpoch = continuedFrom = inflight.get().epoch();
            resumed = true;
        }
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
                if (checkpointEvery > 0 && (epoch + 1) % checkpointEvery == 0 && epoch + 1 < epochs) {
                    keepInflight(session, stem, epoch + 1);
                }
                progress.report(epoch + 1, accuracy);
            }
            if (checkpointDir != null && request.fidelity().scheduleEpochs() > epochs) {
                Files.createDirectories(checkpointDir);
                session.save(checkpoint(stem));
            }
        } catch (IOException | MalformedModelException e) {
            throw new EvaluationFailedException("checkpoint: " + firstLine(e.getMessage()), seconds(start));
        } catch (EvaluationFailedException e) {
            if (!Thread.currentThread().isInterrupted()) {
                dropInflight(stem); // the trial ends here; only a shutdown keeps its latest epoch
            }
            throw e;
        }
        dropInflight(stem);
        double seconds = seconds(start);
        Nb201Network size = new Nb201Network(r.initialChannels(), r.cellsPerStage(), train.height(), train.channels(),
                train.classes());
        return new Evaluation(accuracy, seconds, Map.of(TrainingMetrics.VAL_ACC, accuracy,
                TrainingMetrics.TRAIN_LOSS, lastLoss, TrainingMetrics.PARAMS_MB, size.megaParams(cell),
                TrainingMetrics.IMAGES_PER_SECOND, (double) (epochs - firstEpoch) * train.size() / seconds,
                TrainingMetrics.RESUMED, resumed ? 1.0 : 0.0, TrainingMetrics.CONTINUED_FROM_EPOCH, (double) continuedFrom));
    }

    /** An earlier attempt's latest in-flight checkpoint of a trial. */
    private record Inflight(Path file, int epoch) {}

    /**
     * The start of a trial's checkpoint file names: {@code trial-<id>}, after the run's name when the
     * assignment names one, so runs that share a checkpoint folder (several nodes' shared
     * directory) never read each other's weights.
     */
    private static String stem(String run, long trialId) {
        return (run.isEmpty() ? "" : run + "-") + "trial-" + trialId;
    }

    private Optional<Inflight> latestInflight(String stem) {
        if (checkpointEvery == 0 || !Files.isDirectory(checkpointDir)) {
            return Optional.empty();
        }
        String prefix = stem + "-epoch-";
        try (Stream<Path> files = Files.list(checkpointDir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".params"))
                    .map(n -> new Inflight(checkpointDir.resolve(n),
                            Integer.parseInt(n.substring(prefix.length(), n.length() - ".params".length()))))
                    .max(java.util.Comparator.comparingInt(Inflight::epoch));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // no usable checkpoint: train from the start
        }
    }

    /** Writes epoch {@code epoch}'s checkpoint, then removes the older ones of the trial. */
    private void keepInflight(TrainingSession session, String stem, int epoch) throws IOException {
        Files.createDirectories(checkpointDir);
        session.save(checkpointDir.resolve(stem + "-epoch-" + epoch + ".params"));
        removeInflight(stem, epoch);
    }

    /** Removes the trial's in-flight checkpoints but the one of {@code keepEpoch} (-1: all). */
    private void removeInflight(String stem, int keepEpoch) throws IOException {
        String prefix = stem + "-epoch-";
        try (Stream<Path> files = Files.list(checkpointDir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".params") && !n.equals(prefix + keepEpoch + ".params")) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private void dropInflight(String stem) {
        if (checkpointEvery > 0 && Files.isDirectory(checkpointDir)) {
            try {
                removeInflight(stem, -1);
            } catch (IOException ignored) {
                // a leftover file costs disk, not correctness
            }
        }
    }

    private Path checkpoint(String stem) {
        return checkpointDir.resolve(stem + ".params");
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
