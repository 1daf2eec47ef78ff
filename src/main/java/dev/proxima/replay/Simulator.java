package dev.proxima.replay;

import dev.proxima.controller.Controller;
import dev.proxima.evaluation.Evaluation;
import dev.proxima.evaluation.EvaluationFailedException;
import dev.proxima.search.Assignment;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchSettings;
import dev.proxima.search.TrialRecord;
import dev.proxima.space.SearchSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * Discrete-event replay: {@code workers} virtual workers pull trials from a {@link SearchCore} on a
 * virtual clock, and each trial finishes after its (modelled) cost. The core and controller are the
 * ones real runs use, so a replay exercises the exact decision code.
 */
public final class Simulator {
    private final SearchSpace space;
    private final TableReplay replay;
    private final Supplier<Controller> controllers;
    private final SearchSettings settings;
    private final int workers;
    private final String resultMetric;

    /**
     * @param controllers makes a fresh controller for every run
     * @param settings the search settings; {@link #run} replaces the seed
     * @param resultMetric the table column reported as the result of the best-scored trial
     */
    public Simulator(SearchSpace space, TableReplay replay, Supplier<Controller> controllers, SearchSettings settings,
            int workers, String resultMetric) {
        if (workers < 1) {
            throw new IllegalArgumentException("a replay needs at least 1 worker, got " + workers);
        }
        this.space = space;
        this.replay = replay;
        this.controllers = controllers;
        this.settings = settings;
        this.workers = workers;
        this.resultMetric = resultMetric;
    }

    /** The best-so-far, and the trials scored so far, after a trial finished at {@code seconds} of virtual time. */
    public record Point(double seconds, double bestScore, double result, int completed) {}

    /** One replayed search. */
    public record Run(long seed, SearchCore core, List<Point> trajectory) {
        /** The best-so-far at virtual time {@code seconds}, if any trial had finished by then. */
        public Optional<Point> at(double seconds) {
            Point last = null;
            for (Point p : trajectory) {
                if (p.seconds() > seconds) {
                    break;
                }
                last = p;
            }
            return Optional.ofNullable(last);
        }
    }

    private record Finish(long atMillis, long order, Assignment assignment, Evaluation result, EvaluationFailedException failure) {}

    public Run run(long seed) {
        SearchSettings seeded = new SearchSettings(seed, settings.fidelity(), settings.budget(),
                settings.trialTimeoutMillis(), settings.maxAttempts(), settings.dedup());
        SearchCore core = SearchCore.start(seeded, space, controllers.get(), 0);
        PriorityQueue<Finish> queue = new PriorityQueue<>(
                Comparator.comparingLong(Finish::atMillis).thenComparingLong(Finish::order));
        long[] order = {0};
        for (int w = 0; w < workers; w++) {
            request(core, "sim-" + w, 0, queue, order);
        }
        List<Point> trajectory = new ArrayList<>();
        while (!queue.isEmpty() && !core.isFinished()) {
            Finish f = queue.poll();
            Assignment a = f.assignment();
            if (f.failure() != null) {
                core.fail(a.trialId(), a.attempt(), a.workerId(), f.failure().getMessage(), f.failure().costSeconds(), f.atMillis());
            } else {
                core.complete(a.trialId(), a.attempt(), a.workerId(), f.result().score(), f.result().costSeconds(),
                        f.result().metrics(), f.atMillis());
            }
            Optional<TrialRecord> best = core.best();
            if (best.isPresent()) {
                trajectory.add(new Point(f.atMillis() / 1000.0, best.get().score(),
                        best.get().metrics().getOrDefault(resultMetric, Double.NaN), core.summary(f.atMillis()).completed()));
            }
            request(core, a.workerId(), f.atMillis(), queue, order);
        }
        return new Run(seed, core, trajectory);
    }

    private void request(SearchCore core, String worker, long now, PriorityQueue<Finish> queue, long[] order) {
        core.assign(worker, now);
        Optional<Assignment> next = core.assignmentFor(worker);
        if (next.isEmpty()) {
            return;
        }
        Assignment a = next.get();
        try {
            Evaluation result = replay.evaluate(a.architecture(), a.fidelity());
            queue.add(new Finish(now + Math.round(result.costSeconds() * 1000), order[0]++, a, result, null));
        } catch (EvaluationFailedException e) {
            queue.add(new Finish(now + Math.round(e.costSeconds() * 1000), order[0]++, a, null, e));
        }
    }
}
