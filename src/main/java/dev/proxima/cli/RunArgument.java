package dev.proxima.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The run a reading command ({@code status}, {@code export}) names, and the configuration that says where a PostgreSQL journal's server is. */
final class RunArgument {
    @Parameters(paramLabel = "RUN", description = "a run folder (runs/<date>-<time>-search), its journal.db, or "
            + "postgresql:RUN_ID (server from proxima.journal)")
    Path run;

    @Mixin
    ConfigOptions options;

    JournalRun read() {
        return JournalRun.read(run, options.load().settings());
    }
}
