package dev.proxima.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.proxima.search.SearchEvent.TrialAssigned;
import dev.proxima.search.SearchEvent.TrialCompleted;
import dev.proxima.search.SearchEvent.TrialProposed;
import dev.proxima.stopping.TierEntry;
import dev.proxima.testing.NamedSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The O(log n) indexes ASHA promotes from agree with a scan of the ranking, whatever the order of events. */
class TrialBookPromotionIndexTest {
    @Test
    void bestUnpromotedAndPromotedAboveMatchAScanOfTheRanking() {
        SplittableRandom rng = new SplittableRandom(7);
        TrialBook book = new TrialBook(new NamedSpace(), 2);
        List<Long> scored = new ArrayList<>();
        long next = 1;
        for (int step = 0; step < 2_000; step++) {
            long id = next++;
            boolean promote = !scored.isEmpty() && rng.nextInt(3) == 0;
            long from = promote ? scored.remove(rng.nextInt(scored.size())) : -1;
            book.apply(new TrialProposed(id, "c" + id, "h" + id, promote ? "top" : "bottom", promote ? 1 : 0, from, step));
            book.apply(new TrialAssigned(id, 1, "w", 1_000, step));
            // coarse scores make ties, which rank by trial id
            book.apply(new TrialCompleted(id, 1, "w", rng.nextInt(50), 1, Map.of(), step));
            if (!promote) {
                scored.add(id);
            }
            Optional<Long> bestByScan = Optional.empty();
            int promotedAbove = 0;
            for (TierEntry e : book.ranked(0)) {
                if (!e.isPromoted()) {
                    bestByScan = Optional.of(e.trialId());
                    break;
                }
                promotedAbove++;
            }
            assertEquals(bestByScan, book.bestUnpromoted(0).map(TierEntry::trialId), "step " + step);
            if (bestByScan.isPresent()) {
                assertEquals(promotedAbove, book.promotedAbove(0, bestByScan.get()), "step " + step);
            }
        }
    }
}
