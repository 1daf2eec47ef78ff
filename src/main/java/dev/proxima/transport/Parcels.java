package dev.proxima.transport;

import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.actor.ExtendedActorSystem;
import akka.event.Logging;
import akka.event.LoggingAdapter;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import akka.serialization.Serializers;
import com.google.protobuf.ByteString;
import dev.proxima.protocol.v1.Bundle;
import dev.proxima.protocol.v1.Parcel;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Writes a message with its recipient and sender into a {@link Parcel}, and delivers a parcel as
 * if its sender had told it: Akka's serialization for the message, serialized actor paths for the
 * two actors (resolved once each: a cluster has few of them). Safe from any thread.
 */
final class Parcels {
    /** A bound on the remembered actors, which churn as worker JVMs are recycled. */
    private static final int REMEMBERED = 10_000;

    private final Serialization serialization;
    private final LoggingAdapter log;
    private final ExtendedActorSystem system;
    private final Map<ActorRef, String> paths = new ConcurrentHashMap<>();
    private final Map<String, ActorRef> refs = new ConcurrentHashMap<>();

    Parcels(ActorSystem system) {
        this.system = (ExtendedActorSystem) system;
        this.serialization = SerializationExtension.get(system);
        this.log = Logging.getLogger(system, Parcels.class);
    }

    /** @param recipient null: the actor the bundle goes to */
    Parcel pack(ActorRef recipient, Object message, ActorRef sender) {
        Serializer serializer = serialization.findSerializerFor(message);
        Parcel.Builder p = Parcel.newBuilder().setSerializerId(serializer.identifier())
                .setManifest(Serializers.manifestFor(serializer, message))
                .setPayload(ByteString.copyFrom(serializer.toBinary(message)));
        if (recipient != null) {
            p.setRecipient(pathOf(recipient));
        }
        if (sender != null && !sender.equals(ActorRef.noSender()) && !sender.equals(system.deadLetters())) {
            p.setSender(pathOf(sender));
        }
        return p.build();
    }

    /**
     * Tells each parcel's message to its recipient ({@code self} when it names none) from its
     * sender. A parcel that cannot be read is left out with one line that says why and whose it
     * was, as Artery drops a message it cannot deserialize: the others still arrive, and the
     * recipient (a supervisor) does not fail over a stranger's bytes.
     */
    void deliver(Bundle bundle, ActorRef self) {
        for (Parcel p : bundle.getParcelsList()) {
            Object message;
            ActorRef to;
            ActorRef from;
            try {
                message = serialization.deserialize(p.getPayload().toByteArray(), p.getSerializerId(), p.getManifest())
                        .get();
                to = p.getRecipient().isEmpty() ? self : refOf(p.getRecipient());
                from = p.getSender().isEmpty() ? ActorRef.noSender() : refOf(p.getSender());
            } catch (Exception e) {
                Throwable why = e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
                log.warning("dropped a parcel of a bundle (manifest '{}', from '{}', for '{}'): {}", p.getManifest(),
                        p.getSender(), p.getRecipient().isEmpty() ? self.path() : p.getRecipient(), why.toString());
                continue;
            }
            to.tell(message, from);
        }
    }

    private String pathOf(ActorRef ref) {
        return remembered(paths, ref, Serialization::serializedActorPath);
    }

    private ActorRef refOf(String path) {
        return remembered(refs, path, p -> system.provider().resolveActorRef(p));
    }

    private static <K, V> V remembered(Map<K, V> memory, K key, Function<K, V> make) {
        V known = memory.get(key);
        if (known == null) {
            if (memory.size() >= REMEMBERED) {
                memory.clear();
            }
            known = make.apply(key);
            memory.put(key, known);
        }
        return known;
    }
}
