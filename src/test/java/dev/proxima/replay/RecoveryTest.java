package dev.proxima.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.config.ConfigKeys;
import dev.proxima.config.ProximaConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchSettings;
import dev.proxima.space.SearchSpace;
import dev.proxima.space.SearchSpaces;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every real controller, promotion and stopping rule rebuilds its state from the events alone: a
 * replay whose core is recovered from its own history every 700 simulated seconds (fresh strategy,
 * workers going on) makes exactly the decisions of an uninterrupted one.
 */
class RecoveryTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "random, ''",
        "regularized-evolution, ''",
        "reinforce, ''",
        "regularized-evolution, conf/nb201-synflow-rea.conf",
        "econas, conf/nb201-econas.conf",
        "random, conf/nb201-curves-asha.conf",
        "random, conf/nb201-curves-median.conf"})
    void aRecoveredCoreMakesTheSameDecisions(String controller, String pipeline) {
        ProximaConfig base = pipeline.contains("curves")
                ? ProximaConfig.load(Optional.of(Path.of("conf/nb201-curves.conf")))
                : ProximaConfig.load(Optional.empty());
        ProximaConfig layered = base.with(ConfigKeys.CONTROLLER, controller);
        if (!pipeline.isEmpty()) {
            layered = ProximaConfig.overlay(Path.of(pipeline), layered);
        }
        ProximaSettings config = layered.settings();
        BenchmarkTable table = TableLoader.load(config.replay().table());
        SearchSpace space = SearchSpaces.byName(table.schema().space());
        if (config.replay().rowsOnly()) {
            space = new TableSpace(space, table);
        }
        TableReplay replay = new TableReplay(table, config.replay().costModel(table));
        SearchSettings settings = config.replaySearch(config.replay().dedup());
        Simulator simulator = new Simulator(space, replay, config.strategies(space, settings.ladder()), settings, 1,
                config.replay().resultColumn());
        List<SearchEvent> uninterrupted = simulator.run(1).core().history();
        Simulator.Run recovered = simulator.runRecovering(1, 700);
        assertTrue(uninterrupted.size() > 100, "a real search: " + uninterrupted.size() + " events");
        assertEquals(uninterrupted, recovered.core().history());
    }
}
