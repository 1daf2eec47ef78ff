package dev.proxima.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.search.SearchEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every journal must do; each implementation's test extends this. */
abstract class EventJournalContract {
    /** A new, empty journal holding {@code config}. */
    abstract EventJournal create(String config);

    /** The journal {@link #create} made, opened again to read (as {@code status} in another process would). */
    abstract EventJournal reopen();

    /** The journal {@link #create} made, opened again to write (as a resumed search would). */
    abstract EventJournal reopenForAppend();

    @Test
    void eventsComeBackInTheOrderTheyWereAppendedAlsoAfterReopening() {
        List<SearchEvent> all = new ArrayList<>(EventCodecTest.ONE_OF_EACH);
        try (EventJournal journal = create("proxima.search.seed = 7")) {
            journal.append(all.subList(0, 5));
            journal.append(all.subList(5, all.size()));
            journal.append(List.of());
            assertEquals(all, journal.events());
        }
        try (EventJournal again = reopen()) {
            assertEquals(all, again.events());
            assertEquals("proxima.search.seed = 7", again.config());
        }
    }

    @Test
    void anotherReaderSeesEveryCommittedAppendWhileTheWriterIsOpen() {
        try (EventJournal writer = create("")) {
            writer.append(EventCodecTest.ONE_OF_EACH.subList(0, 3));
            try (EventJournal reader = reopen()) {
                assertEquals(3, reader.events().size());
                writer.append(EventCodecTest.ONE_OF_EACH.subList(3, 4));
                assertEquals(EventCodecTest.ONE_OF_EACH.subList(0, 4), reader.events());
            }
        }
    }

    @Test
    void aResumedWriterGoesOnAfterTheFirstOneAndOnlyThen() {
        List<SearchEvent> all = EventCodecTest.ONE_OF_EACH;
        try (EventJournal first = create("proxima.search.seed = 7")) {
            first.append(all.subList(0, 3));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::reopenForAppend);
            assertTrue(e.getMessage().contains("a live search is writing this journal"), e.getMessage());
        }
        try (EventJournal resumed = reopenForAppend()) {
            resumed.resumedWith("proxima.search.seed = 7\nproxima.worker.count = 2", "test", 99);
            resumed.append(all.subList(3, all.size()));
        }
        try (EventJournal reader = reopen()) {
            assertEquals(all, reader.events());
            assertEquals("proxima.search.seed = 7\nproxima.worker.count = 2", reader.config(), "the last resume's");
        }
    }

    @Test
    void aReaderCannotWrite() {
        create("").close();
        try (EventJournal reader = reopen()) {
            assertThrows(IllegalStateException.class, () -> reader.append(EventCodecTest.ONE_OF_EACH.subList(0, 1)));
        }
    }
}
