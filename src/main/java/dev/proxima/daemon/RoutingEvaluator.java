package dev.proxima.daemon;

import dev.proxima.evaluation.Evaluation;
import dev.proxima.evaluation.EvaluationFailedException;
import dev.proxima.evaluation.EvaluationRequest;
import dev.proxima.evaluation.Evaluator;
import dev.proxima.evaluation.PerSearchEvaluator;
import dev.proxima.evaluation.ProgressSink;
import dev.proxima.evaluation.StopSignal;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One worker's evaluator when a daemon lends it: each search it serves gets an evaluator built
 * from that search's configuration, and an attempt is evaluated by the one of the run it names.
 * An attempt of a run it was never told of (a {@code proxima supervisor} search) goes to the
 * worker's own evaluator, when it has one. Building (loading a search's data can take seconds)
 * happens off the worker's thread; an attempt that arrives meanwhile waits for it.
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

    private static final ExecutorService BUILDERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "proxima-search-setup");
        t.setDaemon(true);
        return t;
    });

    private final Factory factory;
    private final Evaluator own;
    /** Each served run's evaluator, once built; failed with the line that says why it cannot be. */
    private final Map<String, CompletableFuture<Opened>> byRun = new ConcurrentHashMap<>();

    /** @param own the worker's evaluator for runs it was not told of; null: none */
    public RoutingEvaluator(Factory factory, Evaluator own) {
        this.factory = factory;
        this.own = own;
    }

    @Override
    public void serve(String run, String config) {
        byRun.computeIfAbsent(run, r -> CompletableFuture.supplyAsync(() -> {
            try {
                return factory.open(r, config);
            } catch (RuntimeException e) {
                throw new EvaluationFailedException("this worker cannot evaluate search " + r + ": " + e.getMessage(), 0);
            }
        }, BUILDERS));
    }

    @Override
    public void release(String run) {
        CompletableFuture<Opened> built = byRun.remove(run);
        if (built != null) {
            built.thenAccept(o -> o.close().run()); // once built, if it still builds
        }
    }

    @Override
    public CompletionStage<Evaluation> evaluate(EvaluationRequest request, ProgressSink progress, StopSignal stop) {
        CompletableFuture<Opened> built = byRun.get(request.run());
        if (built != null) {
            return built.thenCompose(o -> o.evaluator().evaluate(request, progress, stop));
        }
        if (own != null) {
            return own.evaluate(request, progress, stop);
        }
        return CompletableFuture.failedFuture(new EvaluationFailedException("this worker serves no search '"
                + request.run() + "'", 0));
    }

    @Override
    public String describe() {
        return own != null ? own.describe() : "per search";
    }
}
