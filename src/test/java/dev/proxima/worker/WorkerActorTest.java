package dev.proxima.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.testkit.javadsl.TestKit;
import dev.proxima.evaluation.Evaluation;
import dev.proxima.evaluation.EvaluationFailedException;
import dev.proxima.evaluation.EvaluationRequest;
import dev.proxima.evaluation.Evaluator;
import dev.proxima.evaluation.ProgressSink;
import dev.proxima.evaluation.StopSignal;
import dev.proxima.protocol.ProtoConversions;
import dev.proxima.protocol.v1.ArchitectureSpec;
import dev.proxima.protocol.v1.AssignTrial;
import dev.proxima.evaluation.PerSearchEvaluator;
import dev.proxima.protocol.v1.HandBackTrial;
import dev.proxima.protocol.v1.LentTrialDone;
import dev.proxima.protocol.v1.LentWorkerIdle;
import dev.proxima.protocol.v1.ServeSearch;
import dev.proxima.protocol.v1.RegisterWorker;
import dev.proxima.protocol.v1.RequestTrial;
import dev.proxima.protocol.v1.TrialAck;
import dev.proxima.protocol.v1.TrialFailed;
import dev.proxima.protocol.v1.TrialFinished;
import dev.proxima.proxy.Fidelity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorkerActorTest {
    private static final String GOOD = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|";
    private static final String BAD = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";
    private static ActorSystem system;

    /** Scores a cell by its op digits; fails on the all-none cell. */
    private static final Evaluator FAKE = new Evaluator() {
        @Override
        public CompletionStage<Evaluation> evaluate(EvaluationRequest r, ProgressSink progress, StopSignal stop) {
            if (r.architecture().encode().equals(BAD)) {
                return CompletableFuture.failedFuture(new EvaluationFailedException("loss is NaN", 2.5));
            }
            return CompletableFuture.completedFuture(new Evaluation(80, 12, Map.of("test_acc_200", 93.0)));
        }

        @Override
        public String describe() {
            return "fake";
        }
    };

    @BeforeAll
    static void start() {
        system = ActorSystem.create("worker-test");
    }

    @AfterAll
    static void stop() {
        TestKit.shutdownActorSystem(system);
    }

    private static AssignTrial assign(long id, String arch) {
        return AssignTrial.newBuilder().setTrialId(id).setAttempt(1).setWorkerId("w")
                .setArchitecture(ArchitectureSpec.newBuilder().setSpace("nb201").setEncoding(arch))
                .setFidelity(ProtoConversions.toProto(new Fidelity("hp12", 12))).build();
    }

    private static ActorRef worker(TestKit supervisor, Duration retry) {
        ActorRef worker = system.actorOf(WorkerActor.props("w", "cpu:0", supervisor.getRef(), FAKE, retry));
        supervisor.expectMsgClass(RegisterWorker.class);
        supervisor.expectMsgClass(RequestTrial.class);
        return worker;
    }

    @Test
    void reportsTheResultUntilAcknowledgedThenAsksForMore() {
        TestKit supervisor = new TestKit(system);
        ActorRef worker = worker(supervisor, Duration.ofMillis(100));
        worker.tell(assign(1, GOOD), supervisor.getRef());
        TrialFinished result = supervisor.expectMsgClass(TrialFinished.class);
        assertEquals(80, result.getScore());
        assertEquals(93.0, result.getMetricsOrThrow("test_acc_200"));
        assertEquals(result, supervisor.expectMsgClass(TrialFinished.class), "re-sent while unacknowledged");
        worker.tell(TrialAck.newBuilder().setTrialId(1).setAttempt(1).setWorkerId("w").build(), supervisor.getRef());
        supervisor.fishForMessage(Duration.ofSeconds(2), "a new request", m -> m instanceof RequestTrial);
    }

    @Test
    void anAssignmentThatCarriesTheAcknowledgementEndsTheResendsAndIsRun() {
        TestKit supervisor = new TestKit(system);
        ActorRef worker = worker(supervisor, Duration.ofMillis(100));
        worker.tell(assign(7, GOOD), supervisor.getRef());
        assertEquals(7, supervisor.expectMsgClass(TrialFinished.class).getTrialId());
        worker.tell(assign(8, GOOD).toBuilder().setAcknowledges(TrialAck.newBuilder().setTrialId(7).setAttempt(1)
                .setWorkerId("w")).build(), supervisor.getRef());
        List<Object> after = supervisor.receiveN(3, Duration.ofSeconds(2)); // 8's result, re-sent while unacknowledged
        assertTrue(after.stream().allMatch(m -> m instanceof TrialFinished f && f.getTrialId() == 8), after.toString());
    }

    @Test
    void aWorkerLentToAnotherSearchReportsWhereItsTrialCameFromAndHandsBackTheOldSearchsAssignments() {
        TestKit a = new TestKit(system);
        TestKit b = new TestKit(system);
        ActorRef worker = worker(a, Duration.ofMillis(100));
        a.ignoreMsg(m -> m instanceof LentWorkerIdle); // a, the pool, hears while the worker waits for b's work
        worker.tell(serve("run-b"), b.getRef());
        b.expectMsgClass(RegisterWorker.class);
        b.expectMsgClass(RequestTrial.class);
        worker.tell(assign(1, GOOD).toBuilder().setRun("run-a").build(), a.getRef()); // sent before a knew
        HandBackTrial back = a.expectMsgClass(HandBackTrial.class);
        assertEquals(1, back.getTrialId());
        worker.tell(assign(2, GOOD).toBuilder().setRun("run-b").build(), b.getRef());
        assertEquals(2, b.expectMsgClass(TrialFinished.class).getTrialId());
        worker.tell(serve("run-a"), a.getRef()); // lent back while unacknowledged
        assertEquals(2, b.expectMsgClass(TrialFinished.class).getTrialId(), "the result is re-sent where its trial came from");
        a.expectNoMessage(Duration.ofMillis(50));
        worker.tell(TrialAck.newBuilder().setTrialId(2).setAttempt(1).setWorkerId("w").setRun("run-b").build(), b.getRef());
        LentTrialDone boundary = a.expectMsgClass(LentTrialDone.class);
        assertEquals("run-b", boundary.getRun(), "the pool hears of the trial boundary of the search that acknowledged");
        a.expectMsgClass(RegisterWorker.class);
        a.expectMsgClass(RequestTrial.class);
    }

    private static ServeSearch serve(String run) {
        return ServeSearch.newBuilder().setRun(run).setConfig("proxima.search.seed = 7").build();
    }

    /** Records what the worker tells it; evaluates as {@link #FAKE}, each attempt held until released. */
    private static final class Recording implements PerSearchEvaluator {
        final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CompletableFuture<Evaluation> held = new CompletableFuture<>();

        @Override
        public void serve(String run, String config) {
            calls.add("serve " + run + " " + config);
        }

        @Override
        public void release(String run) {
            calls.add("release " + run);
        }

        @Override
        public CompletionStage<Evaluation> evaluate(EvaluationRequest r, ProgressSink progress, StopSignal stop) {
            calls.add("evaluate " + r.run());
            return held;
        }

        @Override
        public String describe() {
            return "recording";
        }
    }

    @Test
    void aSearchsEvaluatorIsBuiltWhenTheWorkerIsLentAndLetGoOnlyOnceItsSearchEndedAndItsAttemptReturned() {
        TestKit pool = new TestKit(system);
        TestKit search = new TestKit(system);
        Recording evaluator = new Recording();
        ActorRef worker = system.actorOf(WorkerActor.props("w", "cpu:0", pool.getRef(), evaluator, Duration.ofSeconds(30)));
        pool.expectMsgClass(RegisterWorker.class);
        pool.expectMsgClass(RequestTrial.class);
        worker.tell(serve("run-s"), search.getRef());
        search.expectMsgClass(RegisterWorker.class);
        search.expectMsgClass(RequestTrial.class);
        assertEquals(List.of("serve run-s proxima.search.seed = 7"), evaluator.calls);
        worker.tell(assign(1, GOOD).toBuilder().setRun("run-s").build(), search.getRef());
        pool.awaitCond(() -> evaluator.calls.contains("evaluate run-s"));
        system.stop(search.getRef()); // the search ends while its attempt still runs
        pool.expectMsgClass(RegisterWorker.class); // back to the pool at once
        pool.expectMsgClass(RequestTrial.class);
        assertTrue(!evaluator.calls.contains("release run-s"), "released while its evaluation runs: " + evaluator.calls);
        evaluator.held.complete(new Evaluation(80, 12, Map.of()));
        pool.awaitCond(() -> evaluator.calls.contains("release run-s"));
        pool.expectNoMessage(Duration.ofMillis(200)); // the dropped attempt's late result goes nowhere
    }

    @Test
    void aDuplicateAssignmentIsNotEvaluatedTwice() {
        TestKit supervisor = new TestKit(system);
        ActorRef worker = worker(supervisor, Duration.ofSeconds(30));
        worker.tell(assign(2, GOOD), supervisor.getRef());
        worker.tell(assign(2, GOOD), supervisor.getRef());
        supervisor.expectMsgClass(TrialFinished.class);
        supervisor.expectNoMessage(Duration.ofMillis(200));
    }

    @Test
    void aFailingCandidateIsReportedAndTheWorkerCarriesOn() {
        TestKit supervisor = new TestKit(system);
        ActorRef worker = worker(supervisor, Duration.ofSeconds(30));
        worker.tell(assign(3, BAD), supervisor.getRef());
        TrialFailed failed = supervisor.expectMsgClass(TrialFailed.class);
        assertEquals("loss is NaN", failed.getReason());
        assertEquals(2.5, failed.getCostSeconds());
        worker.tell(TrialAck.newBuilder().setTrialId(3).setAttempt(1).setWorkerId("w").build(), supervisor.getRef());
        supervisor.expectNoMessage(Duration.ofMillis(200)); // the next assignment comes with the ack; no request
        worker.tell(assign(4, GOOD), supervisor.getRef());
        assertEquals(4, supervisor.expectMsgClass(TrialFinished.class).getTrialId());
    }

    @Test
    void aLateDuplicateOfTheAttemptJustFinishedIsNotRunAgain() {
        TestKit supervisor = new TestKit(system);
        ActorRef worker = worker(supervisor, Duration.ofSeconds(30));
        worker.tell(assign(5, GOOD), supervisor.getRef());
        supervisor.expectMsgClass(TrialFinished.class);
        worker.tell(TrialAck.newBuilder().setTrialId(5).setAttempt(1).setWorkerId("w").build(), supervisor.getRef());
        worker.tell(assign(5, GOOD), supervisor.getRef()); // sent for a request that crossed the result
        supervisor.expectNoMessage(Duration.ofMillis(300));
        worker.tell(assign(6, GOOD), supervisor.getRef());
        assertEquals(6, supervisor.expectMsgClass(TrialFinished.class).getTrialId());
    }

    @Test
    void theSameTrialAndAttemptOfAnotherSearchIsRunNotTakenForALateDuplicate() {
        TestKit a = new TestKit(system);
        TestKit b = new TestKit(system);
        ActorRef worker = worker(a, Duration.ofSeconds(30));
        worker.tell(serve("run-a"), a.getRef());
        a.expectMsgClass(RegisterWorker.class);
        a.expectMsgClass(RequestTrial.class);
        worker.tell(assign(5, GOOD).toBuilder().setRun("run-a").build(), a.getRef());
        a.expectMsgClass(TrialFinished.class);
        worker.tell(serve("run-b"), b.getRef());
        worker.tell(TrialAck.newBuilder().setTrialId(5).setAttempt(1).setWorkerId("w").setRun("run-a").build(), a.getRef());
        assertEquals("run-a", a.expectMsgClass(LentTrialDone.class).getRun());
        b.expectMsgClass(RegisterWorker.class);
        b.expectMsgClass(RequestTrial.class);
        // a daemon's searches number their trials alike: search b's trial 5, attempt 1, is new work
        worker.tell(assign(5, GOOD).toBuilder().setRun("run-b").build(), b.getRef());
        assertEquals(5, b.expectMsgClass(TrialFinished.class).getTrialId());
        // a late copy of search a's acknowledgement does not end search b's attempt (the pool, a, would hear of it)
        worker.tell(TrialAck.newBuilder().setTrialId(5).setAttempt(1).setWorkerId("w").setRun("run-a").build(), a.getRef());
        a.expectNoMessage(Duration.ofMillis(300));
        worker.tell(TrialAck.newBuilder().setTrialId(5).setAttempt(1).setWorkerId("w").setRun("run-b").build(), b.getRef());
        assertEquals("run-b", a.expectMsgClass(LentTrialDone.class).getRun());
    }

    @Test
    void anUnreadableAssignmentFailsTheTrialInsteadOfTheWorker() {
        TestKit supervisor = new TestKit(system);
        ActorRef worker = worker(supervisor, Duration.ofSeconds(30));
        worker.tell(assign(5, "not-a-cell"), supervisor.getRef());
        TrialFailed failed = supervisor.expectMsgClass(TrialFailed.class);
        assertEquals("invalid nb201 architecture 'not-a-cell': expected 3 node groups joined by '+', found 1", failed.getReason());
    }
}
