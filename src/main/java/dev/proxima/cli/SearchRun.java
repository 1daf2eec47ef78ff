package dev.proxima.cli;

import dev.proxima.journal.EventJournal;
import dev.proxima.config.ProximaSettings;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchSettings;
import dev.proxima.search.Strategy;
import dev.proxima.space.SearchSpace;
import dev.proxima.store.RunDirectory;
import java.nio.file.Path;
import java.util.List;

/**
 * A search's run folder, its journal (open for writing) and its core: a new run, or a run resumed
 * from its journal. Either way the journal holds every event of the core before anyone acts on it.
 */
record SearchRun(RunDirectory folder, EventJournal journal, SearchCore core, Strategy strategy, boolean resumed)
        implements AutoCloseable {

    /** A new run folder under the runs folder with a new journal (as {@code proxima.journal} says) holding the configuration. */
    static SearchRun create(ProximaSettings config, SearchSettings settings, SearchSpace space, Strategy strategy) {
        return create(RunDirectory.create(config.runsDir(), "search"), config, settings, space, strategy);
    }

    /** A new run in {@code folder} (already made, named by the run's id), with a new journal. */
    static SearchRun create(RunDirectory folder, ProximaSettings config, SearchSettings settings, SearchSpace space,
            Strategy strategy) {
        EventJournal journal = JournalTarget.create(config, folder.path(), config.proximaText());
        SearchCore core = SearchCore.start(settings, space, strategy, System.currentTimeMillis());
        journal.append(core.history());
        folder.append(core.history());
        return new SearchRun(folder, journal, core, strategy, false);
    }

    /**
     * Goes on with a recovered core in its own folder: the configuration it continues with is
     * stored, then the core's resume events (in-flight attempts back in the queue) are journaled.
     */
    static SearchRun resume(Path folder, EventJournal journal, String config, SearchCore core, Strategy strategy) {
        long now = System.currentTimeMillis();
        journal.resumedWith(config, new Main.Version().getVersion()[0], now);
        List<SearchEvent> events = core.resume(now);
        journal.append(events);
        RunDirectory run = RunDirectory.reopen(folder);
        run.append(events);
        return new SearchRun(run, journal, core, strategy, true);
    }

    @Override
    public void close() throws java.io.IOException {
        try (RunDirectory f = folder; EventJournal j = journal) {
            // both closed, the journal (and its lock) even if the folder fails
        }
    }
}
