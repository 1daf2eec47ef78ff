package dev.proxima.journal;

import dev.proxima.search.SearchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Group commit off the supervisor's thread: {@link #write} queues a batch of events with what may
 * happen once they are durable; one thread appends everything queued so far in one transaction,
 * then runs the continuations in order. The supervisor's loop never waits for the disk, and while
 * one commit runs the batches of other workers gather for the next, so commits grow with the load
 * instead of their count. "Acknowledged" still means "durable": a continuation (sending an
 * assignment, an acknowledgement) runs only after its events committed.
 *
 * <p>A failed append stops the writer: nothing queued after it runs, and {@code onFailure} is told
 * once (the search must end, as its decisions can no longer be made durable).
 */
public final class JournalWriter implements AutoCloseable {
    private record Batch(List<SearchEvent> events, Runnable afterDurable) {}

    private static final Batch STOP = new Batch(List.of(), () -> { });

    private final EventJournal journal;
    private final Consumer<Throwable> onFailure;
    private final LinkedBlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean closed;
    private volatile long commits;
    private volatile long events;

    public JournalWriter(EventJournal journal, Consumer<Throwable> onFailure) {
        this.journal = journal;
        this.onFailure = onFailure;
        this.thread = new Thread(this::run, "proxima-journal-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues {@code batch}, which the caller hands over (it must not change it afterwards);
     * {@code afterDurable} runs on the writer's thread once the events are committed.
     */
    public void write(List<SearchEvent> batch, Runnable afterDurable) {
        if (closed) {
            throw new IllegalStateException("the journal writer is closed");
        }
        queue.add(new Batch(batch, afterDurable));
    }

    private void run() {
        List<Batch> group = new ArrayList<>();
        List<SearchEvent> all = new ArrayList<>();
        try {
            while (true) {
                group.add(queue.take());
                queue.drainTo(group);
                boolean stop = group.remove(STOP);
                for (Batch b : group) {
                    all.addAll(b.events());
                }
                if (!all.isEmpty()) {
                    journal.append(all);
                    commits++;
                    events += all.size();
                }
                for (Batch b : group) {
                    b.afterDurable().run();
                }
                group.clear();
                all.clear();
                if (stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
            onFailure.accept(e);
        }
    }

    /** Commits made and events written so far (for the benchmark's events-per-commit figure). */
    public long[] counts() {
        return new long[] {commits, events};
    }

    /** Writes what is queued, then stops; rethrows a failure of the writer. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            queue.add(STOP);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
    }
}
