package dev.proxima.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.testkit.javadsl.TestKit;
import dev.proxima.protocol.ProtoConversions;
import dev.proxima.protocol.v1.ArchitectureSpec;
import dev.proxima.protocol.v1.AssignTrial;
import dev.proxima.protocol.v1.RegisterWorker;
import dev.proxima.protocol.v1.RequestTrial;
import dev.proxima.protocol.v1.StopTrial;
import dev.proxima.protocol.v1.TrialAck;
import dev.proxima.protocol.v1.TrialFailed;
import dev.proxima.protocol.v1.TrialFinished;
import dev.proxima.protocol.v1.TrialProgress;
import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.TrainingRecipe;
import dev.proxima.training.DataSplit;
import dev.proxima.training.DjlEngines;
import dev.proxima.training.DjlTrainingEvaluator;
import dev.proxima.training.ImageDatasets;
import dev.proxima.training.TrainingData;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A worker actor driving real DJL training on Fashion-MNIST, with a TestKit probe as supervisor. */
class TrainingWorkerTest {
    private static final String CELL = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|skip_connect~2|";
    private static ActorSystem system;
    private static DjlTrainingEvaluator evaluator;

    @BeforeAll
    static void start() {
        system = ActorSystem.create("training-worker-test");
        DjlEngines.start("PyTorch", 2);
        ImageDatasets.TrainTest fmnist = ImageDatasets.fashionMnist(ImageDatasets.DEBIAN_FASHION_MNIST);
        evaluator = new DjlTrainingEvaluator(new TrainingData(new DataSplit(fmnist.train(), 1_000, 3)), Device.cpu());
    }

    @AfterAll
    static void stop() {
        evaluator.close();
        TestKit.shutdownActorSystem(system);
    }

    private static AssignTrial assign(long id, int epochs, double learningRate, int validateEvery) {
        Fidelity f = new Fidelity("t", epochs, new TrainingRecipe(8, 1, 14, 0.05, 64, learningRate, 0.9, 5e-4, 0, validateEvery));
        return AssignTrial.newBuilder().setTrialId(id).setAttempt(1).setWorkerId("gpu-less")
                .setArchitecture(ArchitectureSpec.newBuilder().setSpace("nb201").setEncoding(CELL))
                .setFidelity(ProtoConversions.toProto(f)).build();
    }

    private static ActorRef worker(TestKit supervisor) {
        ActorRef worker = system.actorOf(WorkerActor.props("gpu-less", "cpu", supervisor.getRef(), evaluator, Duration.ofSeconds(30)));
        supervisor.expectMsgClass(RegisterWorker.class);
        supervisor.expectMsgClass(RequestTrial.class);
        return worker;
    }

    @Test
    void aStopRequestEndsTrainingWithinABatchWhileTheActorKeepsAnswering() {
        TestKit supervisor = new TestKit(system);
        ActorRef worker = worker(supervisor);
        worker.tell(assign(1, 100, 0.1, 2), supervisor.getRef());
        supervisor.expectMsgClass(Duration.ofSeconds(30), TrialProgress.class);

        TestKit asker = new TestKit(system);
        worker.tell(WorkerActor.GetStatus.INSTANCE, asker.getRef());
        WorkerActor.Status busy = asker.expectMsgClass(Duration.ofMillis(500), WorkerActor.Status.class);
        assertEquals(1, busy.trialId(), "answers while training runs");

        long sent = System.nanoTime();
        worker.tell(StopTrial.newBuilder().setTrialId(1).setAttempt(1).setWorkerId("gpu-less").setReason("rejected").build(),
                supervisor.getRef());
        TrialFailed stopped = (TrialFailed) supervisor.fishForMessage(Duration.ofSeconds(10), "the stopped trial",
                m -> m instanceof TrialFailed);
        double millis = (System.nanoTime() - sent) / 1e6;
        assertEquals("stopped: rejected", stopped.getReason());
        // one batch of 64 images at 14x14 with C=8, N=1 takes tens of ms; a validation pass may be in flight too
        assertTrue(millis < 2_000, "stopped after " + millis + " ms");
    }

    @Test
    void aDivergingCandidateFailsAndTheWorkerTrainsTheNextOne() {
        TestKit supervisor = new TestKit(system);
        ActorRef worker = worker(supervisor);
        worker.tell(assign(2, 1, 1e9, 0), supervisor.getRef());
        TrialFailed failed = (TrialFailed) supervisor.fishForMessage(Duration.ofSeconds(30), "failure", m -> m instanceof TrialFailed);
        assertTrue(failed.getReason().startsWith("loss is "), failed.getReason());
        worker.tell(TrialAck.newBuilder().setTrialId(2).setAttempt(1).setWorkerId("gpu-less").build(), supervisor.getRef());
        // the supervisor sends the next assignment with the acknowledgement, as this test does
        worker.tell(assign(3, 1, 0.1, 0), supervisor.getRef());
        TrialFinished finished = (TrialFinished) supervisor.fishForMessage(Duration.ofSeconds(60), "result",
                m -> m instanceof TrialFinished);
        assertTrue(finished.getScore() > 40, "trained after the failure: " + finished.getScore());
    }
}
