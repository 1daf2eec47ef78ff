package dev.proxima.evaluation;

import java.util.concurrent.CompletionStage;

/**
 * Scores candidates: trains them, looks them up in a table, or computes a training-free proxy.
 * The returned stage completes with the {@link Evaluation}, or exceptionally with an
 * {@link EvaluationFailedException} (any other exception also fails the trial, with its message).
 * Implementations must not block the calling thread: blocking work belongs on their own threads.
 */
public interface Evaluator {

    /**
     * @param progress receives intermediate validation scores, if the evaluator has any
     * @param stop checked between units of work (batches); once set, the evaluation ends soon and
     *     fails with {@link EvaluationFailedException#stopped}
     */
    CompletionStage<Evaluation> evaluate(EvaluationRequest request, ProgressSink progress, StopSignal stop);

    /** Short description for logs and reports, e.g. {@code table-replay(nb201-cifar10, x1000)}. */
    String describe();
}
