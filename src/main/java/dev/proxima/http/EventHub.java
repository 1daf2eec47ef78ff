package dev.proxima.http;

import dev.proxima.search.SearchEvent;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Fans a search's event batches out to its event-stream clients. Publishing never blocks the
 * supervisor: each client has a bounded queue, and a client that falls that far behind is
 * dropped (its browser reconnects and reloads the view) rather than slowing the search.
 */
public final class EventHub {
    /** Batches a client may fall behind before it is dropped. */
    static final int BACKLOG = 1024;

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** One client's queue; {@link #next} gives its batches in order. */
    public final class Subscription implements AutoCloseable {
        private final BlockingQueue<List<SearchEvent>> queue = new ArrayBlockingQueue<>(BACKLOG);
        private volatile boolean overflowed;

        /** The next batch, or null when none came within the wait (or the client was dropped: see {@link #dropped}). */
        public List<SearchEvent> next(long timeout, TimeUnit unit) throws InterruptedException {
            return overflowed ? null : queue.poll(timeout, unit);
        }

        /** Whatever else is queued already, appended to {@code into} (one message for several batches). */
        public void drainTo(List<SearchEvent> into) {
            List<List<SearchEvent>> more = new java.util.ArrayList<>();
            queue.drainTo(more);
            more.forEach(into::addAll);
        }

        /** True once the client fell {@link #BACKLOG} batches behind. */
        public boolean dropped() {
            return overflowed;
        }

        /** True when the search ended and every batch was taken. */
        public boolean finished() {
            return closed && queue.isEmpty();
        }

        void offer(List<SearchEvent> batch) {
            if (!queue.offer(batch)) {
                overflowed = true;
                queue.clear();
            }
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }

    public Subscription subscribe() {
        Subscription s = new Subscription();
        subscriptions.add(s);
        if (closed) {
            s.offer(List.of());
        }
        return s;
    }

    public void publish(List<SearchEvent> batch) {
        for (Subscription s : subscriptions) {
            s.offer(batch);
        }
    }

    /** The search ended: streams end once their clients have the last batch (an empty batch wakes them). */
    public void close() {
        closed = true;
        for (Subscription s : subscriptions) {
            s.offer(List.of());
        }
    }

    public int clients() {
        return subscriptions.size();
    }
}
