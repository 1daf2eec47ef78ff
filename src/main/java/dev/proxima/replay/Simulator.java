package dev.proxima.replay;

import dev.proxima.evaluation.EvaluationFailedException;
import dev.proxima.search.Assignment;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchSettings;
import dev.proxima.search.Strategy;
import dev.proxima.search.TrialRecord;
import dev.proxima.search.TrialStatus;
import dev.proxima.space.SearchSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * Discrete-event replay: {@code workers} virtual workers pull trials from a {@link SearchCore} on a
 * virtual clock; each trial reports its curve epoch by epoch (where the table has one) and finishes
 * after its (modelled) cost. A stop decided on a report ends the trial at that instant, charged for
 * the epochs it ran, and frees the worker. The core and strategy are the ones real runs use, so a
 * replay exercises the exact decision code. The core abandons attempts ({@code AttemptAbandoned})
 * only when a deadline passes, a worker is lost or the budget ends the search; the first two cannot
 * happen on the virtual clock, and the third ends this loop.
 */
public final class Simulator {
    private final SearchSpace space;
    private final TableReplay replay;
    private final Supplier<Strategy> strategies;
    private final SearchSettings settings;
    private final int workers;
    private final String resultMetric;
    /**
     * Failed evaluations in a row that cost no time after which a replay gives up: the virtual clock
     * would never reach a device-second budget (e.g. a table without most of its space's candidates).
     */
    static final int MAX_FREE_FAILURES_IN_A_ROW = 1_000;

    /**
     * @param strategies makes a fresh strategy (controller and rules) for every run
     * @param settings the search settings; {@link #run} replaces the seed
     * @param resultMetric the table column reported as the result of the search's answer
     */
    public Simulator(SearchSpace space, TableReplay replay, Supplier<Strategy> strategies, SearchSettings settings,
            int workers, String resultMetric) {
        if (workers < 1) {
            throw new IllegalArgumentException("a replay needs at least 1 worker, got " + workers);
        }
        this.space = space;
        this.replay = replay;
        this.strategies = strategies;
        this.settings = settings;
        this.workers = workers;
        this.resultMetric = resultMetric;
    }

    /**
     * The search's answer, and the trials scored so far, after a trial ended at {@code seconds} of
     * virtual time. {@code bestTier} is the ladder tier the answer's score belongs to.
     */
    public record Point(double seconds, double bestScore, int bestTier, double result, int completed) {}

    /** One replayed search. */
    /** @param endSeconds virtual time at which the search ended (its budget ran out or nothing was left to do) */
    public record Run(long seed, SearchCore core, List<Point> trajectory, double endSeconds) {
        /** The answer at virtual time {@code seconds}, if any trial had finished by then. */
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

    /** A progress report ({@code report} >= 0) or the end ({@code report} = -1) of one job, due at {@code atMillis}. */
    private record Due(long atMillis, long order, long job, Assignment assignment, TableReplay.Replayed replayed,
            int report, EvaluationFailedException failure) {}

    public Run run(long seed) {
        return run(seed, Double.POSITIVE_INFINITY, (seconds, core) -> core);
    }

    /**
     * Sees a running replay every so often: called with the virtual time and the core, it returns the
     * core to go on with (the same one to watch, as benchmarks do; a rebuilt one to test recovery).
     */
    @FunctionalInterface
    public interface Sampler {
        SearchCore sample(double seconds, SearchCore core);
    }

    /**
     * A replay whose core is rebuilt from its own events every {@code everySeconds} of virtual time,
     * with a fresh strategy, while the virtual workers go on: what a supervisor that restarts and
     * recovers from its journal does. With one worker it must make the same decisions as {@link #run}.
     */
    public Run runRecovering(long seed, double everySeconds) {
        return run(seed, everySeconds, (seconds, core) -> SearchCore.recover(settings.withSeed(seed), space,
                strategies.get(), core.history()));
    }

