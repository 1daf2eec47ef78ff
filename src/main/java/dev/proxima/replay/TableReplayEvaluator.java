package dev.proxima.replay;

import dev.proxima.evaluation.Evaluation;
import dev.proxima.evaluation.EvaluationFailedException;
import dev.proxima.evaluation.EvaluationRequest;
import dev.proxima.evaluation.Evaluator;
import dev.proxima.evaluation.ProgressSink;
import dev.proxima.evaluation.StopSignal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Answers from a table after the recorded or modelled time divided by {@code speedup}, so a real
 * actor runtime can be exercised against a benchmark in compressed time. A speed-up of
 * {@code Double.POSITIVE_INFINITY} answers at once (the instant evaluator of the benchmarks).
 */
public final class TableReplayEvaluator implements Evaluator {
    private final TableReplay replay;
    private final double speedup;

    public TableReplayEvaluator(TableReplay replay, double speedup) {
        if (!(speedup > 0)) {
            throw new IllegalArgumentException("replay speed-up must be > 0, got " + speedup);
        }
        this.replay = replay;
        this.speedup = speedup;
    }

    @Override
    public CompletionStage<Evaluation> evaluate(EvaluationRequest request, ProgressSink progress, StopSignal stop) {
        Evaluation result;
        try {
            result = replay.evaluate(request.architecture(), request.fidelity());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        long delayMicros = (long) (result.costSeconds() / speedup * 1e6);
        if (delayMicros <= 0) {
            return CompletableFuture.completedFuture(result);
        }
        Executor later = CompletableFuture.delayedExecutor(delayMicros, TimeUnit.MICROSECONDS);
        return CompletableFuture.supplyAsync(() -> {
            if (stop.isStopped()) {
                throw EvaluationFailedException.stopped(stop.reason(), 0);
            }
            return result;
        }, later);
    }

    @Override
    public String describe() {
        return "table-replay(" + replay.table().name() + ", x" + speedup + ")";
    }
}
