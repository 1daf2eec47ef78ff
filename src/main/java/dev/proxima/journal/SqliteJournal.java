package dev.proxima.journal;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.proxima.protocol.v1.JournalEvent;
import dev.proxima.protocol.v1.JournalHeader;
import dev.proxima.search.SearchEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded journal: one SQLite file, WAL mode with {@code synchronous=NORMAL} (a commit
 * survives a killed process, not a power loss), events as protobuf blobs in append order, and the
 * {@link TrialsTable} kept current in the same transactions. The file is created with its header
 * and configuration; opening an existing one checks its format first. A writer (a search, new or
 * resumed) holds the {@link JournalLock}; readers need none.
 */
public final class SqliteJournal implements EventJournal {
    private final Path file;
    private final Connection connection;
    private final JournalLock lock;
    private PreparedStatement insert;
    private TrialsTable trials;
    private boolean closed;

    private SqliteJournal(Path file, Connection connection, JournalLock lock) {
        this.file = file;
        this.connection = connection;
        this.lock = lock;
    }

    /** A new journal at {@code file}, which must not exist yet, open for appending. */
    public static SqliteJournal create(Path file, String config, String createdBy) {
        if (Files.exists(file)) {
            throw new IllegalArgumentException(file + ": a journal already exists there; resume it or choose a new run");
        }
        JournalLock lock = JournalLock.acquire(file);
        try {
            Connection c = connect(file, true);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("create table journal (format_version integer not null, created_by text not null, "
                        + "header blob not null, config text not null)");
                s.executeUpdate("create table events (seq integer primary key autoincrement, at_millis integer not null, "
                        + "kind text not null, payload blob not null)");
                createLaterTables(s);
            }
            try (PreparedStatement p = c.prepareStatement("insert into journal values (?, ?, ?, ?)")) {
                JournalHeader header = EventCodec.header(createdBy);
                p.setInt(1, header.getFormatVersion());
                p.setString(2, createdBy);
                p.setBytes(3, header.toByteArray());
                p.setString(4, config);
                p.executeUpdate();
            }
            c.commit();
            return new SqliteJournal(file, c, lock).writable();
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
        SqliteJournal read = opened(checkFile(file), null); // a file that is no journal gets no lock file either
        read.close();
        JournalLock lock = JournalLock.acquire(file);
        try {
            return opened(file, lock);
        } catch (RuntimeException e) {
            lock.close();
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
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select header from journal")) {
                if (!r.next()) {
                    throw new IllegalArgumentException(file + ": the journal has no header");
                }
                EventCodec.checkHeader(JournalHeader.parseFrom(r.getBytes(1)));
            }
            c.commit();
            return new SqliteJournal(file, c, lock);
        } catch (IllegalArgumentException | SQLException | java.io.IOException e) {
            closeQuietly(c);
            if (e instanceof IllegalArgumentException) {
                throw new IllegalArgumentException(e.getMessage().startsWith(file.toString()) ? e.getMessage()
                        : file + ": " + e.getMessage(), e);
            }
            throw new IllegalArgumentException(file + ": not a Proxima journal (" + e.getMessage() + ")", e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException ignored) {
            // the open failed already; its message says why
        }
    }

    /** Tables added after format 1's first files: a journal without them gets them when written again. */
    private static void createLaterTables(Statement s) throws SQLException {
        s.executeUpdate("create table if not exists resumes (seq integer primary key autoincrement, "
                + "at_millis integer not null, created_by text not null, config text not null)");
        s.executeUpdate(TrialsTable.DDL);
    }

    /** Prepares the writes, adding tables an older file lacks (its trials rebuilt from its events). */
    private SqliteJournal writable() throws SQLException {
        boolean rebuild;
        try (Statement s = connection.createStatement()) {
            try (ResultSet r = s.executeQuery("select count(*) from sqlite_master where name = 'trials'")) {
                rebuild = r.next() && r.getInt(1) == 0;
            }
            createLaterTables(s);
        }
        insert = connection.prepareStatement("insert into events (at_millis, kind, payload) values (?, ?, ?)");
        trials = new TrialsTable(connection);
        if (rebuild) {
            for (SearchEvent e : events()) {
                trials.apply(e);
            }
        }
        connection.commit();
        return this;
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

    @Override
    public synchronized void append(List<SearchEvent> events) {
        try {
            writer();
            for (SearchEvent e : events) {
                insert.setLong(1, e.atMillis());
                insert.setString(2, e.getClass().getSimpleName());
                insert.setBytes(3, EventCodec.encode(e).toByteArray());
                insert.addBatch();
                trials.apply(e);
            }
            insert.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException(file + ": cannot append to the journal: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void resumedWith(String config, String createdBy, long atMillis) {
        try (PreparedStatement p = writer().connection.prepareStatement(
                "insert into resumes (at_millis, created_by, config) values (?, ?, ?)")) {
            p.setLong(1, atMillis);
            p.setString(2, createdBy);
            p.setString(3, config);
            p.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException(file + ": cannot append to the journal: " + e.getMessage(), e);
        }
    }

    private SqliteJournal writer() throws SQLException {
        if (lock == null) {
            throw new IllegalStateException(file + ": opened for reading only");
        }
        return insert == null ? writable() : this;
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the append failed already; its message says why
        }
    }

    @Override
    public synchronized List<SearchEvent> events() {
        List<SearchEvent> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery("select seq, payload from events order by seq")) {
            while (r.next()) {
                long seq = r.getLong(1);
                try {
                    out.add(EventCodec.decode(JournalEvent.parseFrom(r.getBytes(2))));
                } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": event " + seq + " cannot be read (" + e.getMessage() + ")", e);
                }
            }
            connection.commit(); // ends the read snapshot, so the next read sees later appends of other writers
            return out;
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    @Override
    public synchronized String config() {
        try (Statement s = connection.createStatement()) {
            String config = null;
            if (hasTable(s, "resumes")) {
                try (ResultSet r = s.executeQuery("select config from resumes order by seq desc limit 1")) {
                    config = r.next() ? r.getString(1) : null;
                }
            }
            if (config == null) {
                try (ResultSet r = s.executeQuery("select config from journal")) {
                    r.next();
                    config = r.getString(1);
                }
            }
            connection.commit();
            return config;
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** Trials in the {@code trials} table with this status ({@code completed}, {@code running}, ...). */
    public synchronized long trialsWithStatus(String status) {
        try (PreparedStatement p = connection.prepareStatement("select count(*) from trials where status = ?")) {
            p.setString(1, status);
            long n;
            try (ResultSet r = p.executeQuery()) {
                n = r.next() ? r.getLong(1) : 0;
            }
            connection.commit();
            return n;
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    private static boolean hasTable(Statement s, String name) throws SQLException {
        try (ResultSet r = s.executeQuery("select count(*) from sqlite_master where type = 'table' and name = '" + name + "'")) {
            return r.next() && r.getInt(1) > 0;
        }
    }

    /** A file that opened but cannot be read through (truncated, overwritten) is bad input, not a crash. */
    private IllegalArgumentException unreadable(SQLException e) {
        return new IllegalArgumentException(file + ": the journal cannot be read (" + e.getMessage() + ")", e);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (insert != null) {
                insert.close();
            }
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(file + ": cannot close the journal: " + e.getMessage(), e);
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }
}
