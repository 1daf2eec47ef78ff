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
                + "the search runs. RUN may also be the id of a search of proxima serve (asked over its API).")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    RunArgument run;

    @Mixin
    DaemonClient daemon;

    @Override
    public Integer call() {
        String name = run.run.toString();
        if (daemon.url != null || (!java.nio.file.Files.exists(run.run) && !name.startsWith(JournalTarget.POSTGRESQL)
                && !name.contains("/"))) {
            return daemonStatus(name);
        }
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

    /** RUN names no run folder: it is the id of a search of proxima serve. */
    private int daemonStatus(String id) {
        com.google.gson.JsonObject s;
        try {
            s = daemon.get(run.options.load().http(), "api/searches/" + id).getAsJsonObject();
        } catch (DaemonClient.Unreachable e) {
            throw new IllegalArgumentException(id + " is no run folder, and " + e.getMessage());
        }
        System.out.println(ListCommand.HEADER);
        System.out.println(ListCommand.line(s));
        var trials = s.getAsJsonObject("trials");
        System.out.printf(Locale.ROOT, "%d running, %d waiting, %d stopped early, %d failed%n",
                trials.get("running").getAsInt(), trials.get("pending").getAsInt(), trials.get("stopped").getAsInt(),
                trials.get("failed").getAsInt());
        var summary = s.getAsJsonObject("summary");
        if (summary.has("best")) {
            var best = summary.getAsJsonObject("best");
            System.out.println("best architecture: " + best.get("architecture").getAsString() + " (trial "
                    + best.get("trial").getAsLong() + ", " + best.get("tier").getAsString() + ")");
        }
        return 0;
    }
}
