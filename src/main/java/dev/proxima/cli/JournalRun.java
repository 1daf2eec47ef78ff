package dev.proxima.cli;

import dev.proxima.config.ProximaConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.journal.EventJournal;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchSettings;
import dev.proxima.space.SearchSpace;
import dev.proxima.space.nb201.Nb201Space;
import dev.proxima.training.TrainingMetrics;
import java.nio.file.Path;
import java.util.List;

/**
 * A run as its journal has it: the stored configuration and the search core recovered from the
 * events, as {@code proxima search} would have built them.
 *
 * @param lastMillis the search clock at the last event
 */
record JournalRun(ProximaSettings config, SearchSettings settings, SearchSpace space, SearchCore core, int events,
        long lastMillis, String resultColumn, List<String> metricColumns) {

    /**
     * @param run a run folder, its journal file, or {@code postgresql:<run id>}
     * @param current the configuration the command runs with (the journal's server)
     */
    static JournalRun read(Path run, ProximaSettings current) {
        JournalTarget file = JournalTarget.of(run);
        try (EventJournal journal = file.open(current)) {
            ProximaSettings config = ProximaConfig.stored(journal.config(), file + " (stored configuration)").settings();
            boolean replay = config.replayed();
            ReplaySetup setup = replay ? ReplaySetup.load(config) : null;
            SearchSpace space = replay ? setup.space() : new Nb201Space();
            SearchSettings settings = config.searchSettings();
            List<SearchEvent> events = journal.events();
            if (events.isEmpty()) {
                throw new IllegalArgumentException(file + ": the journal holds no event yet");
            }
            SearchCore core = SearchCore.recover(settings, space, config.strategies(space, settings.ladder()).get(), events);
            return new JournalRun(config, settings, space, core, events.size(), events.get(events.size() - 1).atMillis(),
                    replay ? config.replay().resultColumn() : TrainingMetrics.VAL_ACC,
                    replay ? setup.replay().table().schema().metricColumns() : TrainingMetrics.ALL);
        }
    }
}
