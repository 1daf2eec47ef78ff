package dev.proxima.training;

import ai.djl.Device;
import dev.proxima.evaluation.Evaluation;
import dev.proxima.evaluation.EvaluationFailedException;
import dev.proxima.evaluation.EvaluationRequest;
import dev.proxima.evaluation.Evaluator;
import dev.proxima.evaluation.ProgressSink;
import dev.proxima.evaluation.StopSignal;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Real training on one device: each evaluation runs {@link DjlCandidateTrainer} on this device's own
 * long-lived thread (one trial at a time), never on an actor's thread. Reusing one thread keeps
 * native memory flat: glibc gives every new thread its own malloc arena, and a thread per trial would grow native memory with every trial.
 */
public final class DjlTrainingEvaluator implements Evaluator, AutoCloseable {
    private final DjlCandidateTrainer trainer;
    private final TrainingFreeScorer trainingFree;
    private final ExecutorService thread;
    private final Device device;

    public DjlTrainingEvaluator(TrainingData data, Device device) {
        this(data, device, null, 0, null);
    }

    /**
     * @param checkpointDir where tiers of one schedule keep their weights for the tier above, and
     *     attempts their in-flight epochs; null = none
     * @param checkpointEvery epochs between in-flight checkpoints; 0 = none
     * @param trainingFree scores 0-epoch tiers (zero-cost proxies); null = such tiers fail
     */
    public DjlTrainingEvaluator(TrainingData data, Device device, java.nio.file.Path checkpointDir, int checkpointEvery,
            TrainingFreeScorer trainingFree) {
        this.trainer = new DjlCandidateTrainer(data, device, checkpointDir, checkpointEvery);
        this.trainingFree = trainingFree;
        this.device = device;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "train-" + device);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public CompletionStage<Evaluation> evaluate(EvaluationRequest request, ProgressSink progress, StopSignal stop) {
        return CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            Map<String, Double> evidence = request.zeroCostScores().isEmpty() ? Map.of() : zeroCost().scores(request,
                    request.zeroCostScores(), device);
            double evidenceSeconds = (System.nanoTime() - start) / 1e9;
            Evaluation own = request.fidelity().isTrainingFree() && trainingFree != null ? trainingFree.score(request, device)
                    : trainer.train(request, progress, stop);
            if (evidence.isEmpty()) {
                return own;
            }
            Map<String, Double> metrics = new HashMap<>(evidence);
            metrics.putAll(own.metrics());
            metrics.put(TrainingMetrics.EVIDENCE_SECONDS, evidenceSeconds);
            return new Evaluation(own.score(), own.costSeconds() + evidenceSeconds, metrics);
        }, thread);
    }

    private TrainingFreeScorer zeroCost() {
        if (trainingFree == null) {
            throw new EvaluationFailedException("this worker computes no zero-cost scores", 0);
        }
        return trainingFree;
    }

    @Override
    public String describe() {
        return "djl-training(" + device + ")";
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
