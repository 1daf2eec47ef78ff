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
 * survives a killed process, not a power loss), events as protobuf blobs in append order. The file
 * is created with its header and configuration; opening an existing one checks its format first.
 */
public final class SqliteJournal implements EventJournal {
    private final Path file;
    private final Connection connection;
    private final PreparedStatement insert;

    private SqliteJournal(Path file, Connection connection) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.insert = connection.prepareStatement("insert into events (at_millis, kind, payload) values (?, ?, ?)");
    }

    /** A new journal at {@code file}, which must not exist yet. */
    public static SqliteJournal create(Path file, String config, String createdBy) {
        if (Files.exists(file)) {
            throw new IllegalArgumentException(file + ": a journal already exists there; resume it or choose a new run");
        }
        try {
            Connection c = connect(file, true);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("create table journal (format_version integer not null, created_by text not null, "
                        + "header blob not null, config text not null)");
                s.executeUpdate("create table events (seq integer primary key autoincrement, at_millis integer not null, "
                        + "kind text not null, payload blob not null)");
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
            return new SqliteJournal(file, c);
        } catch (SQLException e) {
            throw new IllegalStateException(file + ": cannot create the journal: " + e.getMessage(), e);
        }
    }

    /** An existing journal; refuses a file that is not one, or of a format this release cannot read. */
    public static SqliteJournal open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no journal there");
        }
        try {
            Connection c = connect(file, false);
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select header from journal")) {
                if (!r.next()) {
                    throw new IllegalArgumentException(file + ": the journal has no header");
                }
                EventCodec.checkHeader(JournalHeader.parseFrom(r.getBytes(1)));
                c.commit();
            } catch (IllegalArgumentException e) {
                c.close();
                throw new IllegalArgumentException(e.getMessage().startsWith(file.toString()) ? e.getMessage()
                        : file + ": " + e.getMessage(), e);
            }
            return new SqliteJournal(file, c);
        } catch (SQLException | InvalidProtocolBufferException e) {
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
        }
        c.setAutoCommit(false);
        return c;
    }

    @Override
    public synchronized void append(List<SearchEvent> events) {
        try {
            for (SearchEvent e : events) {
                insert.setLong(1, e.atMillis());
                insert.setString(2, e.getClass().getSimpleName());
                insert.setBytes(3, EventCodec.encode(e).toByteArray());
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(file + ": cannot append to the journal: " + e.getMessage(), e);
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
            throw new IllegalStateException(file + ": cannot read the journal: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized String config() {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("select config from journal")) {
            r.next();
            String config = r.getString(1);
            connection.commit();
            return config;
        } catch (SQLException e) {
            throw new IllegalStateException(file + ": cannot read the journal: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            insert.close();
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(file + ": cannot close the journal: " + e.getMessage(), e);
        }
    }
}
