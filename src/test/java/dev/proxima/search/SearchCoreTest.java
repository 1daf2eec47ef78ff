package dev.proxima.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.proxy.Fidelity;
import dev.proxima.search.SearchEvent.TrialAssigned;
import dev.proxima.testing.NamedSpace;
import dev.proxima.testing.ScriptedController;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchCoreTest {
    private static final Fidelity FIDELITY = new Fidelity("hp12", 12);
    private final NamedSpace space = new NamedSpace();

    private SearchCore core(ScriptedController controller, Budget budget, DedupPolicy dedup) {
        return SearchCore.start(new SearchSettings(1, FIDELITY, budget, 1_000, 2, dedup), space, controller, 0);
    }

    private static Assignment assign(SearchCore core, String worker, long now) {
        core.assign(worker, now);
        return core.assignmentFor(worker).orElseThrow();
    }

    @Test
    void newWorkersGetNewProposalsAndARepeatedRequestGetsTheSameAttempt() {
        SearchCore core = core(new ScriptedController("a", "b"), new Budget(10, 0, 0), DedupPolicy.OFF);
        Assignment first = assign(core, "w1", 0);
        assertEquals("a", first.architecture().encode());
        assertEquals(1, first.attempt());
        assertEquals(1_000, first.deadlineMillis());
        assertTrue(core.assign("w1", 5).isEmpty(), "no events for a repeated request");
        assertEquals(first, core.assignmentFor("w1").orElseThrow());
        assertEquals("b", assign(core, "w2", 5).architecture().encode());
    }

    @Test
    void theFirstResultWinsAndDuplicatesChangeNothing() {
        ScriptedController controller = new ScriptedController("a");
        SearchCore core = core(controller, new Budget(10, 0, 0), DedupPolicy.OFF);
        Assignment a = assign(core, "w1", 0);
        assertEquals(1, core.complete(a.trialId(), 1, "w1", 80.0, 10, Map.of("test", 90.0), 10).size());
        assertTrue(core.complete(a.trialId(), 1, "w1", 99.0, 10, Map.of(), 11).isEmpty());
        assertTrue(core.fail(a.trialId(), 1, "w1", "late", 0, 12).isEmpty());
        assertTrue(core.complete(404, 1, "w1", 99.0, 10, Map.of(), 13).isEmpty(), "unknown trial");
        assertEquals(List.of("a=80.0"), controller.observed);
        assertEquals(80.0, core.best().orElseThrow().score());
        assertEquals(10, core.summary(13).deviceSeconds());
    }

    @Test
    void aLostWorkersTrialGoesToTheNextWorkerAsANewAttemptAndIsGivenUpAfterMaxAttempts() {
        SearchCore core = core(new ScriptedController("a", "b"), new Budget(10, 0, 0), DedupPolicy.OFF);
        Assignment lost = assign(core, "w1", 0);
        core.workerLost("w1", "worker w1 stopped", 5);
        assertEquals(TrialStatus.PENDING, core.book().get(lost.trialId()).orElseThrow().status());
        Assignment retry = assign(core, "w2", 6);
        assertEquals(lost.trialId(), retry.trialId());
        assertEquals(2, retry.attempt());
        core.workerLost("w2", "worker w2 stopped", 7);
        TrialRecord given = core.book().get(lost.trialId()).orElseThrow();
        assertEquals(TrialStatus.FAILED, given.status());
        assertEquals("gave up after 2 lost attempts; last: worker w2 stopped", given.reason());
    }

    @Test
    void aHandedBackTrialGoesBackToTheQueueAtOnceAndIsNeverGivenUpForIt() {
        SearchCore core = core(new ScriptedController("a", "b"), new Budget(10, 0, 0), DedupPolicy.OFF);
        Assignment first = assign(core, "w1", 0);
        assertTrue(core.handBack(first.trialId(), first.attempt(), "w2", "leaving", 1).isEmpty(), "not w2's attempt");
        assertTrue(core.handBack(first.trialId(), 7, "w1", "leaving", 1).isEmpty(), "not the running attempt");
        assertEquals(List.of(SearchEvent.AttemptAbandoned.class, SearchEvent.TrialRequeued.class),
                core.handBack(first.trialId(), first.attempt(), "w1", "shutting down", 2).stream()
                        .map(Object::getClass).toList());
        Assignment again = assign(core, "w2", 3);
        assertEquals(first.trialId(), again.trialId(), "the handed-back trial is the next one assigned");
        core.handBack(again.trialId(), again.attempt(), "w2", "recycled", 4); // attempt 2 of max 2
        TrialRecord r = core.book().get(first.trialId()).orElseThrow();
        assertEquals(TrialStatus.PENDING, r.status(), "a hand-back is no lost attempt");
        assertTrue(core.handBack(first.trialId(), again.attempt(), "w2", "twice", 5).isEmpty(), "a duplicate changes nothing");
    }

    @Test
    void overdueAttemptsAreRequeuedAndALateResultOfTheOldAttemptStillCounts() {
        SearchCore core = core(new ScriptedController("a", "b"), new Budget(10, 0, 0), DedupPolicy.OFF);
        Assignment slow = assign(core, "w1", 0);
        assertTrue(core.requeueOverdue(1_000).isEmpty(), "deadline not passed yet");
        List<SearchEvent> requeued = core.requeueOverdue(1_001);
        assertEquals(List.of(SearchEvent.AttemptAbandoned.class, SearchEvent.TrialRequeued.class),
                requeued.stream().map(Object::getClass).toList(), "the core itself says the attempt is abandoned");
        SearchEvent.AttemptAbandoned abandoned = (SearchEvent.AttemptAbandoned) requeued.get(0);
        assertEquals(List.of("w1", 1), List.of(abandoned.workerId(), abandoned.attempt()));
        assertEquals("deadline passed on worker w1", core.book().get(slow.trialId()).orElseThrow().reason());
        core.complete(slow.trialId(), 1, "w1", 70, 1, Map.of(), 1_002);
        assertEquals(TrialStatus.COMPLETED, core.book().get(slow.trialId()).orElseThrow().status());
        assertEquals("b", assign(core, "w2", 1_003).architecture().encode(), "the completed trial left the queue");
    }

    @Test
    void aLateResultOfTheOldAttemptAbandonsTheAttemptNowRunning() {
        SearchCore core = core(new ScriptedController("a", "b"), new Budget(10, 0, 0), DedupPolicy.OFF);
        Assignment slow = assign(core, "w1", 0);
        core.requeueOverdue(1_001);
        Assignment retry = assign(core, "w2", 1_002);
        assertEquals(slow.trialId(), retry.trialId());
        List<SearchEvent> events = core.complete(slow.trialId(), 1, "w1", 70, 1, Map.of(), 1_003);
        SearchEvent.AttemptAbandoned stop = (SearchEvent.AttemptAbandoned) events.get(0);
        assertEquals(List.of("w2", 2), List.of(stop.workerId(), stop.attempt()));
        assertTrue(core.assignmentFor("w2").isEmpty(), "w2 has nothing to run now");
    }

    @Test
    void aResultThatWouldExceedTheDeviceBudgetIsDiscardedAndEndsTheSearch() {
        SearchCore core = core(new ScriptedController("a", "b", "c"), new Budget(0, 100, 0), DedupPolicy.OFF);
        core.complete(assign(core, "w1", 0).trialId(), 1, "w1", 50, 60, Map.of(), 60);
        Assignment over = assign(core, "w1", 60);
        Assignment pending = assign(core, "w2", 60);
        core.complete(over.trialId(), 1, "w1", 99, 41, Map.of(), 101);
        assertEquals(TrialStatus.DISCARDED, core.book().get(over.trialId()).orElseThrow().status());
        assertEquals(50, core.best().orElseThrow().score(), "the discarded score does not count");
        assertTrue(core.isFinished());
        assertEquals(Budget.Limit.DEVICE_SECONDS, core.summary(101).exhausted().orElseThrow());
        core.complete(pending.trialId(), 1, "w2", 99, 1, Map.of(), 102);
        assertEquals(TrialStatus.DISCARDED, core.book().get(pending.trialId()).orElseThrow().status());
        core.assign("w1", 103);
        assertTrue(core.assignmentFor("w1").isEmpty());
    }

    @Test
    void theTrialLimitStopsProposingButLetsRunningTrialsFinish() {
        SearchCore core = core(new ScriptedController("a", "b", "c"), new Budget(2, 0, 0), DedupPolicy.OFF);
        Assignment a = assign(core, "w1", 0);
        Assignment b = assign(core, "w2", 0);
        core.assign("w3", 0);
        assertTrue(core.assignmentFor("w3").isEmpty());
        core.complete(a.trialId(), 1, "w1", 1, 1, Map.of(), 1);
        assertFalse(core.isFinished());
        core.complete(b.trialId(), 1, "w2", 2, 1, Map.of(), 2);
        assertTrue(core.isFinished());
    }

    @Test
    void theWallClockLimitEndsTheSearch() {
        SearchCore core = core(new ScriptedController("a"), new Budget(0, 0, 10), DedupPolicy.OFF);
        Assignment a = assign(core, "w1", 0);
        core.requeueOverdue(10_001);
        assertTrue(core.isFinished());
        core.complete(a.trialId(), 1, "w1", 1, 1, Map.of(), 10_002);
        assertTrue(core.best().isEmpty());
    }

    @Test
    void isomorphicProposalsReuseTheEarlierResultAtNoCost() {
        ScriptedController controller = new ScriptedController("a~1", "a~2", "b");
        SearchCore core = core(controller, new Budget(10, 0, 0), DedupPolicy.ISOMORPHIC);
        Assignment a = assign(core, "w1", 0);
        core.complete(a.trialId(), 1, "w1", 75, 30, Map.of("test", 91.0), 30);
        Assignment next = assign(core, "w1", 30);
        assertEquals("b", next.architecture().encode());
        assertTrue(core.book().get(2).isEmpty(), "a reuse is an observation, not a trial");
        assertEquals(1, core.book().timesReused(a.trialId()));
        assertEquals(1, core.summary(30).counts().get(TrialStatus.REUSED));
        assertEquals(3, next.trialId(), "the reuse took proposal id 2");
        assertEquals(List.of("a~1=75.0", "a~2=75.0"), controller.observed);
        assertEquals(30, core.summary(30).deviceSeconds());
    }

    @Test
    void aConvergedControllerGetsBoundedReusesAndThenAnUnexploredCandidate() {
        String[] duplicates = new String[60];
        for (int i = 0; i < duplicates.length; i++) {
            duplicates[i] = "a~" + i;
        }
        SearchCore core = core(new ScriptedController(duplicates), new Budget(10, 0, 0), DedupPolicy.ISOMORPHIC);
        Assignment a = assign(core, "w1", 0);
        core.complete(a.trialId(), 1, "w1", 75, 30, Map.of(), 30);
        Assignment next = assign(core, "w1", 30);
        assertEquals(SearchCore.MAX_REUSES_IN_A_ROW, core.book().timesReused(a.trialId()), "reuses in a row are bounded");
        assertTrue(next.architecture().encode().startsWith("r"), "a uniform draw no trial scored: " + next.architecture());
        assertEquals(SearchCore.MAX_REUSES_IN_A_ROW + 2, next.trialId());
    }

    @Test
    void aSearchWhoseSpaceIsExhaustedEndsOnceItsTrialsFinish() {
        // a space of two classes, both scored: every proposal and every uniform draw is a duplicate
        NamedSpace twoClasses = new NamedSpace() {
            @Override
            public dev.proxima.space.Architecture sample(java.util.random.RandomGenerator rng) {
                return new NamedSpace.Named((rng.nextBoolean() ? "a" : "b") + "~" + rng.nextInt(100));
            }
        };
        SearchCore core = SearchCore.start(new SearchSettings(1, FIDELITY, new Budget(100, 0, 0), 1_000, 2,
                DedupPolicy.ISOMORPHIC), twoClasses, new ScriptedController("a", "b", "a~1", "b~1", "a~2", "b~2", "a~3",
                "b~3", "a~4", "b~4", "a~5", "b~5"), 0);
        Assignment a = assign(core, "w1", 0);
        core.complete(a.trialId(), 1, "w1", 70, 10, Map.of(), 10);
        Assignment b = assign(core, "w1", 10);
        core.complete(b.trialId(), 1, "w1", 80, 10, Map.of(), 20);
        core.assign("w1", 20);
        assertTrue(core.assignmentFor("w1").isEmpty(), "nothing new to evaluate");
        assertTrue(core.isFinished());
        assertEquals(Budget.Limit.SPACE, core.summary(20).exhausted().orElseThrow());
        assertEquals(2, core.book().size(), "the duplicates made no trials");
    }

    @Test
    void whenTheWallClockRunsOutRunningAttemptsAreDiscardedAndTheirLateResultsIgnored() {
        SearchCore core = core(new ScriptedController("a", "b"), new Budget(0, 0, 10), DedupPolicy.OFF);
        Assignment a = assign(core, "w1", 0);
        Assignment b = assign(core, "w2", 0);
        core.requeueOverdue(11_000);
        assertTrue(core.isFinished());
        assertEquals(TrialStatus.DISCARDED, core.book().get(a.trialId()).orElseThrow().status());
        assertEquals(TrialStatus.DISCARDED, core.book().get(b.trialId()).orElseThrow().status());
        assertTrue(core.book().running().isEmpty(), "no trial stays running after the search");
        assertTrue(core.complete(a.trialId(), 1, "w1", 90, 5, Map.of(), 12_000).isEmpty(), "a late result changes nothing");
        assertTrue(core.best().isEmpty());
    }

    @Test
    void aNonFiniteScoreFailsTheTrial() {
        SearchCore core = core(new ScriptedController("a"), new Budget(10, 0, 0), DedupPolicy.OFF);
        Assignment a = assign(core, "w1", 0);
        core.complete(a.trialId(), 1, "w1", Double.NaN, 3, Map.of(), 3);
        assertEquals(TrialStatus.FAILED, core.book().get(a.trialId()).orElseThrow().status());
        assertTrue(core.best().isEmpty());
    }

    @Test
    void replayingTheEventsRebuildsTheSameState() {
        SearchCore live = core(new ScriptedController("a", "b", "c", "d"), new Budget(10, 0, 0), DedupPolicy.OFF);
        Assignment a = assign(live, "w1", 0);
        assign(live, "w2", 0);
        live.complete(a.trialId(), 1, "w1", 60, 5, Map.of(), 5);
        live.workerLost("w2", "gone", 6);
        SearchCore recovered = SearchCore.recover(live.settings(), space, Strategy.of(new ScriptedController("a", "b", "c", "d")),
                live.history());
        assertEquals(List.copyOf(live.book().trials()), List.copyOf(recovered.book().trials()));
        assertEquals(live.summary(7), recovered.summary(7));
        List<SearchEvent> next = live.assign("w3", 7);
        assertEquals(next, recovered.assign("w3", 7));
        assertTrue(next.get(0) instanceof TrialAssigned t && t.attempt() == 2, "the re-queued trial goes first");
    }

    @Test
    void aResumedSearchRequeuesItsInFlightAttemptsWithoutCountingRestartsAsLostAttempts() {
        SearchCore live = core(new ScriptedController("a", "b"), new Budget(10, 0, 0), DedupPolicy.OFF);
        Assignment a = assign(live, "w1", 0);
        for (int restart = 1; restart <= 3; restart++) { // max-attempts is 2: restarts must not use them up
            SearchCore core = SearchCore.recover(live.settings(), space, Strategy.of(new ScriptedController("a", "b")),
                    live.history());
            List<SearchEvent> resumed = core.resume(restart * 100);
            assertEquals(List.of(SearchEvent.SearchResumed.class, SearchEvent.AttemptAbandoned.class,
                    SearchEvent.TrialRequeued.class), resumed.stream().map(Object::getClass).toList());
            Assignment again = assign(core, "w1", restart * 100 + 1);
            assertEquals(List.of(a.trialId(), restart + 1), List.of(again.trialId(), again.attempt()));
            live = core;
        }
        live.complete(a.trialId(), 4, "w1", 70, 3, Map.of(), 500);
        assertEquals(TrialStatus.COMPLETED, live.book().get(a.trialId()).orElseThrow().status());
    }

    @Test
    void theWallClockCountsOnlyThePeriodsTheSearchWasAlive() {
        SearchCore first = core(new ScriptedController("a", "b"), new Budget(0, 0, 10), DedupPolicy.OFF);
        Assignment a = assign(first, "w1", 0);
        first.complete(a.trialId(), 1, "w1", 60, 1, Map.of(), 4_000); // the last event before the kill
        SearchCore core = SearchCore.recover(first.settings(), space, Strategy.of(new ScriptedController("a", "b")),
                first.history());
        core.resume(1_000_000); // down for 996 s
        assertEquals(7.0, core.summary(1_003_000).elapsedSeconds(), 1e-9);
        assertTrue(core.requeueOverdue(1_005_999).isEmpty());
        assertFalse(core.isFinished(), "4 s alive before the kill, 5.999 after");
        core.requeueOverdue(1_006_001);
        assertTrue(core.isFinished(), "10 s of alive time spent");
        SearchCore again = SearchCore.recover(core.settings(), space, Strategy.of(new ScriptedController("a", "b")),
                core.history());
        assertEquals(core.summary(1_006_001), again.summary(1_006_001), "the resume is in the events");
    }
}
