package dev.proxima.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.testkit.javadsl.TestKit;
import dev.proxima.protocol.v1.LentTrialDone;
import dev.proxima.protocol.v1.RegisterWorker;
import dev.proxima.protocol.v1.RequestTrial;
import dev.proxima.protocol.v1.ServeSearch;
import dev.proxima.protocol.v1.WorkerRefused;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The daemon's pool with probes as workers and search supervisors. */
class PoolActorTest {
    private static ActorSystem system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create("pool-test");
    }

    @AfterAll
    static void stop() {
        TestKit.shutdownActorSystem(system);
    }

    private static ActorRef pool() {
        return system.actorOf(PoolActor.props("replay", (id, s) -> { }, (id, s) -> { }));
    }

    private static void join(ActorRef pool, TestKit worker, String id, String evaluator) {
        pool.tell(RegisterWorker.newBuilder().setWorkerId(id).setDevice("replay:0").setEvaluator(evaluator).build(),
                worker.getRef());
        pool.tell(RequestTrial.newBuilder().setWorkerId(id).build(), worker.getRef());
    }

    @Test
    void aWorkerIsLentOnBehalfOfTheSearchsSupervisorWithTheSearchsConfiguration() {
        ActorRef pool = pool();
        TestKit worker = new TestKit(system);
        TestKit search = new TestKit(system);
        join(pool, worker, "w", "replay");
        worker.expectNoMessage(Duration.ofMillis(100)); // no search yet: it waits in the pool
        pool.tell(new PoolActor.AddSearch("s1", search.getRef(), 0, 1, 0, "proxima.search.seed = 3"), ActorRef.noSender());
        ServeSearch serve = worker.expectMsgClass(ServeSearch.class);
        assertEquals("s1", serve.getRun());
        assertEquals("proxima.search.seed = 3", serve.getConfig());
        assertEquals(search.getRef(), worker.getLastSender(), "the worker takes the search's supervisor from the sender");
    }

    @Test
    void aWorkerThatEvaluatesOtherwiseIsRefusedAndNeverLent() {
        ActorRef pool = pool();
        TestKit worker = new TestKit(system);
        join(pool, worker, "t", "training");
        WorkerRefused refused = worker.expectMsgClass(WorkerRefused.class);
        assertTrue(refused.getReason().contains("replay") && refused.getReason().contains("training"), refused.getReason());
        pool.tell(new PoolActor.AddSearch("s1", new TestKit(system).getRef(), 0, 1, 0, ""), ActorRef.noSender());
        worker.expectNoMessage(Duration.ofMillis(200));
    }

    @Test
    void atATrialBoundaryAWorkerMovesToASearchOfHigherPriority() {
        ActorRef pool = pool();
        TestKit worker = new TestKit(system);
        TestKit low = new TestKit(system);
        TestKit high = new TestKit(system);
        join(pool, worker, "w", "replay");
        pool.tell(new PoolActor.AddSearch("low", low.getRef(), 0, 1, 0, ""), ActorRef.noSender());
        assertEquals("low", worker.expectMsgClass(ServeSearch.class).getRun());
        pool.tell(new PoolActor.AddSearch("high", high.getRef(), 5, 2, 0, ""), ActorRef.noSender());
        worker.expectNoMessage(Duration.ofMillis(100)); // busy: it moves at its next trial boundary, not now
        pool.tell(LentTrialDone.newBuilder().setWorkerId("w").setRun("low").build(), worker.getRef());
        assertEquals("high", worker.expectMsgClass(ServeSearch.class).getRun());
        assertEquals(high.getRef(), worker.getLastSender());
    }

    @Test
    void aWorkerThatStoppedNoLongerCountsForTheSearchItServed() {
        ActorRef pool = pool();
        TestKit first = new TestKit(system);
        TestKit a = new TestKit(system);
        TestKit b = new TestKit(system);
        join(pool, first, "w1", "replay");
        pool.tell(new PoolActor.AddSearch("a", a.getRef(), 0, 1, 0, ""), ActorRef.noSender());
        assertEquals("a", first.expectMsgClass(ServeSearch.class).getRun());
        pool.tell(new PoolActor.AddSearch("b", b.getRef(), 0, 2, 0, ""), ActorRef.noSender());
        TestKit watcher = new TestKit(system);
        watcher.watch(first.getRef());
        system.stop(first.getRef()); // its node was removed
        watcher.expectTerminated(first.getRef());
        watcher.expectNoMessage(Duration.ofMillis(100)); // the pool's notice too
        // counted still, "a" would have one worker and "b" none, and the next worker would go to "b"
        TestKit second = new TestKit(system);
        join(pool, second, "w2", "replay");
        assertEquals("a", second.expectMsgClass(ServeSearch.class).getRun(), "both have no worker: the earlier search");
    }
}
