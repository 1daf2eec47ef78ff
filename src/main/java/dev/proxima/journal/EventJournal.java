package dev.proxima.journal;

import dev.proxima.search.SearchEvent;
import java.util.List;

/**
 * The durable list of a search's events. {@link #append} returns only once the events are durable
 * (committed), so a caller may act on them afterwards: write-ahead. Implementations share the
 * contract test {@code EventJournalContract}.
 */
public interface EventJournal extends AutoCloseable {

    /** Appends events in order, in one transaction; durable when this returns. */
    void append(List<SearchEvent> events);

    /** Every event, in the order appended. */
    List<SearchEvent> events();

    /** The run's configuration as stored when the journal was created (HOCON text). */
    String config();

    @Override
    void close();
}
