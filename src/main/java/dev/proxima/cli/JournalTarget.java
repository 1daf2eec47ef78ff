package dev.proxima.cli;

import dev.proxima.config.ProximaSettings;
import dev.proxima.journal.EventJournal;
import dev.proxima.journal.PostgresJournal;
import dev.proxima.journal.SqliteJournal;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The journal a command reads or resumes, as the user names it: a run folder, its
 * {@code journal.db}, or {@code postgresql:<run id>} (a run on the server of {@code proxima.journal},
 * taken from the configuration the command runs with).
 */
record JournalTarget(Path file, String runId) {
    static final String POSTGRESQL = "postgresql:";

    static JournalTarget of(Path run) {
        String text = run.toString();
        if (text.startsWith(POSTGRESQL)) {
            String id = text.substring(POSTGRESQL.length());
            PostgresJournal.schema(id); // refuses a malformed id before anything connects
            return new JournalTarget(null, id);
        }
        return new JournalTarget(Files.isDirectory(run) ? run.resolve(SearchCommand.JOURNAL) : run, null);
    }

    /** A new journal for the run in {@code folder}: a file in it, or a run named after it on the server. */
    static EventJournal create(ProximaSettings config, Path folder, String storedConfig) {
        String version = new Main.Version().getVersion()[0];
        return config.journal().postgresql()
                ? PostgresJournal.create(config.journal().server(), folder.getFileName().toString(), storedConfig, version)
                : SqliteJournal.create(folder.resolve(SearchCommand.JOURNAL), storedConfig, version);
    }

    /** Whether the journal is there already (a run to go on with). */
    boolean exists(ProximaSettings current) {
        return isPostgres() ? PostgresJournal.exists(current.journal().server(), runId) : Files.exists(file);
    }

    boolean isPostgres() {
        return runId != null;
    }

    EventJournal open(ProximaSettings current) {
        return isPostgres() ? PostgresJournal.open(current.journal().server(), runId) : SqliteJournal.open(file);
    }

    EventJournal openForAppend(ProximaSettings current) {
        return isPostgres() ? PostgresJournal.openForAppend(current.journal().server(), runId) : SqliteJournal.openForAppend(file);
    }

    /** The run folder a resumed search writes its reports to (made if this machine has none yet). */
    Path folder(ProximaSettings current) {
        return isPostgres() ? current.runsDir().resolve(runId) : file.toAbsolutePath().getParent();
    }

    @Override
    public String toString() {
        return isPostgres() ? PostgresJournal.name(runId) : file.toString();
    }
}
