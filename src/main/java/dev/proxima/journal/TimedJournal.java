package dev.proxima.journal;

import dev.proxima.search.SearchEvent;
import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.function.LongSupplier;

/**
 * A journal that reports how long each batch took from its first event to its commit: the
 * write-ahead lag, which the {@code proxima_journal_lag_seconds} metric shows. Only for searches on
 * the wall clock (a live search's events carry wall-clock times).
 */
public final class TimedJournal implements EventJournal {
    private final EventJournal journal;
    private final LongSupplier clock;
    private final DoubleConsumer lagSeconds;

    public TimedJournal(EventJournal journal, LongSupplier clock, DoubleConsumer lagSeconds) {
        this.journal = journal;
        this.clock = clock;
        this.lagSeconds = lagSeconds;
    }

    @Override
    public void append(List<SearchEvent> events) {
        journal.append(events);
        if (!events.isEmpty()) {
            long first = events.stream().mapToLong(SearchEvent::atMillis).min().getAsLong();
            lagSeconds.accept(Math.max(0, clock.getAsLong() - first) / 1000.0);
        }
    }

    @Override
    public List<SearchEvent> events() {
        return journal.events();
    }

    @Override
    public void resumedWith(String config, String createdBy, long atMillis) {
        journal.resumedWith(config, createdBy, atMillis);
    }

    @Override
    public String config() {
        return journal.config();
    }

    @Override
    public long trialsWithStatus(String status) {
        return journal.trialsWithStatus(status);
    }

    @Override
    public void close() {
        journal.close();
    }
}
