package dev.proxima.http;

import dev.proxima.search.SearchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans a search's event batches out to its event-stream clients. Publishing never blocks the
 * search's fold and never wakes a client thread by itself: a client of the full stream has a bounded
 * queue it empties at most every {@link #COALESCE_MILLIS} (one message for what came meanwhile),
 * and is dropped if it falls {@link #BACKLOG} batches behind (its browser reconnects and reloads
 * the view) rather than slowing the search; a ticking client (the page) only has a counter.
 */
public final class EventHub {
    /** Batches a client of the full stream may fall behind before it is dropped. */
    static final int BACKLOG = 100_000;
    /** How long a client of the full stream waits for more after the first batch of a message. */
    static final long COALESCE_MILLIS = 50;

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** One client: every batch in order ({@link #next}), or only how many events came ({@link #takeCount}). */
    public final class Subscription implements AutoCloseable {
        private final BlockingQueue<List<SearchEvent>> queue;
        private final AtomicLong count = new AtomicLong();
        private volatile boolean overflowed;

        private Subscription(boolean countOnly) {
            queue = countOnly ? null : new ArrayBlockingQueue<>(BACKLOG);
        }

        /**
         * The events of the batches that came within {@code timeoutMillis} and during the
         * {@link #COALESCE_MILLIS} after the first; empty when none came (or the client was dropped:
         * see {@link #dropped}).
         */
        public List<SearchEvent> next(long timeoutMillis) throws InterruptedException {
            List<SearchEvent> out = new ArrayList<>();
            List<SearchEvent> first = overflowed ? null : queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (first != null) {
                out.addAll(first);
                Thread.sleep(COALESCE_MILLIS);
                List<List<SearchEvent>> more = new ArrayList<>();
                queue.drainTo(more);
                more.forEach(out::addAll);
            }
            return out;
        }

        /** Events published since the last call (a ticking client). */
        public long takeCount() {
            return count.getAndSet(0);
        }

        /** True once the client fell {@link #BACKLOG} batches behind. */
        public boolean dropped() {
            return overflowed;
        }

        /** True when the search ended and every batch was taken. */
        public boolean finished() {
            return closed && (queue == null ? count.get() == 0 : queue.isEmpty());
        }

        void offer(List<SearchEvent> batch) {
            if (queue == null) {
                count.addAndGet(batch.size());
            } else if (!queue.offer(batch)) {
                overflowed = true;
                queue.clear();
            }
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }

    /** @param countOnly a ticking client's subscription: a counter, no queue */
    public Subscription subscribe(boolean countOnly) {
        Subscription s = new Subscription(countOnly);
        subscriptions.add(s);
        return s;
    }

    public void publish(List<SearchEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        for (Subscription s : subscriptions) {
            s.offer(batch);
        }
    }

    /** The search ended: streams end once their clients have the last batch. */
    public void close() {
        closed = true;
    }

    public boolean closed() {
        return closed;
    }

    public int clients() {
        return subscriptions.size();
    }
}
