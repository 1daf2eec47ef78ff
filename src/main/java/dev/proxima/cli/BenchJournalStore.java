package dev.proxima.cli;

import dev.proxima.journal.EventJournal;
import dev.proxima.journal.PostgresJournal;
import dev.proxima.journal.SqliteJournal;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --store} of the benchmarks that write journals: a throwaway SQLite file, or new runs on a PostgreSQL server. */
final class BenchJournalStore {
    @Option(names = "--store", description = "sqlite (default: a temporary file) or postgresql (new runs on the "
            + "server of proxima.journal.postgresql, e.g. set with --config; they stay there as bench-*)")
    String store = "sqlite";

    void check() {
        Args.oneOf("--store", List.of(store), List.of("sqlite", "postgresql"));
    }

    boolean postgresql() {
        return store.equals("postgresql");
    }

    String describe() {
        return postgresql() ? "PostgreSQL" : "SQLite";
    }

    /** A new journal: {@code dir/journal.db}, or the run {@code bench-<pid>-<name>} on {@code server}. */
    EventJournal create(Path dir, String name, PostgresJournal.Server server) {
        return postgresql() ? PostgresJournal.create(server, "bench-" + ProcessHandle.current().pid() + "-" + name, "", "bench")
                : SqliteJournal.create(dir.resolve("journal.db"), "", "bench");
    }
}
