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
import dev.proxima.protocol.v1.HandBackTrial;
import dev.proxima.protocol.v1.RegisterWorker;
import dev.proxima.protocol.v1.RequestTrial;
import dev.proxima.protocol.v1.TrialAck;
import dev.proxima.protocol.v1.TrialFinished;
import dev.proxima.protocol.v1.WorkerRefused;
import dev.proxima.proxy.Fidelity;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How a worker leaves: at once when idle, after its trial when that ends in time, else handing the trial back. */
class WorkerLeaveTest {
    private static final String CELL = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|";
    private static ActorSystem system;
    private static ScheduledExecutorService timer;

    @BeforeAll
    static void start() {
        system = ActorSystem.create("worker-leave-test");
        timer = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stop() {
        TestKit.shutdownActorSystem(system);
        timer.shutdownNow();
    }

    /** Takes {@code millis} to finish, or fails as stopped as soon as its stop signal is set. */
    private record Slow(long millis, StopSignal[] seen) implements Evaluator {
        @Override
        public CompletionStage<Evaluation> evaluate(EvaluationRequest r, ProgressSink progress, StopSignal stop) {
            seen[0] = stop;
            CompletableFuture<Evaluation> done = new CompletableFuture<>();
            long end = System.currentTimeMillis() + millis;
            Runnable[] poll = new Runnable[1];
            poll[0] = () -> {
                if (stop.isStopped()) {
                    done.completeExceptionally(EvaluationFailedException.stopped(stop.reason(), 1));
                } else if (System.currentTimeMillis() >= end) {
                    done.complete(new Evaluation(70, 5, Map.of()));
                } else {
                    timer.schedule(poll[0], 10, TimeUnit.MILLISECONDS);
                }
            };
            poll[0].run();
            return done;
        }

        @Override
        public String describe() {
            return "slow";
        }
    }

    private static AssignTrial assign(long id) {
        return AssignTrial.newBuilder().setTrialId(id).setAttempt(1).setWorkerId("w")
                .setArchitecture(ArchitectureSpec.newBuilder().setSpace("nb201").setEncoding(CELL))
                .setFidelity(ProtoConversions.toProto(new Fidelity("hp12", 12))).build();
    }

    private static ActorRef worker(TestKit supervisor, Evaluator evaluator) {
        ActorRef worker = system.actorOf(WorkerActor.props("w", "cpu:0", "replay", supervisor.getRef(), evaluator,
                Duration.ofMillis(100)));
        assertEquals("replay", supervisor.expectMsgClass(RegisterWorker.class).getEvaluator());
        supervisor.expectMsgClass(RequestTrial.class);
        return worker;
    }

    private static TrialAck ack(long id) {
        return TrialAck.newBuilder().setTrialId(id).setAttempt(1).setWorkerId("w").build();
    }

    @Test
    void anIdleWorkerLeavesAtOnceAndStopsAsking() {
        TestKit supervisor = new TestKit(system);
        TestKit node = new TestKit(system);
        ActorRef worker = worker(supervisor, new Slow(10, new StopSignal[1]));
        worker.tell(new WorkerActor.Leave(Duration.ofSeconds(5)), node.getRef());
        node.expectMsg(WorkerActor.Left.INSTANCE);
        supervisor.receiveWhile(Duration.ofMillis(150), m -> m); // a request already on its way
        supervisor.expectNoMessage(Duration.ofMillis(400));
    }

    @Test
    void aTrialThatEndsWithinTheGraceIsReportedThenTheWorkerLeaves() {
        TestKit supervisor = new TestKit(system);
        TestKit node = new TestKit(system);
        ActorRef worker = worker(supervisor, new Slow(200, new StopSignal[1]));
        worker.tell(assign(1), supervisor.getRef());
        worker.tell(new WorkerActor.Leave(Duration.ofSeconds(5)), node.getRef());
        TrialFinished finished = supervisor.fishForMessage(Duration.ofSeconds(3), "the result",
                m -> m instanceof TrialFinished) instanceof TrialFinished f ? f : null;
        assertEquals(1, finished.getTrialId());
        node.expectNoMessage(Duration.ofMillis(100)); // the result is not acknowledged yet
        worker.tell(ack(1), supervisor.getRef());
        node.expectMsg(WorkerActor.Left.INSTANCE);
    }

    @Test
    void aTrialStillRunningWhenTheGraceEndsIsStoppedAndHandedBack() {
        TestKit supervisor = new TestKit(system);
        TestKit node = new TestKit(system);
        StopSignal[] seen = new StopSignal[1];
        ActorRef worker = worker(supervisor, new Slow(60_000, seen));
        worker.tell(assign(2), supervisor.getRef());
        worker.tell(new WorkerActor.Leave(Duration.ofMillis(200)), node.getRef());
        HandBackTrial back = (HandBackTrial) supervisor.fishForMessage(Duration.ofSeconds(3), "a hand-back",
                m -> m instanceof HandBackTrial);
        assertEquals(2, back.getTrialId());
        assertTrue(seen[0].isStopped(), "the evaluation was told to stop");
        // re-sent until acknowledged, and the stopped evaluation's failure is not reported
        supervisor.fishForMessage(Duration.ofSeconds(1), "the hand-back again", m -> m instanceof HandBackTrial);
        worker.tell(ack(2), supervisor.getRef());
        node.expectMsg(WorkerActor.Left.INSTANCE);
        supervisor.receiveWhile(Duration.ofMillis(150), m -> m);
        supervisor.expectNoMessage(Duration.ofMillis(400));
    }

    @Test
    void anAssignmentThatArrivesAfterTheLeaveIsHandedBackUnrun() {
        TestKit supervisor = new TestKit(system);
        TestKit node = new TestKit(system);
        StopSignal[] seen = new StopSignal[1];
        ActorRef worker = worker(supervisor, new Slow(10, seen));
        worker.tell(new WorkerActor.Leave(Duration.ofSeconds(5)), node.getRef());
        node.expectMsg(WorkerActor.Left.INSTANCE);
        worker.tell(assign(3), supervisor.getRef());
        HandBackTrial back = (HandBackTrial) supervisor.fishForMessage(Duration.ofSeconds(2), "a hand-back",
                m -> m instanceof HandBackTrial);
        assertEquals(3, back.getTrialId());
        assertEquals(null, seen[0], "the evaluator never saw it");
    }

    @Test
    void aRefusedWorkerSaysSoOnTheEventStreamAndStopsAsking() {
        TestKit supervisor = new TestKit(system);
        TestKit stream = new TestKit(system);
        system.getEventStream().subscribe(stream.getRef(), WorkerActor.Refused.class);
        ActorRef worker = worker(supervisor, new Slow(10, new StopSignal[1]));
        worker.tell(WorkerRefused.newBuilder().setWorkerId("w").setReason("the search evaluates by training").build(),
                supervisor.getRef());
        assertEquals("the search evaluates by training", stream.expectMsgClass(WorkerActor.Refused.class).reason());
        supervisor.receiveWhile(Duration.ofMillis(150), m -> m);
        supervisor.expectNoMessage(Duration.ofMillis(400));
    }
}
