package dev.proxima.cli;

import akka.actor.ActorRef;
import dev.proxima.config.ProximaConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.journal.EventJournal;
import dev.proxima.journal.JournalWriter;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.Strategy;
import dev.proxima.store.RunDirectory;
import dev.proxima.supervisor.SupervisorActor.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Opens the search of {@code proxima supervisor}: whichever supervisor node the singleton starts on
 * opens run {@code run} from the journal (the shared PostgreSQL one when the cluster has two
 * supervisor nodes), starting it when the journal has none yet and going on with it otherwise, as
 * {@code search --resume} does. The journal stays locked while the singleton runs here; it is let
 * go (and the reports written) when the singleton stops.
 */
final class ClusterSession {
    private final String run;
    private final ProximaConfig requested;
    private final ProximaSettings config;
    private final SearchPlan plan;
    private final ActorRef listener;
    private final Progress progress;
    private final Consumer<Throwable> onJournalFailure;

    /** @param config {@code requested}, read */
    ClusterSession(String run, ProximaConfig requested, ProximaSettings config, SearchPlan plan, ActorRef listener,
            Progress progress, Consumer<Throwable> onJournalFailure) {
        this.run = run;
        this.requested = requested;
        this.config = config;
        this.plan = plan;
        this.listener = listener;
        this.progress = progress;
        this.onJournalFailure = onJournalFailure;
    }

    /** The run's journal: {@code postgresql:<run>}, or {@code journal.db} in the run's folder. */
    JournalTarget target() {
        return JournalTarget.of(config.journal().postgresql() ? Path.of(JournalTarget.POSTGRESQL + run)
                : folder().resolve(SearchCommand.JOURNAL));
    }

    Path folder() {
        return config.runsDir().resolve(run);
    }

    /** Called on the actor's thread when the singleton starts on this node. */
    Session open() {
        SearchRun search = target().exists(config) ? reopen() : create();
        JournalWriter writer = new JournalWriter(search.journal(), onJournalFailure);
        SearchCore core = search.core();
        RunDirectory folder = search.folder();
        Consumer<List<SearchEvent>> observers = SearchCommand.observers(folder, core, progress, config, plan);
        AutoCloseable resources = () -> {
            try (SearchRun s = search) {
                writer.close(); // what the supervisor decided last is durable before the journal closes
                SearchCommand.report(folder, core, System.currentTimeMillis(), plan.resultColumn(), plan.metricColumns());
            }
        };
        return new Session(core, listener, writer::write, observers, plan.evaluator(), run, resources);
    }

    private SearchRun create() {
        try {
            Files.createDirectories(folder());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the run folder " + folder() + ": " + e.getMessage(), e);
        }
        return SearchRun.create(RunDirectory.reopen(folder()), config, plan.settings(), plan.space(), plan.strategies().get());
    }

    /** The run exists: its stored configuration (with what may change on resume) and its events. */
    private SearchRun reopen() {
        JournalTarget target = target();
        EventJournal journal = target.openForAppend(config);
        try {
            ProximaConfig stored = ProximaConfig.stored(journal.config(), target + " (stored configuration)");
            ProximaSettings resumed = ProximaConfig.resumed(stored, requested).settings();
            List<SearchEvent> events = journal.events();
            Strategy strategy = resumed.strategies(plan.space(), resumed.searchSettings().ladder()).get();
            SearchCore core = SearchCore.recover(resumed.searchSettings(), plan.space(), strategy, events);
            Path folder = target.folder(resumed);
            Files.createDirectories(folder);
            if (core.isFinished()) {
                // nothing to go on with: no resume events, the supervisor only announces the end
                return new SearchRun(RunDirectory.reopen(folder), journal, core, strategy, true);
            }
            return SearchRun.resume(folder, journal, resumed.proximaText(), core, strategy);
        } catch (java.io.IOException e) {
            closeQuietly(journal);
            throw new java.io.UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeQuietly(journal);
            throw e;
        }
    }

    private static void closeQuietly(EventJournal journal) {
        try {
            journal.close();
        } catch (Exception e) {
            // the failure that got us here is the one to report
        }
    }
}
