package dev.proxima.cli;

import dev.proxima.config.ConfigKeys;
import dev.proxima.config.ProximaConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.replay.TableReplayEvaluator;
import dev.proxima.search.Budget;
import dev.proxima.search.DedupPolicy;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchSettings;
import java.time.Duration;

/**
 * The search the actor benchmarks run: the embedded table replayed without waiting (every answer
 * at once), a random controller, {@code trials} evaluations, no dedup, so only the runtime is timed.
 */
record InstantSearch(ProximaSettings config, ReplaySetup setup, TableReplayEvaluator evaluator, SearchSettings settings) {

    static InstantSearch of(ConfigOptions options, long trials) {
        return of(options.load().with(ConfigKeys.CONTROLLER, "random"), trials);
    }

    /** @param layered the configuration, the controller already chosen */
    static InstantSearch of(ProximaConfig layered, long trials) {
        ProximaSettings config = layered.settings();
        ReplaySetup setup = ReplaySetup.load(config);
        SearchSettings settings = new SearchSettings(1, config.replaySearch(DedupPolicy.OFF).ladder(),
                new Budget(trials, 0, 0), Duration.ofHours(1).toMillis(), 3, DedupPolicy.OFF);
        return new InstantSearch(config, setup, new TableReplayEvaluator(setup.replay(), Double.POSITIVE_INFINITY), settings);
    }

    /** A fresh core for one measurement. */
    SearchCore core() {
        return SearchCore.start(settings, setup.space(), config.strategies(setup.space(), settings.ladder()).get(),
                System.currentTimeMillis());
    }
}