    /** A replay whose state {@code sampler} sees (and may replace) every {@code everySeconds} of virtual time. */
    public Run run(long seed, double everySeconds, Sampler sampler) {
        SearchCore core = SearchCore.start(settings.withSeed(seed), space, strategies.get(), 0);
        double nextSample = everySeconds;
        PriorityQueue<Due> queue = new PriorityQueue<>(Comparator.comparingLong(Due::atMillis).thenComparingLong(Due::order));
        Map<String, Long> currentJob = new HashMap<>();
        long[] counter = {0};
        for (int w = 0; w < workers; w++) {
            request(core, "sim-" + w, 0, queue, counter, currentJob);
        }
        List<Point> trajectory = new ArrayList<>();
        long now = 0;
        int freeFailures = 0;
        while (!queue.isEmpty() && !core.isFinished()) {
            Due d = queue.poll();
            now = d.atMillis();
            for (; now / 1000.0 >= nextSample; nextSample += everySeconds) {
                core = sampler.sample(nextSample, core);
            }
            Assignment a = d.assignment();
            if (currentJob.getOrDefault(a.workerId(), -1L) != d.job()) {
                continue; // the job was stopped; its later reports never happen
            }
            if (d.report() >= 0) {
                TableReplay.Report r = d.replayed().progress().get(d.report());
                List<SearchEvent> events = core.progress(a.trialId(), a.attempt(), a.workerId(), r.epoch(), r.score(),
                        d.atMillis());
                if (events.stream().noneMatch(e -> e instanceof SearchEvent.TrialStopRequested)) {
                    continue;
                }
                core.fail(a.trialId(), a.attempt(), a.workerId(), "stopped", r.atSeconds(), d.atMillis());
            } else if (d.failure() != null) {
                freeFailures = d.failure().costSeconds() > 0 ? 0 : freeFailures + 1;
                if (freeFailures >= MAX_FREE_FAILURES_IN_A_ROW) {
                    throw new IllegalArgumentException("the replay makes no progress: " + freeFailures + " evaluations in "
                            + "a row failed at no cost; the last: " + d.failure().getMessage());
                }
                core.fail(a.trialId(), a.attempt(), a.workerId(), d.failure().getMessage(), d.failure().costSeconds(),
                        d.atMillis());
            } else {
                freeFailures = 0;
                core.complete(a.trialId(), a.attempt(), a.workerId(), d.replayed().result().score(),
                        d.replayed().result().costSeconds(), d.replayed().result().metrics(), d.atMillis());
            }
            Optional<TrialRecord> best = core.best();
            if (best.isPresent()) {
                trajectory.add(new Point(d.atMillis() / 1000.0, best.get().score(), best.get().tier(),
                        best.get().metrics().getOrDefault(resultMetric, Double.NaN), core.book().countByStatus().get(TrialStatus.COMPLETED)));
            }
            request(core, a.workerId(), d.atMillis(), queue, counter, currentJob);
        }
        return new Run(seed, core, trajectory, now / 1000.0);
    }

    private void request(SearchCore core, String worker, long now, PriorityQueue<Due> queue, long[] counter,
            Map<String, Long> currentJob) {
        core.assign(worker, now);
        Optional<Assignment> next = core.assignmentFor(worker);
        if (next.isEmpty()) {
            currentJob.remove(worker);
            return;
        }
        Assignment a = next.get();
        long job = counter[0]++;
        currentJob.put(worker, job);
        try {
            TableReplay.Replayed r = replay.replay(a.architecture(), a.fidelity(), a.resume().startEpoch(),
                    a.request().zeroCostScores());
            for (int i = 0; i < r.progress().size(); i++) {
                queue.add(new Due(now + millis(r.progress().get(i).atSeconds()), counter[0]++, job, a, r, i, null));
            }
            queue.add(new Due(now + millis(r.result().costSeconds()), counter[0]++, job, a, r, -1, null));
        } catch (EvaluationFailedException e) {
            queue.add(new Due(now + millis(e.costSeconds()), counter[0]++, job, a, null, -1, e));
        }
    }

    private static long millis(double seconds) {
        return Math.round(seconds * 1000);
    }
}
