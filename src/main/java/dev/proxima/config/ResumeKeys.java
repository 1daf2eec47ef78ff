package dev.proxima.config;

import java.util.List;

/**
 * The keys a resumed run may take from the command line instead of its stored configuration:
 * how much it may still spend and where and how fast it runs. Everything that shapes its
 * decisions (controller, seed, ladder, rules, data, table) stays as the run began, or a resumed
 * search would no longer be the search its journal recorded.
 */
public final class ResumeKeys {
    /** What {@link #mayChange} allows, for messages. */
    public static final String DESCRIPTION = "budgets, devices, worker count, speed-up, CPU threads, intervals, "
            + "the cluster's node settings, the page's address and the journal server's address";

    private static final List<String> PREFIXES = List.of(ConfigKeys.SEARCH_BUDGET + ".", ConfigKeys.REPLAY_BUDGET + ".",
            "proxima.worker.", "proxima.supervisor.", ConfigKeys.CLUSTER + ".", ConfigKeys.HTTP + ".",
            ConfigKeys.JOURNAL_POSTGRESQL + ".");
    private static final List<String> KEYS = List.of(ConfigKeys.REPLAY_SPEEDUP, "proxima.training.cpu-threads",
            ConfigKeys.RUNS_DIR, "proxima.home");

    private ResumeKeys() {}

    public static boolean mayChange(String path) {
        return KEYS.contains(path) || PREFIXES.stream().anyMatch(path::startsWith);
    }
}
