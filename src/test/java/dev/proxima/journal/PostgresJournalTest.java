package dev.proxima.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.testing.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The journal contract against a real PostgreSQL server, and what only PostgreSQL does. */
class PostgresJournalTest extends EventJournalContract {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private String runId;

    @BeforeEach
    void newRun() {
        runId = "test-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
    }

    @Override
    EventJournal create(String config) {
        return PostgresJournal.create(Postgres.server(), runId, config, "test");
    }

    @Override
    EventJournal reopen() {
        return PostgresJournal.open(Postgres.server(), runId);
    }

    @Override
    EventJournal reopenForAppend() {
        return PostgresJournal.openForAppend(Postgres.server(), runId);
    }

    @Test
    void eachRunHasItsOwnSchemaThatSqlCanQuery() throws Exception {
        try (EventJournal journal = create("")) {
            journal.append(EventCodecTest.ONE_OF_EACH);
        }
        PostgresJournal.Server s = Postgres.server();
        try (Connection c = DriverManager.getConnection(s.url(), s.user(), s.password()); Statement st = c.createStatement();
                ResultSet r = st.executeQuery("select trial_id, status, score, (metrics::json ->> 'test_acc_200') from "
                        + PostgresJournal.schema(runId) + ".trials where status = 'completed'")) {
            assertTrue(r.next());
            assertEquals(3, r.getLong(1));
            assertEquals(84.5, r.getDouble(3));
            assertEquals("94.37", r.getString(4));
        }
    }

    @Test
    void aRunThatExistsIsNeverOverwrittenAndAMissingOneIsNamed() {
        create("").close();
        IllegalArgumentException again = assertThrows(IllegalArgumentException.class, () -> create(""));
        assertTrue(again.getMessage().contains("a journal already exists there"), again.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> PostgresJournal.open(Postgres.server(), "nosuch-run"));
        assertTrue(missing.getMessage().startsWith("postgresql:nosuch-run: no journal there"), missing.getMessage());
    }

    @Test
    void anUnreachableServerIsOneClearLine() {
        PostgresJournal.Server nowhere = new PostgresJournal.Server("jdbc:postgresql://127.0.0.1:1/proxima", "x", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PostgresJournal.open(nowhere, "r1"));
        assertTrue(e.getMessage().startsWith("postgresql:r1: cannot reach the journal's server jdbc:postgresql://127.0.0.1:1"),
                e.getMessage());
    }
}
