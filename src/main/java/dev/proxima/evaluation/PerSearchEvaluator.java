package dev.proxima.evaluation;

/**
 * The evaluator of a worker that a daemon lends from search to search: each search brings its
 * configuration, from which this builds what evaluates that search's attempts (its data or table,
 * its checkpoint folder), and lets it go when the search ends.
 */
public interface PerSearchEvaluator extends Evaluator {
    /** The worker serves run {@code run} from now on, configured by {@code config} (HOCON); before its first assignment. */
    void serve(String run, String config);

    /** The search of {@code run} ended: what was built for it is closed. */
    void release(String run);
}
