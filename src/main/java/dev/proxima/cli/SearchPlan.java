package dev.proxima.cli;

import dev.proxima.config.ConfigKeys;
import dev.proxima.config.ProximaSettings;
import dev.proxima.proxy.Fidelity;
import dev.proxima.search.SearchSettings;
import dev.proxima.search.Strategy;
import dev.proxima.space.SearchSpace;
import dev.proxima.space.nb201.Nb201Space;
import dev.proxima.training.TrainingMetrics;
import dev.proxima.zerocost.ZeroCostScorers;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a search is, apart from who evaluates it: its space, settings and strategy, and the
 * columns its reports show. A replayed search also carries its table.
 *
 * @param setup the replayed table; null for a trained search
 */
record SearchPlan(String evaluator, SearchSpace space, SearchSettings settings, Supplier<Strategy> strategies,
        String resultColumn, List<String> metricColumns, ReplaySetup setup) {

    /** The plan {@code config} describes; a bad ladder or table is refused here, before any work. */
    static SearchPlan of(ProximaSettings config) {
        SearchSettings settings = config.searchSettings();
        if (config.replayed()) {
            ReplaySetup setup = ReplaySetup.load(config);
            return new SearchPlan("replay", setup.space(), settings, config.strategies(setup.space(), settings.ladder()),
                    config.replay().resultColumn(), setup.replay().table().schema().metricColumns(), setup);
        }
        checkTrainingLadder(config, settings);
        Nb201Space space = new Nb201Space();
        return new SearchPlan("training", space, settings, config.strategies(space, settings.ladder()),
                TrainingMetrics.VAL_ACC, TrainingMetrics.ALL, null);
    }

    /** A training ladder's 0-epoch tier must be a zero-cost scorer the workers can compute. */
    private static void checkTrainingLadder(ProximaSettings config, SearchSettings settings) {
        settings.ladder().tiers().stream().filter(Fidelity::isTrainingFree)
                .filter(f -> !ZeroCostScorers.NAMES.contains(f.name())).findFirst().ifPresent(f -> {
                    throw config.origins().problem(ConfigKeys.TRAINING_LADDER, "tier '" + f.name() + "' has 0 epochs, so "
                            + "it must be named after a zero-cost scorer: " + String.join(", ", ZeroCostScorers.NAMES));
                });
    }
}
