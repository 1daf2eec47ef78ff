package dev.proxima.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.AbstractActor;
import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.actor.Props;
import akka.testkit.javadsl.TestKit;
import com.google.protobuf.ByteString;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.proxima.protocol.v1.Bundle;
import dev.proxima.protocol.v1.Parcel;
import dev.proxima.protocol.v1.RequestTrial;
import dev.proxima.protocol.v1.TrialAck;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two actor systems over a real Artery connection on 127.0.0.1: a "supervisor" side and a "worker" side. */
class OutboundTest {
    private static final int MESSAGES = 200;
    private static ActorSystem supervisorSide;
    private static ActorSystem workerSide;

    @BeforeAll
    static void start() {
        Config remote = ConfigFactory.parseString("""
                akka.actor.provider = remote
                akka.remote.artery.canonical.hostname = "127.0.0.1"
                akka.remote.artery.canonical.port = 0
                """).withFallback(ConfigFactory.load());
        supervisorSide = ActorSystem.create("supervisor-side", remote);
        workerSide = ActorSystem.create("worker-side", remote);
    }

    @AfterAll
    static void stop() {
        TestKit.shutdownActorSystem(workerSide);
        TestKit.shutdownActorSystem(supervisorSide);
    }

    /**
     * A supervisor's part: takes bundles itself, tells {@code seen} of each bundle's size and of each
     * message (from its sender), and answers each request with an acknowledgement through the
     * outbound, held until a {@code "flush"}.
     */
    static final class Supervisor extends AbstractActor {
        private final ActorRef seen;
        private final Outbound outbound = Outbound.of(getContext().getSystem());

        Supervisor(ActorRef seen) {
            this.seen = seen;
        }

        @Override
        public void preStart() {
            seen.tell("started", getSelf());
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(Bundle.class, b -> {
                        seen.tell(b.getParcelsCount(), getSelf());
                        outbound.deliver(b, getSelf());
                    })
                    .match(RequestTrial.class, m -> {
                        seen.forward(m, getContext());
                        outbound.hold(getSender(), TrialAck.newBuilder().setWorkerId(m.getWorkerId()).build(), getSelf());
                    })
                    .matchEquals("flush", f -> outbound.flush())
                    .build();
        }
    }

    /** The singleton proxy's part: a local actor that forwards whatever it gets to the supervisor. */
    static final class Relay extends AbstractActor {
        private final ActorRef to;

        Relay(ActorRef to) {
            this.to = to;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder().matchAny(m -> to.forward(m, getContext())).build();
        }
    }

    private static ActorRef supervisor(TestKit seen, String name) {
        supervisorSide.actorOf(Props.create(Supervisor.class, () -> new Supervisor(seen.getRef())), name);
        seen.expectMsg("started");
        String path = supervisorSide.provider().getDefaultAddress() + "/user/" + name;
        return workerSide.actorSelection(path).resolveOne(Duration.ofSeconds(10)).toCompletableFuture()
                .join();
    }

    private static RequestTrial request(int i) {
        return RequestTrial.newBuilder().setWorkerId("w-" + i).build();
    }

    @Test
    void messagesToASupervisorBehindARelayArriveInBundlesInOrderFromTheirSendersAndTheAnswersComeBack() {
        TestKit seen = new TestKit(supervisorSide);
        ActorRef remote = supervisor(seen, "behind-relay");
        ActorRef relay = workerSide.actorOf(Props.create(Relay.class, () -> new Relay(remote)));
        TestKit worker = new TestKit(workerSide);
        Outbound outbound = Outbound.of(workerSide);
        for (int i = 0; i < MESSAGES; i++) {
            outbound.tellSupervisor(relay, request(i), worker.getRef());
        }
        int parcels = 0;
        int next = 0;
        while (next < MESSAGES) {
            Object m = seen.receiveOne(Duration.ofSeconds(10));
            if (m instanceof Integer size) {
                parcels += size;
            } else {
                assertEquals(request(next++), m);
                // the supervisor sees the worker that wrote the message, not the relay or a courier
                assertEquals(worker.getRef().path().toStringWithoutAddress(),
                        seen.getLastSender().path().toStringWithoutAddress());
                assertEquals(workerSide.provider().getDefaultAddress(), seen.getLastSender().path().address());
            }
        }
        assertEquals(MESSAGES, parcels, "every message travelled in a bundle");
        worker.expectNoMessage(Duration.ofMillis(300)); // the answers are held until the supervisor flushes
        remote.tell("flush", ActorRef.noSender());
        for (int i = 0; i < MESSAGES; i++) {
            TrialAck ack = worker.expectMsgClass(Duration.ofSeconds(10), TrialAck.class);
            assertEquals("w-" + i, ack.getWorkerId());
            assertEquals("/user/behind-relay", worker.getLastSender().path().toStringWithoutAddress());
        }
    }

