package dev.proxima.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.proxima.config.ProximaConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.protocol.v1.JournalEvent;
import dev.proxima.protocol.v1.JournalHeader;
import dev.proxima.replay.Simulator;
import dev.proxima.search.Budget;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchSettings;
import dev.proxima.space.nb201.Nb201Space;
import dev.proxima.testing.Tables;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    /** One event of every kind, with values that are not protobuf's defaults. */
    static final List<SearchEvent> ONE_OF_EACH = List.of(
            new SearchEvent.SearchStarted(7, 1),
            new SearchEvent.TrialProposed(3, "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|none~2|", "ab12",
                    "hp12", 1, 2, 5),
            new SearchEvent.TrialAssigned(3, 2, "worker-1", 7_200_005, 6),
            new SearchEvent.ProgressReported(3, 2, "worker-1", 0.5, 61.25, 7),
            new SearchEvent.TrialCompleted(3, 2, "worker-1", 84.5, 101.25, Map.of("test_acc_200", 94.37, "params_mb", 1.5), 8),
            new SearchEvent.TrialStopRequested(4, 1, "worker-2", "asha", "below the rung", 9),
            new SearchEvent.TrialStopped(4, 1, "worker-2", 12.5, 10),
            new SearchEvent.CandidateReused(5, "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|", 0, -1, 3, 11),
            new SearchEvent.AttemptAbandoned(6, 1, "worker-3", "deadline passed", 12),
            new SearchEvent.TrialFailed(6, 2, "worker-1", "loss is NaN", 3.5, 13),
            new SearchEvent.TrialDiscarded(7, 1, "worker-2", 0, "the budget ran out", 14),
            new SearchEvent.TrialRequeued(8, 1, "worker lost", 15),
            new SearchEvent.BudgetExhausted(Budget.Limit.SPACE, 16),
            new SearchEvent.SearchResumed(16, 90_017));

    @Test
    void everyKindOfEventSurvivesTheRoundTripThroughBytes() throws InvalidProtocolBufferException {
        for (SearchEvent e : ONE_OF_EACH) {
            byte[] bytes = EventCodec.encode(e).toByteArray();
            assertEquals(e, EventCodec.decode(JournalEvent.parseFrom(bytes)));
        }
    }

    @Test
    void theSampleCoversEveryKindOfEvent() {
        Set<Class<?>> kinds = new HashSet<>(List.of(SearchEvent.class.getPermittedSubclasses()));
        ONE_OF_EACH.forEach(e -> kinds.remove(e.getClass()));
        assertTrue(kinds.isEmpty(), "event kinds without a sample (and maybe without a journal form): " + kinds);
    }

    @Test
    void aReplayedSearchDecodesToTheSameEventsAndRecoversToTheSameAnswer() {
        ProximaSettings config = ProximaConfig.overlay(Path.of("conf/nb201-synflow-rea.conf"),
                ProximaConfig.load(java.util.Optional.empty())).settings();
        SearchSettings settings = config.replaySearch(config.replay().dedup());
        var strategies = config.strategies(new Nb201Space(), settings.ladder());
        Simulator.Run run = new Simulator(new Nb201Space(), Tables.nb201Replay(), strategies, settings, 2, "test_acc_200").run(3);
        List<SearchEvent> history = run.core().history();
        List<SearchEvent> decoded = history.stream().map(EventCodec::encode).map(EventCodec::decode).toList();
        assertEquals(history, decoded);
        SearchCore recovered = SearchCore.recover(settings.withSeed(3), new Nb201Space(), strategies.get(), decoded);
        assertEquals(run.core().best(), recovered.best());
        assertEquals(run.core().book().countByStatus(), recovered.book().countByStatus());
    }

    @Test
    void aNewerFormatOrAnEmptyEventIsRefusedWithAReason() {
        EventCodec.checkHeader(EventCodec.header("test"));
        IllegalArgumentException newer = assertThrows(IllegalArgumentException.class, () -> EventCodec.checkHeader(
                JournalHeader.newBuilder().setFormatVersion(EventCodec.FORMAT_VERSION + 1).setCreatedBy("proxima 9").build()));
        assertTrue(newer.getMessage().contains("written by proxima 9"), newer.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> EventCodec.decode(JournalEvent.newBuilder().setAtMillis(5).build()));
        assertTrue(empty.getMessage().contains("holds no event"), empty.getMessage());
    }
}
