package dev.proxima.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.config.ProximaConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.replay.Simulator;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchSettings;
import dev.proxima.search.TrialBook;
import dev.proxima.search.TrialRecord;
import dev.proxima.space.nb201.Nb201Space;
import dev.proxima.testing.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteJournalTest extends EventJournalContract {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("journal.db");
    }

    @Override
    EventJournal create(String config) {
        return SqliteJournal.create(file(), config, "test");
    }

    @Override
    EventJournal reopen() {
        return SqliteJournal.open(file());
    }

    @Override
    EventJournal reopenForAppend() {
        return SqliteJournal.openForAppend(file());
    }

    /** The trials table says what the core's trial book says, row for row, for a real replayed search. */
    @Test
    void theTrialsTableFollowsTheEvents() throws Exception {
        ProximaSettings config = ProximaConfig.overlay(Path.of("conf/nb201-synflow-rea.conf"),
                ProximaConfig.load(Optional.empty())).settings();
        SearchSettings settings = config.replaySearch(config.replay().dedup());
        Simulator.Run run = new Simulator(new Nb201Space(), Tables.nb201Replay(),
                config.strategies(new Nb201Space(), settings.ladder()), settings, 3, "test_acc_200").run(2);
        List<SearchEvent> history = run.core().history();
        try (EventJournal journal = create("")) {
            for (int i = 0; i < history.size(); i += 7) { // in commits of a few events, as a search appends
                journal.append(history.subList(i, Math.min(history.size(), i + 7)));
            }
        }
        TrialBook book = run.core().book();
        List<String> expected = new ArrayList<>();
        for (TrialRecord t : book.trials()) {
            expected.add(String.join(" ", Long.toString(t.trialId()), t.status().name().toLowerCase(Locale.ROOT),
                    Integer.toString(t.attempt()), Integer.toString(t.tier()), t.architecture().encode(),
                    t.promotedTo() < 0 ? "null" : Long.toString(t.promotedTo()),
                    Double.isNaN(t.score()) ? "null" : Double.toString(t.score()), Integer.toString(book.timesReused(t.trialId())),
                    t.metrics().containsKey("test_acc_200") ? Double.toString(t.metrics().get("test_acc_200")) : "null"));
        }
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select trial_id, status, attempts, tier, architecture, promoted_to, score, "
                        + "times_reused, json_extract(metrics, '$.test_acc_200') from trials order by trial_id")) {
            while (r.next()) {
                rows.add(String.join(" ", r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        String.valueOf(r.getObject(6)), r.getObject(7) == null ? "null" : Double.toString(r.getDouble(7)),
                        r.getString(8), r.getObject(9) == null ? "null" : Double.toString(r.getDouble(9))));
            }
        }
        assertTrue(expected.size() > 50, "a real search: " + expected.size());
        assertEquals(expected, rows);
    }

    @Test
    void aJournalWithoutTheTrialsTableGetsItRebuiltWhenWrittenAgain() throws Exception {
        try (EventJournal journal = create("")) {
            journal.append(EventCodecTest.ONE_OF_EACH);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement()) {
            s.executeUpdate("drop table trials");
        }
        try (SqliteJournal journal = SqliteJournal.openForAppend(file())) {
            journal.append(List.of());
            assertEquals(1, journal.trialsWithStatus("completed"), "trial 3 of the sample completed");
        }
    }

    @Test
    void anExistingJournalIsNeverOverwritten() {
        create("").close();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create(""));
        assertTrue(e.getMessage().contains("a journal already exists there"), e.getMessage());
    }

    @Test
    void aFileThatIsNoJournalIsRefusedNamingIt() throws Exception {
        Files.write(file(), new byte[] {0, 1, 2, 3, 27, 91, 48, 109});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::reopen);
        assertTrue(e.getMessage().startsWith(file() + ": not a Proxima journal"), e.getMessage());
    }

    @Test
    void openingAnEmptyFileLeavesItEmpty() throws Exception {
        Files.write(file(), new byte[0]);
        assertThrows(IllegalArgumentException.class, this::reopen);
        org.junit.jupiter.api.Assertions.assertEquals(0, Files.size(file()), "nothing was written into it");
    }

    @Test
    void aJournalOfANewerFormatIsRefused() throws Exception {
        create("").close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement()) {
            s.executeUpdate("update journal set header = x'08" + String.format("%02x", EventCodec.FORMAT_VERSION + 1) + "'");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::reopen);
        assertTrue(e.getMessage().contains("journal format " + (EventCodec.FORMAT_VERSION + 1)), e.getMessage());
    }

    @Test
    void aCorruptEventIsReportedWithItsSequenceNumber() throws Exception {
        try (EventJournal journal = create("")) {
            journal.append(EventCodecTest.ONE_OF_EACH.subList(0, 2));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement()) {
            s.executeUpdate("update events set payload = x'ffff' where seq = 2");
        }
        try (EventJournal journal = reopen()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, journal::events);
            assertTrue(e.getMessage().startsWith(file() + ": event 2 cannot be read"), e.getMessage());
        }
    }
}
