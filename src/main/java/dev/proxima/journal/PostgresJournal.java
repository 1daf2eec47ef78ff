package dev.proxima.journal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * The shared journal for several nodes: one PostgreSQL database holds many runs, each in its own
 * schema {@code proxima_run_<run id>} with the same tables as the SQLite file (so
 * {@code psql -c "select * from proxima_run_X.trials"} works). A writer holds a session-level
 * advisory lock on its run, which the server drops when the writer's connection ends (a killed
 * process included); readers take none. A commit is durable on the server before {@link #append}
 * returns (PostgreSQL's default {@code synchronous_commit = on}).
 */
public final class PostgresJournal extends JdbcJournal {
    private static final Dialect POSTGRESQL = new Dialect("bytea", "bigserial primary key",
            "select count(*) from information_schema.tables where table_schema = current_schema() and table_name = ?");
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

    /** Where the server is. */
    public record Server(String url, String user, String password) {}

    private PostgresJournal(String runId, Connection connection, AutoCloseable lock) {
        super(name(runId), connection, lock, POSTGRESQL);
    }

    /** How a run in PostgreSQL is named on the command line and in messages. */
    public static String name(String runId) {
        return "postgresql:" + runId;
    }

    /** Whether {@code runId} can name a run (1 to 40 letters, digits, '-' or '_', not starting with a sign). */
    public static boolean isRunId(String runId) {
        return RUN_ID.matcher(runId).matches();
    }

    /** The schema that holds a run's tables. */
    public static String schema(String runId) {
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException(name(runId) + ": a run id is 1 to 40 letters, digits, '-' or '_'");
        }
        return "proxima_run_" + runId.replace('-', '_').toLowerCase(java.util.Locale.ROOT);
    }

    /** A new run {@code runId} on the server, open for appending. */
    public static PostgresJournal create(Server server, String runId, String config, String createdBy) {
        String schema = schema(runId);
        Connection c = connect(server, name(runId));
        try {
            AutoCloseable lock = lock(c, runId);
            if (schemaExists(c, schema)) {
                throw new IllegalArgumentException(name(runId) + ": a journal already exists there; resume it or choose "
                        + "a new run");
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("create schema " + schema);
                s.executeUpdate("set search_path to " + schema);
            }
            createTables(c, POSTGRESQL, config, createdBy);
            c.commit();
            PostgresJournal journal = new PostgresJournal(runId, c, lock);
            journal.writable();
            return journal;
        } catch (SQLException e) {
            closeQuietly(c);
            throw new IllegalStateException(name(runId) + ": cannot create the journal: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** Refuses, before any run folder exists, a server that cannot be reached or logged into. */
    public static void checkReachable(Server server) {
        try (Connection c = connect(server, "proxima.journal.postgresql")) {
            // connected and authenticated: the server takes journals
        } catch (SQLException e) {
            // closing failed; the connection worked
        }
    }

    /** Whether the server holds run {@code runId} (a supervisor singleton opens it, or starts it). */
    public static boolean exists(Server server, String runId) {
        String schema = schema(runId);
        try (Connection c = connect(server, name(runId))) {
            return schemaExists(c, schema);
        } catch (SQLException e) {
            throw new IllegalStateException(name(runId) + ": cannot look the run up: " + e.getMessage(), e);
        }
    }

    /** An existing run to go on writing (a resumed search): locked against a second writer. */
    public static PostgresJournal openForAppend(Server server, String runId) {
        return opened(server, runId, true);
    }

    /** An existing run to read, also while a search writes it. */
    public static PostgresJournal open(Server server, String runId) {
        return opened(server, runId, false);
    }

    private static PostgresJournal opened(Server server, String runId, boolean write) {
        String schema = schema(runId);
        Connection c = connect(server, name(runId));
        try {
            if (!schemaExists(c, schema)) {
                throw new IllegalArgumentException(name(runId) + ": no journal there (no schema " + schema + " in "
                        + server.url() + ")");
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("set search_path to " + schema);
            }
            checkHeader(c, name(runId));
            return new PostgresJournal(runId, c, write ? lock(c, runId) : null);
        } catch (SQLException | IOException e) {
            closeQuietly(c);
            throw new IllegalArgumentException(name(runId) + ": not a Proxima journal (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** @param where the run, or the configuration, that names the server (for the message) */
    private static Connection connect(Server server, String where) {
        try {
            Connection c = DriverManager.getConnection(server.url(), server.user(), server.password());
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            throw new IllegalArgumentException(where + ": cannot reach the journal's server " + server.url() + " ("
                    + e.getMessage() + ")", e);
        }
    }

    private static boolean schemaExists(Connection c, String schema) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select count(*) from information_schema.schemata where schema_name = ?")) {
            p.setString(1, schema);
            try (ResultSet r = p.executeQuery()) {
                boolean exists = r.next() && r.getInt(1) > 0;
                c.commit();
                return exists;
            }
        }
    }

    /** The run's advisory lock, held by this connection's session; it goes with the connection. */
    private static AutoCloseable lock(Connection c, String runId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
            p.setString(1, "proxima:" + runId);
            try (ResultSet r = p.executeQuery()) {
                boolean got = r.next() && r.getBoolean(1);
                c.commit();
                if (!got) {
                    throw new IllegalArgumentException(name(runId) + ": a live search is writing this journal; wait for "
                            + "it to end (or stop it), then resume");
                }
            }
        }
        return () -> { }; // released when the journal closes its connection
    }
}
