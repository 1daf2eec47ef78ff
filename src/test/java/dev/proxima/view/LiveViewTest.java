package dev.proxima.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchEvent.ProgressReported;
import dev.proxima.search.SearchEvent.TrialAssigned;
import dev.proxima.search.SearchEvent.TrialCompleted;
import dev.proxima.search.SearchEvent.TrialProposed;
import dev.proxima.search.SearchEvent.TrialStopRequested;
import dev.proxima.search.SearchEvent.TrialStopped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class LiveViewTest {
    private final List<SearchEvent> events = new ArrayList<>();

    private void trial(long id, String arch, int tier, long from, String worker, long start, long end, double score,
            double cost) {
        events.add(new TrialProposed(id, arch, arch, "t" + tier, tier, from, start));
        events.add(new TrialAssigned(id, 1, worker, end + 1000, start));
        events.add(new TrialCompleted(id, 1, worker, score, cost, Map.of(), end));
    }

    @Test
    void bestSoFarFunnelAndWorkersFollowTheEvents() {
        trial(1, "a", 0, -1, "w0", 0, 1000, 50, 3600);
        trial(2, "b", 0, -1, "w1", 0, 2000, 40, 3600);
        trial(3, "a", 1, 1, "w0", 1000, 3000, 60, 7200);
        events.add(new TrialProposed(4, "c", "c", "t0", 0, -1, 3000));
        events.add(new TrialAssigned(4, 1, "w1", 9000, 3000));
        LiveView view = new LiveView(List.of("t0", "t1"));
        view.apply(events);
        Map<String, Object> s = view.snapshot(4000);
        assertEquals(List.of(List.of(1.0, 50.0, 1L), List.of(4.0, 60.0, 3L)), s.get("bestSoFar"),
                "a point per new best, at the device-hours spent when it came (trial 2 was no better)");
        assertEquals(4.0, (double) s.get("deviceHours"), 1e-9);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> funnel = (List<Map<String, Object>>) s.get("funnel");
        assertEquals(3, funnel.get(0).get("entered"));
        assertEquals(2, funnel.get(0).get("completed"));
        assertEquals(1, funnel.get(0).get("promoted"));
        assertEquals(1, funnel.get(1).get("entered"));
        assertEquals(Map.of("pending", 0, "running", 1, "completed", 3, "stopped", 0, "failed", 0, "discarded", 0),
                view.statusCounts());
        // w0 busy 0-3000 of 0-4000; w1 busy 0-2000 and 3000-4000 (running trial 4)
        assertEquals(Map.of("w0", 0.75, "w1", 0.75), view.busyFractions(4000));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> workers = (List<Map<String, Object>>) s.get("workers");
        assertEquals(4L, workers.get(1).get("trial"));
        assertEquals("c", workers.get(1).get("architecture"));
        assertEquals(-1L, workers.get(0).get("trial"));
    }

    @Test
    void tierPairsRankTheCandidatesThatReachedBothTiers() {
        double[][] scores = {{50, 60}, {40, 45}, {30, 50}, {20, 10}};
        for (int i = 0; i < scores.length; i++) {
            trial(i + 1, "x" + i, 0, -1, "w", i * 10, i * 10 + 5, scores[i][0], 1);
        }
        for (int i = 0; i < scores.length; i++) {
            trial(10 + i, "x" + i, 1, i + 1, "w", 100 + i * 10, 105 + i * 10, scores[i][1], 1);
        }
        LiveView view = new LiveView(List.of("t0", "t1"));
        view.apply(events);
        TierPair pair = view.tierPairs().get(0);
        assertEquals(4, pair.points().size());
        // ranks by t0: 1,2,3,4; by t1: 1,3,2,4 -> rho = 1 - 6*(0+1+1+0)/(4*15) = 0.8
        assertEquals(0.8, pair.spearman().getAsDouble(), 1e-12);
        assertEquals(60.0, pair.points().get(0)[1]);
    }

    @Test
    void curvesKeepTheirRejectionAndOnlyTheLatestAreKept() {
        for (long id = 1; id <= 3; id++) {
            events.add(new TrialProposed(id, "a" + id, "a" + id, "t0", 0, -1, 0));
            events.add(new TrialAssigned(id, 1, "w", 100, 0));
            events.add(new ProgressReported(id, 1, "w", 1, 10 * id, 1));
            events.add(new ProgressReported(id, 1, "w", 2, Double.NaN, 2));
        }
        events.add(new TrialStopRequested(3, 1, "w", "asha", "below the cutoff", 3));
        events.add(new TrialStopped(3, 1, "w", 5, 4));
        LiveView view = new LiveView(List.of("t0"), a -> OptionalDouble.empty(), 2);
        view.apply(events);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> curves = (List<Map<String, Object>>) view.snapshot(5).get("curves");
        assertEquals(List.of(2L, 3L), curves.stream().map(c -> c.get("trial")).toList(), "the two latest curves");
        assertEquals(List.of(List.of(1.0, 30.0)), curves.get(1).get("points"), "a score that is not a number is left out");
        assertEquals("asha", curves.get(1).get("rejectedBy"));
        assertEquals("below the cutoff", curves.get(1).get("reason"));
        assertFalse(curves.get(0).containsKey("rejectedBy"));
        assertFalse(view.snapshot(5).containsKey("audit"), "no ground truth, no audit");
    }

    @Test
    void theAuditCountsRejectedCandidatesWhoseTruthWasAmongTheBest() {
        // 12 candidates with truth 1..12; candidates 12 (best) and 1 (worst) are stopped early
        for (int i = 1; i <= 12; i++) {
            events.add(new TrialProposed(i, "c" + i, "c" + i, "t0", 0, -1, i));
            events.add(new TrialAssigned(i, 1, "w", 1000, i));
            if (i == 12 || i == 1) {
                events.add(new TrialStopRequested(i, 1, "w", "median", "below median", i));
                events.add(new TrialStopped(i, 1, "w", 1, i));
            } else {
                events.add(new TrialCompleted(i, 1, "w", i, 1, Map.of(), i));
            }
        }
        LiveView view = new LiveView(List.of("t0"), a -> OptionalDouble.of(Double.parseDouble(a.substring(1))), 60);
        view.apply(events);
        @SuppressWarnings("unchecked")
        Map<String, Object> audit = (Map<String, Object>) view.snapshot(20).get("audit");
        assertEquals(12, audit.get("candidates"));
        assertEquals(2, audit.get("rejected"));
        assertEquals(1, audit.get("falseKills"), "only candidate 12 was in the true top 10: " + audit);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> kills = (List<Map<String, Object>>) audit.get("kills");
        assertEquals(12L, kills.get(0).get("trial"));
        assertTrue(kills.get(0).get("reason").toString().contains("median"));
    }
}
