package dev.proxima.daemon;

import dev.proxima.evaluation.Evaluation;
import dev.proxima.evaluation.EvaluationFailedException;
import dev.proxima.evaluation.EvaluationRequest;
import dev.proxima.evaluation.Evaluator;
import dev.proxima.evaluation.ProgressSink;
import dev.proxima.evaluation.StopSignal;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One worker's evaluator in a daemon: each search brings its own (its table, its speed-up), and
 * an attempt is evaluated by the evaluator of the run it names.
 */
public final class RoutingEvaluator implements Evaluator {
    private final Map<String, Evaluator> byRun = new ConcurrentHashMap<>();

    public void add(String run, Evaluator evaluator) {
        byRun.put(run, evaluator);
    }

    /** The run's evaluator, no longer used here (the caller closes it if it holds resources). */
    public java.util.Optional<Evaluator> remove(String run) {
        return java.util.Optional.ofNullable(byRun.remove(run));
    }

    @Override
    public CompletionStage<Evaluation> evaluate(EvaluationRequest request, ProgressSink progress, StopSignal stop) {
        Evaluator e = byRun.get(request.run());
        if (e == null) {
            return CompletableFuture.failedFuture(new EvaluationFailedException("no search of this daemon runs as '"
                    + request.run() + "'", 0));
        }
        return e.evaluate(request, progress, stop);
    }

    @Override
    public String describe() {
        return "per search: " + byRun.keySet();
    }
}