    @Test
    void heldMessagesToAnotherNodeLeaveOnlyWhenFlushedAndReachTheirRecipientsThroughItsCourier() {
        TestKit seen = new TestKit(supervisorSide);
        ActorRef remote = supervisor(seen, "direct");
        TestKit worker = new TestKit(workerSide);
        Outbound outbound = Outbound.of(workerSide);
        for (int i = 0; i < MESSAGES; i++) {
            outbound.hold(remote, request(i), worker.getRef());
        }
        seen.expectNoMessage(Duration.ofMillis(300));
        outbound.flush();
        for (int i = 0; i < MESSAGES; i++) {
            assertEquals(request(i), seen.expectMsgClass(Duration.ofSeconds(10), RequestTrial.class));
            assertEquals(worker.getRef().path().toStringWithoutAddress(),
                    seen.getLastSender().path().toStringWithoutAddress());
        }
        // addressed to the recipient itself, the courier delivered them one by one: no bundle reached it
        seen.expectNoMessage(Duration.ofMillis(300));
    }

    @Test
    void aBacklogBiggerThanArterysLargestFrameLeavesInSeveralBundlesAndArrivesWholeInOrder() {
        TestKit seen = new TestKit(supervisorSide);
        ActorRef remote = supervisor(seen, "backlog");
        TestKit worker = new TestKit(workerSide);
        Outbound outbound = Outbound.of(workerSide);
        String big = "w".repeat(2_000);
        int messages = 400; // about 800 KB: one bundle would exceed the 256 KiB frame and be dropped whole
        for (int i = 0; i < messages; i++) {
            outbound.hold(remote, RequestTrial.newBuilder().setWorkerId(big + i).build(), worker.getRef());
        }
        long sentBefore = outbound.counts().bundlesSent();
        outbound.flush();
        assertTrue(outbound.counts().bundlesSent() - sentBefore >= 4, "split into bundles of at most half a frame");
        for (int i = 0; i < messages; i++) {
            assertEquals(big + i, seen.expectMsgClass(Duration.ofSeconds(10), RequestTrial.class).getWorkerId());
        }
    }

    @Test
    void aParcelThatCannotBeReadIsLeftOutAndTheRestArriveWithoutTheRecipientFailing() {
        TestKit seen = new TestKit(supervisorSide);
        ActorRef remote = supervisor(seen, "strict");
        TestKit worker = new TestKit(workerSide);
        Parcels parcels = new Parcels(workerSide);
        Parcel garbage = parcels.pack(null, request(1), worker.getRef()).toBuilder()
                .setPayload(ByteString.copyFromUtf8("not a protobuf message \u0000\u0001")).build();
        Parcel unknown = parcels.pack(null, request(2), worker.getRef()).toBuilder()
                .setManifest("dev.proxima.protocol.v1.NoSuchMessage").build();
        remote.tell(Bundle.newBuilder().addParcels(parcels.pack(null, request(0), worker.getRef())).addParcels(garbage)
                .addParcels(unknown).addParcels(parcels.pack(null, request(3), worker.getRef())).build(), ActorRef.noSender());
        assertEquals(4, seen.expectMsgClass(Integer.class));
        assertEquals(request(0), seen.expectMsgClass(RequestTrial.class));
        assertEquals(request(3), seen.expectMsgClass(RequestTrial.class));
        seen.expectNoMessage(Duration.ofMillis(300)); // in particular no second "started": it did not restart
    }
}
