package dev.proxima.supervisor;

import dev.proxima.search.SearchEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * Makes the events of one handled message durable, then runs what they decided (the messages
 * that leave the supervisor): write-ahead. {@code JournalWriter::write} does it off the actor's
 * thread with group commit; {@link #synchronous} does it in place.
 */
@FunctionalInterface
public interface WriteAhead {
    void write(List<SearchEvent> events, Runnable afterDurable);

    /** {@code sink} takes the events (when there are any) before the continuation runs, on the caller's thread. */
    static WriteAhead synchronous(Consumer<List<SearchEvent>> sink) {
        return (events, afterDurable) -> {
            if (!events.isEmpty()) {
                sink.accept(events);
            }
            afterDurable.run();
        };
    }
}
