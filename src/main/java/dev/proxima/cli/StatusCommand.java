package dev.proxima.cli;

import dev.proxima.search.TrialStatus;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code proxima status RUN}: where a search stands, rebuilt from its journal alone (also while the
 * search runs, from another process): the stored configuration, then the core recovered from the events.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Where a search stands, read from its journal (RUN is a run folder or its journal.db); works while "
                + "the search runs.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    RunArgument run;

    @Override
    public Integer call() {
        JournalRun r = run.read();
        var summary = r.core().summary(r.lastMillis());
        System.out.printf(Locale.ROOT, "%s: %s, %s on %s, tiers %s, seed %d, budget %s; %d events%n", run.run,
                summary.finished() ? "finished" : "not finished (running, or stopped before its end)",
                r.config().controller(), r.space().name(), r.settings().ladder().describe(), r.settings().seed(),
                r.settings().budget().describe(), r.events());
        System.out.printf(Locale.ROOT, "%d running, %d waiting%n", summary.counts().get(TrialStatus.RUNNING),
                summary.counts().get(TrialStatus.PENDING));
        System.out.print(SearchCommand.describe(summary, r.resultColumn()).replaceFirst("^finished after", "after"));
        return 0;
    }
}
