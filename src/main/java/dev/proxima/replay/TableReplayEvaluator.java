package dev.proxima.replay;

import dev.proxima.evaluation.Evaluation;
import dev.proxima.evaluation.EvaluationFailedException;
import dev.proxima.evaluation.EvaluationRequest;
import dev.proxima.evaluation.Evaluator;
import dev.proxima.evaluation.ProgressSink;
import dev.proxima.evaluation.StopSignal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Answers from a table after the recorded or modelled time divided by {@code speedup}, so a real
 * actor runtime can be exercised against a benchmark in compressed time. Curve-backed fidelities
 * report progress epoch by epoch and honour a stop request at the next epoch, as a real training
 * does at the next batch. A speed-up of {@code Double.POSITIVE_INFINITY} answers at once.
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
        TableReplay.Replayed replayed;
        try {
            replayed = replay.replay(request.architecture(), request.fidelity(), request.resume().startEpoch(),
                    request.zeroCostScores());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Evaluation> done = new CompletableFuture<>();
        step(replayed, 0, 0, progress, stop, done);
        return done;
    }

    /** Waits until report {@code index} (or the end), reports it, and goes on unless stopped. */
    private void step(TableReplay.Replayed replayed, int index, double elapsed, ProgressSink progress, StopSignal stop,
            CompletableFuture<Evaluation> done) {
        List<TableReplay.Report> reports = replayed.progress();
        double until = index < reports.size() ? reports.get(index).atSeconds() : replayed.result().costSeconds();
        Runnable next = () -> {
            if (stop.isStopped()) {
                done.completeExceptionally(EvaluationFailedException.stopped(stop.reason(), until));
            } else if (index < reports.size()) {
                progress.report(reports.get(index).epoch(), reports.get(index).score());
                step(replayed, index + 1, until, progress, stop, done);
            } else {
                done.complete(replayed.result());
            }
        };
        long delayMicros = (long) ((until - elapsed) / speedup * 1e6);
        if (delayMicros <= 0) {
            next.run();
        } else {
            Executor later = CompletableFuture.delayedExecutor(delayMicros, TimeUnit.MICROSECONDS);
            later.execute(next);
        }
    }

    @Override
    public String describe() {
        return "table-replay(" + replay.table().name() + ", x" + speedup + ")";
    }
}
