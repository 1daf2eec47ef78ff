package dev.proxima.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.testkit.javadsl.TestKit;
import dev.proxima.protocol.v1.AssignTrial;
import dev.proxima.protocol.v1.HandBackTrial;
import dev.proxima.protocol.v1.RegisterWorker;
import dev.proxima.protocol.v1.RequestTrial;
import dev.proxima.protocol.v1.StopTrial;
import dev.proxima.protocol.v1.TrialAck;
import dev.proxima.protocol.v1.TrialFailed;
import dev.proxima.protocol.v1.TrialFinished;
import dev.proxima.protocol.v1.TrialProgress;
import dev.proxima.protocol.v1.WorkerRefused;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.Strategy;
import dev.proxima.stopping.Decision;
import dev.proxima.stopping.PromotionRule;
import dev.proxima.stopping.StoppingRule;
import dev.proxima.stopping.TierEntry;
import dev.proxima.stopping.TierView;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.proxima.proxy.Fidelity;
import dev.proxima.search.Budget;
import dev.proxima.search.DedupPolicy;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchSettings;
import dev.proxima.search.TrialStatus;
import dev.proxima.supervisor.SupervisorMessages.SearchFinished;
import dev.proxima.testing.NamedSpace;
import dev.proxima.testing.ScriptedController;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SupervisorActorTest {
    private static ActorSystem system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create("supervisor-test");
    }

    @AfterAll
    static void stop() {
        TestKit.shutdownActorSystem(system);
    }

    private SearchCore core(long maxTrials, long timeoutMillis) {
        SearchSettings settings = new SearchSettings(1, new Fidelity("hp12", 12), new Budget(maxTrials, 0, 0),
                timeoutMillis, 3, DedupPolicy.OFF);
        return SearchCore.start(settings, new NamedSpace(), new ScriptedController("a", "b", "c", "d"),
                System.currentTimeMillis());
    }

    private ActorRef supervisor(SearchCore core, TestKit listener) {
        return system.actorOf(SupervisorActor.props(core, listener.getRef(), events -> { }, System::currentTimeMillis,
                Duration.ofMillis(50)));
    }

    private static AssignTrial request(ActorRef supervisor, TestKit worker, String id) {
        supervisor.tell(RegisterWorker.newBuilder().setWorkerId(id).setDevice("cpu").build(), worker.getRef());
        supervisor.tell(RequestTrial.newBuilder().setWorkerId(id).build(), worker.getRef());
        return worker.expectMsgClass(AssignTrial.class);
    }

    private static TrialFinished finished(AssignTrial a, double score) {
        return TrialFinished.newBuilder().setTrialId(a.getTrialId()).setAttempt(a.getAttempt()).setWorkerId(a.getWorkerId())
                .setScore(score).setCostSeconds(1).build();
    }

    @Test
    void assignsEachRequestingWorkerItsOwnTrial() {
        TestKit listener = new TestKit(system);
        ActorRef supervisor = supervisor(core(10, 60_000), listener);
        TestKit w1 = new TestKit(system);
        TestKit w2 = new TestKit(system);
        AssignTrial a = request(supervisor, w1, "w1");
        AssignTrial b = request(supervisor, w2, "w2");
        assertEquals("a", a.getArchitecture().getEncoding());
        assertEquals("b", b.getArchitecture().getEncoding());
        assertEquals(1, a.getAttempt());
        assertEquals("hp12", a.getFidelity().getName());
    }

    @Test
    void duplicateRequestsAndResultsAreHarmless() {
        TestKit listener = new TestKit(system);
        SearchCore core = core(1, 60_000);
        ActorRef supervisor = supervisor(core, listener);
        TestKit worker = new TestKit(system);
        AssignTrial a = request(supervisor, worker, "w1");
        supervisor.tell(RequestTrial.newBuilder().setWorkerId("w1").build(), worker.getRef());
        assertEquals(a, worker.expectMsgClass(AssignTrial.class), "the same attempt, not a new trial");
        supervisor.tell(finished(a, 70), worker.getRef());
        supervisor.tell(finished(a, 99), worker.getRef());
        worker.expectMsgClass(TrialAck.class);
        worker.expectMsgClass(TrialAck.class);
        SearchFinished done = (SearchFinished) listener.fishForMessage(Duration.ofSeconds(3), "search finished",
                m -> m instanceof SearchFinished);
        assertEquals(70, done.summary().best().orElseThrow().score(), "the first result counts");
        assertEquals(1, done.summary().completed());
    }

    @Test
    void aWorkerThatEvaluatesOtherwiseIsRefusedAndGetsNoWork() {
        TestKit listener = new TestKit(system);
        SupervisorActor.Session session = new SupervisorActor.Session(core(10, 60_000), listener.getRef(),
                WriteAhead.synchronous(e -> { }), e -> { }, "training", "", () -> { });
        ActorRef supervisor = system.actorOf(SupervisorActor.props(() -> session, System::currentTimeMillis,
                Duration.ofMillis(50)));
        TestKit replay = new TestKit(system);
        supervisor.tell(RegisterWorker.newBuilder().setWorkerId("r").setDevice("replay:0").setEvaluator("replay").build(),
                replay.getRef());
        assertEquals("the search evaluates by training, the worker by replay",
                replay.expectMsgClass(WorkerRefused.class).getReason());
        supervisor.tell(RequestTrial.newBuilder().setWorkerId("r").build(), replay.getRef());
        replay.expectNoMessage(Duration.ofMillis(300));
        TestKit trainer = new TestKit(system);
        supervisor.tell(RegisterWorker.newBuilder().setWorkerId("t").setDevice("cpu").setEvaluator("training").build(),
                trainer.getRef());
        supervisor.tell(RequestTrial.newBuilder().setWorkerId("t").build(), trainer.getRef());
        assertEquals("a", trainer.expectMsgClass(AssignTrial.class).getArchitecture().getEncoding());
    }

    @Test
    void aHandedBackTrialIsAcknowledgedAndGoesToAnIdleWorkerAtOnce() {
        TestKit listener = new TestKit(system);
        ActorRef supervisor = supervisor(core(1, 60_000), listener);
        TestKit leaving = new TestKit(system);
        AssignTrial a = request(supervisor, leaving, "leaving");
        TestKit idle = new TestKit(system);
        supervisor.tell(RequestTrial.newBuilder().setWorkerId("idle").build(), idle.getRef());
        idle.expectNoMessage(Duration.ofMillis(200)); // the trial limit (1) is used up
        supervisor.tell(HandBackTrial.newBuilder().setTrialId(a.getTrialId()).setAttempt(a.getAttempt())
                .setWorkerId("leaving").setReason("SIGTERM").build(), leaving.getRef());
        assertEquals(a.getTrialId(), leaving.expectMsgClass(TrialAck.class).getTrialId());
        AssignTrial again = idle.expectMsgClass(AssignTrial.class);
        assertEquals(a.getTrialId(), again.getTrialId());
        assertEquals(2, again.getAttempt());
        leaving.expectNoMessage(Duration.ofMillis(200)); // nothing more for the worker that leaves
    }

    @Test
    void aDeadWorkersTrialIsRequeuedToAnotherWorker() {
        TestKit listener = new TestKit(system);
        SearchCore core = core(2, 60_000);
        ActorRef supervisor = supervisor(core, listener);
        TestKit doomed = new TestKit(system);
        AssignTrial lost = request(supervisor, doomed, "doomed");
        TestKit idle = new TestKit(system);
        AssignTrial other = request(supervisor, idle, "survivor");
        supervisor.tell(finished(other, 50), idle.getRef());
        idle.expectMsgClass(TrialAck.class);
        // the trial limit (2) is used up: the survivor waits idle until the doomed worker's trial comes back
        supervisor.tell(RequestTrial.newBuilder().setWorkerId("survivor").build(), idle.getRef());
        idle.expectNoMessage(Duration.ofMillis(100));
        system.stop(doomed.getRef());
        AssignTrial retry = idle.expectMsgClass(AssignTrial.class);
        assertEquals(lost.getTrialId(), retry.getTrialId());
        assertEquals(2, retry.getAttempt());
    }

    @Test
    void whenTheBudgetRunsOutRunningAttemptsAreToldToStop() {
        TestKit listener = new TestKit(system);
        SearchSettings settings = new SearchSettings(1, new Fidelity("hp12", 12), new Budget(0, 100, 0), 60_000, 3,
                DedupPolicy.OFF);
        SearchCore core = SearchCore.start(settings, new NamedSpace(), new ScriptedController("a", "b"), System.currentTimeMillis());
        ActorRef supervisor = supervisor(core, listener);
        TestKit first = new TestKit(system);
        TestKit second = new TestKit(system);
        AssignTrial a = request(supervisor, first, "first");
        AssignTrial b = request(supervisor, second, "second");
        supervisor.tell(finished(a, 80).toBuilder().setCostSeconds(150).build(), first.getRef());
        first.expectMsgClass(TrialAck.class);
        StopTrial stop = second.expectMsgClass(StopTrial.class);
        assertEquals(b.getTrialId(), stop.getTrialId());
        assertEquals("the budget ran out", stop.getReason());
        listener.fishForMessage(Duration.ofSeconds(3), "search finished", m -> m instanceof SearchFinished);
    }

    @Test
    void anAttemptPastItsDeadlineGoesToAnIdleWorker() {
        TestKit listener = new TestKit(system);
        SearchCore core = core(1, 200);
        ActorRef supervisor = supervisor(core, listener);
        TestKit silent = new TestKit(system);
        AssignTrial first = request(supervisor, silent, "silent");
        TestKit idle = new TestKit(system);
        supervisor.tell(RequestTrial.newBuilder().setWorkerId("idle").build(), idle.getRef());
        // the trial limit (1) is used, so "idle" waits until the tick re-queues the overdue attempt
        AssignTrial retry = idle.expectMsgClass(Duration.ofSeconds(3), AssignTrial.class);
        assertEquals(first.getTrialId(), retry.getTrialId());
        assertEquals(2, retry.getAttempt());
        StopTrial stop = silent.expectMsgClass(StopTrial.class);
        assertEquals(first.getTrialId(), stop.getTrialId());
        assertEquals(1, stop.getAttempt(), "the overdue attempt is told to stop");
        supervisor.tell(finished(first, 10), silent.getRef()); // a result that beat the stop still counts, and is acked
        silent.expectMsgClass(TrialAck.class);
        listener.fishForMessage(Duration.ofSeconds(3), "search finished", m -> m instanceof SearchFinished);
        assertEquals(TrialStatus.COMPLETED, core.book().get(first.getTrialId()).orElseThrow().status());
    }

    @Test
    void aStoppingRuleStopsTheRightWorkerAndTheTrialEndsExactlyOnce() {
        SearchSettings settings = new SearchSettings(1, new Fidelity("e10", 10), new Budget(10, 0, 0), 60_000, 3,
                DedupPolicy.OFF);
        StoppingRule below50 = new StoppingRule() {
            @Override
            public Decision onProgress(TierEntry trial, TierView view) {
                double s = trial.curve().get(trial.curve().size() - 1).score();
                return s < 50 ? Decision.stop("below-50", "scored " + s) : Decision.CONTINUE;
            }

            @Override
            public String describe() {
                return "below-50";
            }
        };
        SearchCore core = SearchCore.start(settings, new NamedSpace(), new Strategy(new ScriptedController("a", "b", "c"),
                PromotionRule.NEVER, below50), System.currentTimeMillis());
        List<SearchEvent> events = new CopyOnWriteArrayList<>();
        TestKit listener = new TestKit(system);
        ActorRef supervisor = system.actorOf(SupervisorActor.props(core, listener.getRef(), events::addAll,
                System::currentTimeMillis, Duration.ofMillis(50)));
        TestKit w1 = new TestKit(system);
        TestKit w2 = new TestKit(system);
        AssignTrial a = request(supervisor, w1, "w1");
        AssignTrial b = request(supervisor, w2, "w2");
        supervisor.tell(progress(a, 1, 70), w1.getRef());
        supervisor.tell(progress(b, 1, 40), w2.getRef());
        StopTrial stop = w2.expectMsgClass(StopTrial.class);
        assertEquals(b.getTrialId(), stop.getTrialId());
        assertEquals(b.getAttempt(), stop.getAttempt());
        assertEquals("below-50: scored 40.0", stop.getReason());
        w1.expectNoMessage(Duration.ofMillis(200));

        TrialFailed stopped = TrialFailed.newBuilder().setTrialId(b.getTrialId()).setAttempt(b.getAttempt())
                .setWorkerId("w2").setReason("stopped: below-50: scored 40.0").setCostSeconds(3).build();
        supervisor.tell(stopped, w2.getRef());
        AssignTrial next = w2.expectMsgClass(AssignTrial.class);
        assertEquals("c", next.getArchitecture().getEncoding(), "w2 moves on: its next trial comes with the ack");
        assertEquals(TrialAck.newBuilder().setTrialId(b.getTrialId()).setAttempt(b.getAttempt()).setWorkerId("w2").build(),
                next.getAcknowledges(), "the acknowledgement rides on the next assignment");
        supervisor.tell(stopped, w2.getRef()); // a re-sent answer
        assertEquals(next, w2.expectMsgClass(AssignTrial.class), "the same next attempt again, no new trial");
        assertEquals(1, events.stream().filter(e -> e instanceof SearchEvent.TrialStopped).count());
        assertEquals(1, events.stream().filter(e -> e instanceof SearchEvent.TrialStopRequested).count());
    }

    private static TrialProgress progress(AssignTrial a, double epoch, double score) {
        return TrialProgress.newBuilder().setTrialId(a.getTrialId()).setAttempt(a.getAttempt())
                .setWorkerId(a.getWorkerId()).setEpoch(epoch).setScore(score).build();
    }
}
