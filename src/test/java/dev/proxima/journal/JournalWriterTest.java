package dev.proxima.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.search.SearchEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalWriterTest {
    @TempDir
    Path dir;

    private static List<SearchEvent> trial(long id) {
        return List.of(new SearchEvent.TrialProposed(id, "a" + id, "h" + id, "hp12", 0, -1, id),
                new SearchEvent.TrialAssigned(id, 1, "w", 100, id));
    }

    @Test
    void eachContinuationRunsAfterItsEventsAreCommittedInOrderAndBatchesShareCommits() throws Exception {
        Path file = dir.resolve("journal.db");
        List<Long> durableWhenRun = new CopyOnWriteArrayList<>();
        List<Long> order = new CopyOnWriteArrayList<>();
        try (SqliteJournal journal = SqliteJournal.create(file, "", "test"); SqliteJournal reader = SqliteJournal.open(file)) {
            JournalWriter writer = new JournalWriter(journal, e -> { });
            for (long id = 1; id <= 500; id++) {
                long trial = id;
                writer.write(trial(id), () -> {
                    order.add(trial);
                    if (trial % 100 == 0) { // another connection sees the trial: committed, not just queued
                        durableWhenRun.add(reader.events().stream().filter(e -> e instanceof SearchEvent.TrialProposed p
                                && p.trialId() == trial).count());
                    }
                });
            }
            writer.close();
            long[] counts = writer.counts();
            assertEquals(1000, counts[1]);
            assertTrue(counts[0] < 500, "batches queued during a commit share the next one: " + counts[0] + " commits");
            List<SearchEvent> expected = new ArrayList<>();
            for (long id = 1; id <= 500; id++) {
                expected.addAll(trial(id));
            }
            assertEquals(expected, reader.events());
        }
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L), durableWhenRun);
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 500).boxed().toList(), order);
    }

    @Test
    void aFailedAppendStopsTheWriterAndNothingAfterItRuns() throws Exception {
        SqliteJournal journal = SqliteJournal.create(dir.resolve("journal.db"), "", "test");
        journal.close(); // every append now fails
        CountDownLatch failed = new CountDownLatch(1);
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        JournalWriter writer = new JournalWriter(journal, e -> {
            failures.incrementAndGet();
            failed.countDown();
        });
        writer.write(trial(1), ran::incrementAndGet);
        assertTrue(failed.await(10, TimeUnit.SECONDS));
        writer.write(trial(2), ran::incrementAndGet);
        assertThrows(IllegalStateException.class, writer::close, "close reports the failure");
        assertEquals(0, ran.get(), "no continuation of an unwritten batch ran");
        assertEquals(1, failures.get());
    }
}
