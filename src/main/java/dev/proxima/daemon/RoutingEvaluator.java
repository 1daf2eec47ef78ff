package dev.proxima.daemon;

import dev.proxima.evaluation.Evaluation;
import dev.proxima.evaluation.EvaluationFailedException;
import dev.proxima.evaluation.EvaluationRequest;
import dev.proxima.evaluation.Evaluator;
import dev.proxima.evaluation.PerSearchEvaluator;
import dev.proxima.evaluation.ProgressSink;
import dev.proxima.evaluation.StopSignal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One worker's evaluator when a daemon lends it: each search it serves gets an evaluator built
 * from that search's configuration, and an attempt is evaluated by the one of the run it names.
 * An attempt of a run it was never told of (a {@code proxima supervisor} search) goes to the
 * worker's own evaluator, when it has one.
 */
public final class RoutingEvaluator implements PerSearchEvaluator {
    /** Builds a search's evaluator for this worker's device. */
    @FunctionalInterface
    public interface Factory {
        /** @throws RuntimeException with a line that says why (a configuration this node cannot serve) */
        Opened open(String run, String config);
    }

    /** A search's evaluator on this worker, and what lets go of it (shared data, a device's model copies). */
    public record Opened(Evaluator evaluator, Runnable close) {}

    private final Factory factory;
    private final Evaluator own;
    private final Map<String, Opened> byRun = new ConcurrentHashMap<>();
    /** Why a run's evaluator could not be built: its attempts fail with this line. */
    private final Map<String, String> refused = new ConcurrentHashMap<>();

    /** @param own the worker's evaluator for runs it was not told of; null: none */
    public RoutingEvaluator(Factory factory, Evaluator own) {
        this.factory = factory;
        this.own = own;
    }

    @Override
    public void serve(String run, String config) {
        if (byRun.containsKey(run)) {
            return;
        }
        try {
            byRun.put(run, factory.open(run, config));
            refused.remove(run);
        } catch (RuntimeException e) {
            refused.put(run, "this worker cannot evaluate search " + run + ": " + e.getMessage());
        }
    }

    @Override
    public void release(String run) {
        refused.remove(run);
        Optional.ofNullable(byRun.remove(run)).ifPresent(o -> o.close().run());
    }

    @Override
    public CompletionStage<Evaluation> evaluate(EvaluationRequest request, ProgressSink progress, StopSignal stop) {
        Opened o = byRun.get(request.run());
        if (o != null) {
            return o.evaluator().evaluate(request, progress, stop);
        }
        String why = refused.get(request.run());
        if (why == null && own != null) {
            return own.evaluate(request, progress, stop);
        }
        return CompletableFuture.failedFuture(new EvaluationFailedException(why != null ? why
                : "this worker serves no search '" + request.run() + "'", 0));
    }

    @Override
    public String describe() {
        return own != null ? own.describe() : "per search";
    }
}
