package dev.proxima.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The embedded journal: one SQLite file, WAL mode with {@code synchronous=NORMAL} (a commit
 * survives a killed process, not a power loss), events as protobuf blobs in append order, and the
 * {@link TrialsTable} kept current in the same transactions. The file is created with its header
 * and configuration; opening an existing one checks its format first. A writer (a search, new or
 * resumed) holds the {@link JournalLock}; readers need none.
 */
public final class SqliteJournal extends JdbcJournal {
    private static final Dialect SQLITE = new Dialect("blob", "integer primary key autoincrement",
            "select count(*) from sqlite_master where type = 'table' and name = ?");

    private SqliteJournal(Path file, Connection connection, JournalLock lock) {
        super(file.toString(), connection, lock, SQLITE);
    }

    /** A new journal at {@code file}, which must not exist yet, open for appending. */
    public static SqliteJournal create(Path file, String config, String createdBy) {
        if (Files.exists(file)) {
            throw new IllegalArgumentException(file + ": a journal already exists there; resume it or choose a new run");
        }
        JournalLock lock = JournalLock.acquire(file);
        try {
            Connection c = connect(file, true);
            createTables(c, SQLITE, config, createdBy);
            c.commit();
            SqliteJournal journal = new SqliteJournal(file, c, lock);
            journal.writable();
            return journal;
        } catch (SQLException e) {
            lock.close();
            throw new IllegalStateException(file + ": cannot create the journal: " + e.getMessage(), e);
        }
    }

    /**
     * An existing journal to go on writing (a resumed search): locked against a second writer,
     * its format checked. Nothing is written until {@link #append} or {@link #resumedWith}.
     */
    public static SqliteJournal openForAppend(Path file) {
        SqliteJournal reader = opened(checkFile(file), null); // checked first: a file that is no journal gets no lock file
        try {
            return new SqliteJournal(file, reader.connection, JournalLock.acquire(file));
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** An existing journal to read (also while a search writes it); refuses a file that is not one. */
    public static SqliteJournal open(Path file) {
        return opened(checkFile(file), null);
    }

    private static Path checkFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no journal there");
        }
        return file;
    }

    private static SqliteJournal opened(Path file, JournalLock lock) {
        Connection c = null;
        try {
            SqliteFileCheck.check(file);
            c = connect(file, false);
            checkHeader(c, file.toString());
            return new SqliteJournal(file, c, lock);
        } catch (IllegalArgumentException | SQLException | IOException e) {
            closeQuietly(c);
            if (e instanceof IllegalArgumentException) {
                throw new IllegalArgumentException(e.getMessage().startsWith(file.toString()) ? e.getMessage()
                        : file + ": " + e.getMessage(), e);
            }
            throw new IllegalArgumentException(file + ": not a Proxima journal (" + e.getMessage() + ")", e);
        }
    }

    /**
     * @param create true for a new file, which is switched to WAL mode (the mode stays with the file, so
     *     opening an existing one writes nothing: a file that is no journal is left as it was)
     */
    private static Connection connect(Path file, boolean create) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            if (create) {
                // the result set of this pragma must be closed, or the next commit fails with SQLITE_BUSY
                try (ResultSet r = s.executeQuery("pragma journal_mode=wal")) {
                    r.next();
                }
            }
            s.execute("pragma synchronous=normal");
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
    }
}
