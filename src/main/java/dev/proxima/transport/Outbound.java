package dev.proxima.transport;

import akka.actor.AbstractExtensionId;
import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.actor.Address;
import akka.actor.ExtendedActorSystem;
import akka.actor.Extension;
import akka.actor.ExtensionIdProvider;
import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.Props;
import com.google.protobuf.CodedOutputStream;
import dev.proxima.protocol.v1.Bundle;
import dev.proxima.protocol.v1.Parcel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The node's way out for the worker protocol: messages to actors of other nodes are gathered per
 * node while the previous {@link Bundle} is on its way, and leave together, so Artery frames,
 * wakes threads and (with TLS) encrypts once per bundle instead of once per message. No message
 * waits for a timer: the first message of a bundle asks the node's courier to send it, and what
 * arrives before the courier runs goes along ("natural batching"); on an idle node a bundle holds
 * one message. A supervisor sends its own ({@link #hold}, {@link #flush}) once it has answered the
 * messages waiting for it.
 *
 * <p>The node's courier ({@code /system/courier}) sends the bundles and hands the parcels of a
 * bundle from another node to their recipients. A supervisor reached through a local relay (the
 * cluster singleton's proxy) gets its bundles itself and delivers them to itself ({@link #deliver}).
 * One per actor system; {@code akka.extensions} starts it with the system, so every node's courier
 * is there before the first bundle.
 */
public final class Outbound implements Extension {
    /** The actor system's {@link Outbound}. */
    public static final Id ID = new Id();

    private enum Flush implements NoSerializationVerificationNeeded { INSTANCE }

    private final ExtendedActorSystem system;
    private final Parcels parcels;
    private final ActorRef courier;
    private final Map<Address, ActorRef> couriers = new ConcurrentHashMap<>();
    /** Bundles being gathered, by where they go (another node's courier, or a local relay). */
    private final Map<ActorRef, Gathered> gathering = new LinkedHashMap<>();
    /**
     * A bundle is closed before it outgrows this (half of Artery's largest frame, which drops a
     * bigger message whole): a busy node's backlog leaves in several bundles, in order.
     */
    private final int bundleBytes;
    private boolean courierAsked;
    private final LongAdder bundlesSent = new LongAdder();
    private final LongAdder parcelsSent = new LongAdder();
    private final LongAdder bundlesDelivered = new LongAdder();
    private final LongAdder parcelsDelivered = new LongAdder();

    /** Bundles (and the messages in them) this node sent, and those it received and delivered. */
    public record Counts(long bundlesSent, long parcelsSent, long bundlesDelivered, long parcelsDelivered) {}

    private Outbound(ExtendedActorSystem system) {
        this.system = system;
        this.parcels = new Parcels(system);
        this.bundleBytes = (int) (system.settings().config().getBytes("akka.remote.artery.advanced.maximum-frame-size") / 2);
        this.courier = system.systemActorOf(Props.create(Courier.class, () -> new Courier(this)), "courier");
    }

    public static Outbound of(ActorSystem system) {
        return ID.get(system);
    }

    /**
     * A recipient on another node gets the message in its node's next bundle, which the caller
     * sends ({@link #flush}) once it has handled the messages waiting for it: an actor that answers
     * many messages in a row fills its bundles with all of them. A local recipient gets it at once.
     *
     * @return whether the message waits for a flush
     */
    public boolean hold(ActorRef to, Object message, ActorRef from) {
        if (isLocal(to)) {
            to.tell(message, from);
            return false;
        }
        gather(courierAt(to.path().address()), parcels.pack(to, message, from));
        return true;
    }

    /**
     * A message to a supervisor (or a daemon's pool), in the next bundle the node's courier sends:
     * to the supervisor's node, or whole to a local relay (the singleton's proxy), which forwards it
     * to wherever the supervisor runs; the supervisor delivers it to itself.
     */
    public void tellSupervisor(ActorRef to, Object message, ActorRef from) {
        if (isLocal(to)) {
            gather(to, parcels.pack(null, message, from));
        } else {
            gather(courierAt(to.path().address()), parcels.pack(to, message, from));
        }
        askFlush();
    }

    /**
     * Hands a bundle's messages on in order, each as if its sender had told it: to the actor its
     * parcel names, or to {@code self} when it names none (a bundle for a supervisor).
     */
    public void deliver(Bundle bundle, ActorRef self) {
        bundlesDelivered.increment();
        parcelsDelivered.add(bundle.getParcelsCount());
        parcels.deliver(bundle, self);
    }

    /** Since the system started. */
    public Counts counts() {
        return new Counts(bundlesSent.sum(), parcelsSent.sum(), bundlesDelivered.sum(), parcelsDelivered.sum());
    }

    private void gather(ActorRef via, Parcel parcel) {
        synchronized (gathering) {
            gathering.computeIfAbsent(via, v -> new Gathered()).add(parcel, bundleBytes);
        }
    }

    /** The bundles for one place: those already full, in order, and the one still open. */
    private static final class Gathered {
        private final List<Bundle> full = new ArrayList<>();
        private Bundle.Builder open = Bundle.newBuilder();
        private int openBytes;

        void add(Parcel parcel, int limit) {
            int size = CodedOutputStream.computeMessageSize(Bundle.PARCELS_FIELD_NUMBER, parcel);
            if (openBytes > 0 && openBytes + size > limit) {
                full.add(open.build());
                open = Bundle.newBuilder();
                openBytes = 0;
            }
            open.addParcels(parcel);
            openBytes += size;
        }

        List<Bundle> all() {
            List<Bundle> bundles = new ArrayList<>(full);
            bundles.add(open.build());
            return bundles;
        }
    }

    /** The courier sends what is gathered when it runs next (once asked, until it did). */
    private void askFlush() {
        boolean ask;
        synchronized (gathering) {
            ask = !courierAsked;
            courierAsked = true;
        }
        if (ask) {
            courier.tell(Flush.INSTANCE, ActorRef.noSender());
        }
    }

    /**
     * Sends every bundle gathered so far. Under the lock, so that bundles to one place leave in the
     * order they were gathered whichever thread flushes (a tell only queues the bundle).
     */
    public void flush() {
        synchronized (gathering) {
            courierAsked = false;
            gathering.forEach((via, gathered) -> {
                for (Bundle bundle : gathered.all()) {
                    bundlesSent.increment();
                    parcelsSent.add(bundle.getParcelsCount());
                    via.tell(bundle, ActorRef.noSender());
                }
            });
            gathering.clear();
        }
    }

    private ActorRef courierAt(Address node) {
        return couriers.computeIfAbsent(node, a -> system.provider().resolveActorRef(a + "/system/courier"));
    }

    private static boolean isLocal(ActorRef ref) {
        return ref.path().address().hasLocalScope();
    }

    /** The node's courier: sends the gathered bundles, and hands the parcels of an arriving bundle on. */
    static final class Courier extends akka.actor.AbstractActor {
        private final Outbound outbound;

        Courier(Outbound outbound) {
            this.outbound = outbound;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .matchEquals(Flush.INSTANCE, f -> outbound.flush())
                    .match(Bundle.class, b -> outbound.deliver(b, getSelf()))
                    .build();
        }
    }

    /** Registers {@link Outbound} with a system; named in {@code akka.extensions}. */
    public static final class Id extends AbstractExtensionId<Outbound> implements ExtensionIdProvider {
        @Override
        public Outbound createExtension(ExtendedActorSystem system) {
            return new Outbound(system);
        }

        @Override
        public Id lookup() {
            return ID;
        }
    }
}
