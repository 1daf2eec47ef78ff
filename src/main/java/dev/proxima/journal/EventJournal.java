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

    /**
     * Records the configuration a resumed search goes on with (the stored one with the overrides
     * its resume allowed), so later readers use it.
     */
    void resumedWith(String config, String createdBy, long atMillis);

    /** The configuration the run goes on with (HOCON text): as created, or as its last resume stored it. */
    String config();

    /** Trials whose row in the {@code trials} table has this status ({@code completed}, {@code running}, ...). */
    long trialsWithStatus(String status);

    @Override
    void close();
}
