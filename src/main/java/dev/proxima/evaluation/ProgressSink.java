package dev.proxima.evaluation;

/** Receives an evaluation's intermediate validation scores. Called from the evaluator's thread. */
@FunctionalInterface
public interface ProgressSink {
    /** @param epoch epochs completed (fractional between epochs) @param score validation score so far */
    void report(double epoch, double score);

    /** A sink that drops everything. */
    ProgressSink NONE = (epoch, score) -> { };
}
