package dev.proxima.cluster;

import akka.Done;
import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.actor.CoordinatedShutdown;
import akka.cluster.Cluster;
import akka.pattern.Patterns;
import dev.proxima.config.ClusterConfig;
import dev.proxima.evaluation.Evaluator;
import dev.proxima.worker.WorkerActor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A worker node: one worker actor per device, each reaching the supervisor singleton through a
 * proxy. Leaving is graceful whatever starts it (SIGTERM, recycling, the search's end): before the
 * node leaves the cluster, every worker finishes its trial within the grace period or hands it
 * back, so it runs again elsewhere at once instead of after the trial timeout.
 */
public final class WorkerNode {
    private WorkerNode() {}

    /** One device of this node and how it evaluates ("training" or "replay"). */
    public record Device(String name, String evaluatorKind, Evaluator evaluator) {}

    /**
     * Starts the node's workers; they ask for work as soon as the supervisor is found.
     *
     * @param onUp run once this node is a member (Up) of the cluster
     */
    public static void start(ActorSystem system, List<Device> devices, ClusterConfig cluster, Duration retry,
            Runnable onUp) {
        ActorRef supervisor = SupervisorNode.proxy(system);
        akka.actor.Address self = Cluster.get(system).selfAddress();
        List<String> ids = workerIds(self.host().get() + ":" + self.port().get(), devices);
        List<ActorRef> workers = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            Device d = devices.get(i);
            workers.add(system.actorOf(WorkerActor.bundled(ids.get(i), d.name(), d.evaluatorKind(), supervisor, d.evaluator(),
                    retry), "worker-" + i));
        }
        CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
        shutdown.addTask(CoordinatedShutdown.PhaseServiceRequestsDone(), "hand-back-trials", () -> handBack(workers,
                // a recycled worker's trial came with the acknowledgement that ended its last one: it has
                // hardly started, so it goes back at once rather than running out the grace period here
                shutdown.getShutdownReason().filter(r -> r == ExitReason.RECYCLED).isPresent() ? Duration.ZERO
                        : cluster.leaveGrace()));
        system.actorOf(NodeKeeper.props(cluster.maxTrialsPerProcess(), cluster.maxRssMib(), onUp), "node-keeper");
    }

    /** Worker ids unique in the cluster: the node's address and the device (numbered when a device repeats). */
    static List<String> workerIds(String node, List<Device> devices) {
        Set<String> seen = new HashSet<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            String id = node + "/" + devices.get(i).name();
            ids.add(seen.add(id) ? id : id + "#" + i);
        }
        return ids;
    }

    private static CompletableFuture<Done> handBack(List<ActorRef> workers, Duration grace) {
        Duration wait = grace.plusSeconds(5);
        CompletableFuture<?>[] left = workers.stream()
                .map(w -> Patterns.ask(w, new WorkerActor.Leave(grace), wait).toCompletableFuture()
                        .exceptionally(e -> null)) // a worker that cannot get its hand-back acknowledged still lets the node go
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(left).thenApply(v -> Done.getInstance());
    }
}
