package dev.proxima.journal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
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
