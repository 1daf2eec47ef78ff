package dev.proxima.journal;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.proxima.protocol.v1.JournalEvent;
import dev.proxima.protocol.v1.JournalHeader;
import dev.proxima.search.SearchEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the SQLite and PostgreSQL journals share: the tables (in each database's dialect), the
 * append transaction that also keeps the {@link TrialsTable} current, and the reads. A subclass
 * opens the connection and holds the writer's lock.
 */
abstract class JdbcJournal implements EventJournal {
    /** The SQL types that differ between the databases. */
    record Dialect(String blob, String autoKey, String tableExists) {}

    protected final String where;
    protected final Connection connection;
    private final AutoCloseable lock;
    private final Dialect dialect;
    private PreparedStatement insert;
    private TrialsTable trials;
    private boolean closed;

    /**
     * @param where the journal in messages (its file, or {@code postgresql:RUN})
     * @param lock the writer's lock; null for a reader
     */
    JdbcJournal(String where, Connection connection, AutoCloseable lock, Dialect dialect) {
        this.where = where;
        this.connection = connection;
        this.lock = lock;
        this.dialect = dialect;
    }

    /** Makes the tables of a new journal and stores its header and configuration (not yet committed). */
    static void createTables(Connection c, Dialect d, String config, String createdBy) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("create table journal (format_version integer not null, created_by text not null, "
                    + "header " + d.blob() + " not null, config text not null)");
            s.executeUpdate("create table events (seq " + d.autoKey() + ", at_millis bigint not null, "
                    + "kind text not null, payload " + d.blob() + " not null)");
            createLaterTables(s, d);
        }
        try (PreparedStatement p = c.prepareStatement("insert into journal values (?, ?, ?, ?)")) {
            JournalHeader header = EventCodec.header(createdBy);
            p.setInt(1, header.getFormatVersion());
            p.setString(2, createdBy);
            p.setBytes(3, header.toByteArray());
            p.setString(4, config);
            p.executeUpdate();
        }
    }

    /** Tables added after format 1's first files: a journal without them gets them when written again. */
    private static void createLaterTables(Statement s, Dialect d) throws SQLException {
        s.executeUpdate("create table if not exists resumes (seq " + d.autoKey() + ", at_millis bigint not null, "
                + "created_by text not null, config text not null)");
        s.executeUpdate(TrialsTable.DDL);
    }

    /** Refuses a journal this release cannot read; the header is the first thing read. */
    static void checkHeader(Connection c, String where) throws SQLException, InvalidProtocolBufferException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select header from journal")) {
            if (!r.next()) {
                throw new IllegalArgumentException(where + ": the journal has no header");
            }
            EventCodec.checkHeader(JournalHeader.parseFrom(r.getBytes(1)));
        }
        c.commit();
    }

    /** Prepares the writes, adding tables an older journal lacks (its trials rebuilt from its events). */
    final JdbcJournal writable() throws SQLException {
        boolean rebuild;
        try (Statement s = connection.createStatement()) {
            rebuild = !hasTable("trials");
            createLaterTables(s, dialect);
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
            throw new IllegalStateException(where + ": cannot append to the journal: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void resumedWith(String config, String createdBy, long atMillis) {
        try {
            writer();
            try (PreparedStatement p = connection.prepareStatement(
                    "insert into resumes (at_millis, created_by, config) values (?, ?, ?)")) {
                p.setLong(1, atMillis);
                p.setString(2, createdBy);
                p.setString(3, config);
                p.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException(where + ": cannot append to the journal: " + e.getMessage(), e);
        }
    }

    private void writer() throws SQLException {
        if (lock == null) {
            throw new IllegalStateException(where + ": opened for reading only");
        }
        if (insert == null) {
            writable();
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the write failed already; its message says why
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
                    throw new IllegalArgumentException(where + ": event " + seq + " cannot be read (" + e.getMessage() + ")", e);
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
            if (hasTable("resumes")) {
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

    private boolean hasTable(String name) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(dialect.tableExists())) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next() && r.getInt(1) > 0;
            }
        }
    }

    /** A journal that opened but cannot be read through (truncated, overwritten) is bad input, not a crash. */
    private IllegalArgumentException unreadable(SQLException e) {
        return new IllegalArgumentException(where + ": the journal cannot be read (" + e.getMessage() + ")", e);
    }

    static void closeQuietly(Connection c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException ignored) {
            // the open failed already; its message says why
        }
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
            throw new IllegalStateException(where + ": cannot close the journal: " + e.getMessage(), e);
        } finally {
            if (lock != null) {
                try {
                    lock.close();
                } catch (Exception e) {
                    throw new IllegalStateException(where + ": cannot release the journal's lock: " + e.getMessage(), e);
                }
            }
        }
    }
}
