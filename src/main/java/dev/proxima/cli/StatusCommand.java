package dev.proxima.cli;

import dev.proxima.config.ProximaConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.journal.SqliteJournal;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchSettings;
import dev.proxima.search.TrialStatus;
import dev.proxima.space.SearchSpace;
import dev.proxima.space.nb201.Nb201Space;
import dev.proxima.training.TrainingMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code proxima status RUN}: where a search stands, rebuilt from its journal alone (also while the
 * search runs, from another process): the stored configuration, then the core recovered from the events.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Where a search stands, read from its journal (RUN is a run folder or its journal.db); works while "
                + "the search runs.")
final class StatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "a run folder (runs/<date>-<time>-search) or its journal.db")
    Path run;

    @Override
    public Integer call() {
        Path file = Files.isDirectory(run) ? run.resolve(SearchCommand.JOURNAL) : run;
        try (SqliteJournal journal = SqliteJournal.open(file)) {
            ProximaSettings config = ProximaConfig.stored(journal.config(), file + " (stored configuration)").settings();
            boolean replay = config.search().evaluator().equals("replay");
            SearchSpace space = replay ? ReplaySetup.load(config).space() : new Nb201Space();
            SearchSettings settings = replay ? config.replaySearch(config.search().dedup()) : config.trainingSearch();
            List<SearchEvent> events = journal.events();
            if (events.isEmpty()) {
                throw new IllegalArgumentException(file + ": the journal holds no event yet");
            }
            SearchCore core = SearchCore.recover(settings, space, config.strategies(space, settings.ladder()).get(), events);
            long last = events.get(events.size() - 1).atMillis();
            String result = replay ? config.replay().resultColumn() : TrainingMetrics.VAL_ACC;
            var summary = core.summary(last);
            System.out.printf(Locale.ROOT, "%s: %s, %s on %s, tiers %s, seed %d, budget %s; %d events%n", run,
                    summary.finished() ? "finished" : "not finished (running, or stopped before its end)",
                    config.controller(), space.name(), settings.ladder().describe(), settings.seed(),
                    settings.budget().describe(), events.size());
            System.out.printf(Locale.ROOT, "%d running, %d waiting%n", summary.counts().get(TrialStatus.RUNNING),
                    summary.counts().get(TrialStatus.PENDING));
            System.out.print(SearchCommand.describe(summary, result).replaceFirst("^finished after", "after"));
        }
        return 0;
    }
}
