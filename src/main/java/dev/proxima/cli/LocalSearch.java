package dev.proxima.cli;

import akka.actor.AbstractActor;
import akka.actor.ActorRef;
import akka.actor.ActorSelection;
import akka.actor.ActorSystem;
import akka.actor.Props;
import akka.cluster.Cluster;
import akka.pattern.Patterns;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.proxima.cluster.NodeConfig;
import dev.proxima.cluster.SupervisorNode;
import dev.proxima.cluster.WorkerProcesses;
import dev.proxima.config.ClusterConfig;
import dev.proxima.evaluation.Evaluator;
import dev.proxima.journal.EventJournal;
import dev.proxima.journal.JournalWriter;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchSummary;
import dev.proxima.supervisor.SupervisorActor;
import dev.proxima.supervisor.WriteAhead;
import dev.proxima.supervisor.SupervisorMessages.GetStatus;
import dev.proxima.supervisor.SupervisorMessages.SearchFinished;
import dev.proxima.supervisor.SupervisorMessages.SearchProgress;
import dev.proxima.supervisor.SupervisorMessages.Status;
import dev.proxima.transport.Outbound;
import dev.proxima.worker.WorkerActor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Runs one search from this JVM: its supervisor here, and its workers as actors here (one per
 * device) or as worker JVMs of their own that join this one over 127.0.0.1.
 */
final class LocalSearch {
    private LocalSearch() {}

    /**
     * What a search run left: the supervisor's final status, and the journal's commits and events
     * (the events per commit show the group commit at work).
     */
    /** @param bundles the supervisor node's bundles to and from worker JVMs (all zero in one JVM) */
    record Outcome(Status status, long commits, long journaledEvents, Outbound.Counts bundles) {}

    /**
     * Blocks until the search finishes and returns the supervisor's final status. Events go to
     * {@code journal} with group commit (a {@link JournalWriter}); a failed write ends the search
     * with that failure. Without a journal ({@code null}, for benchmarks) events are only observed.
     *
     * @param observers sees every search event on the supervisor's thread, before it is durable
     * @param progress receives a summary after every finished trial, on an actor thread
     */
    static Outcome run(Config config, SearchCore core, List<Device> devices, Duration tick, Duration retry,
            EventJournal journal, Consumer<List<SearchEvent>> observers, Consumer<SearchSummary> progress) throws Exception {
        return execute(ActorSystem.create("proxima", config), journal, progress, (system, listener, writeAhead, finished) -> {
            ActorRef supervisor = system.actorOf(SupervisorActor.props(core, listener, writeAhead, observers,
                    System::currentTimeMillis, tick), "supervisor");
            for (int w = 0; w < devices.size(); w++) {
                String id = "worker-" + w;
                system.actorOf(WorkerActor.props(id, devices.get(w).name(), supervisor, devices.get(w).evaluator(), retry), id);
            }
            return new Started(system.actorSelection(supervisor.path()), () -> { });
        });
    }

    /**
     * The same search with its workers in processes of their own: this JVM is a one-node cluster
     * on 127.0.0.1 that runs the supervisor (as the singleton {@code proxima supervisor} runs), and
     * {@code workers} makes the launcher of the worker JVMs that join it.
     */
    static Outcome runWithWorkerProcesses(Config config, ClusterConfig cluster, SearchCore core, Launcher workers,
            Duration tick, EventJournal journal, Consumer<List<SearchEvent>> observers, Consumer<SearchSummary> progress)
            throws Exception {
        quietLocalCluster();
        ActorSystem node = NodeConfig.startSystem(NodeConfig.of(ConfigFactory.parseString("akka.cluster.log-info = off")
                .withFallback(config), cluster, NodeConfig.SUPERVISOR_ROLE, 0, List.of()));
        Cluster.get(node).join(Cluster.get(node).selfAddress()); // a cluster of its own; the workers join it
        return execute(node, journal, progress, (system, listener, writeAhead, finished) -> {
            SupervisorNode.start(system, SupervisorActor.props(core, listener, writeAhead, observers,
                    System::currentTimeMillis, tick));
            // a device whose worker cannot run ends the search with why, rather than leaving it waiting
            WorkerProcesses processes = workers.make((Integer) Cluster.get(system).selfAddress().port().get(),
                    why -> finished.completeExceptionally(new IllegalStateException(why)));
            processes.start();
            long grace = cluster.leaveGrace().toMillis() + 15_000;
            return new Started(system.actorSelection("/user/" + SupervisorNode.NAME + "/singleton/search"),
                    () -> processes.close(grace));
        });
    }

    /**
     * On one machine the cluster is an implementation detail: its members coming and going (worker
     * JVMs recycled) would only clutter the progress lines, unless PROXIMA_LOG_LEVEL asks for logs.
     */
    private static void quietLocalCluster() {
        if (System.getenv("PROXIMA_LOG_LEVEL") == null) {
            for (String name : List.of("akka.remote.artery", "akka.stream.Materializer", "akka.cluster",
                    "akka.cluster.Cluster", "akka.cluster.sbr.SplitBrainResolver")) {
                ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(name)).setLevel(ch.qos.logback.classic.Level.ERROR);
            }
        }
    }

    /** Makes the worker JVMs' launcher once this node's port is known. */
    interface Launcher {
        /** @param giveUp ends the search with why, when a device's worker cannot run */
        WorkerProcesses make(int port, Consumer<String> giveUp);
    }

    /** A started search: where its supervisor answers {@link GetStatus}, and how its workers are stopped. */
    private record Started(ActorSelection supervisor, Runnable stopWorkers) {}

    private interface Starter {
        Started start(ActorSystem system, ActorRef listener, WriteAhead writeAhead, CompletableFuture<SearchSummary> finished);
    }

    private static Outcome execute(ActorSystem system, EventJournal journal, Consumer<SearchSummary> progress, Starter starter)
            throws Exception {
        CompletableFuture<SearchSummary> finished = new CompletableFuture<>();
        JournalWriter writer = journal == null ? null : new JournalWriter(journal, finished::completeExceptionally);
        WriteAhead writeAhead = writer == null ? WriteAhead.synchronous(e -> { }) : writer::write;
        Status status;
        Outbound.Counts bundles;
        Started started = null;
        try {
            ActorRef listener = system.actorOf(Props.create(Listener.class, () -> new Listener(progress, finished)), "listener");
            started = starter.start(system, listener, writeAhead, finished);
            try {
                finished.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            status = (Status) Patterns.ask(started.supervisor(), GetStatus.INSTANCE, Duration.ofSeconds(10))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            bundles = Outbound.of(system).counts();
        } finally {
            if (started != null) {
                started.stopWorkers().run();
            }
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            if (writer != null) {
                writer.close(); // what the stopped supervisor queued last is written before the journal closes
            }
        }
        long[] counts = writer == null ? new long[2] : writer.counts();
        return new Outcome(status, counts[0], counts[1], bundles);
    }

    /** A device and the evaluator that works on it; it gets one worker actor. */
    record Device(String name, Evaluator evaluator) {}

    /** {@code count} virtual devices sharing one evaluator (replay). */
    static List<Device> virtual(Evaluator evaluator, int count) {
        return IntStream.range(0, count).mapToObj(i -> new Device("replay:" + i, evaluator)).toList();
    }

    /** Forwards the supervisor's announcements to plain Java callbacks. */
    static final class Listener extends AbstractActor {
        private final Consumer<SearchSummary> progress;
        private final CompletableFuture<SearchSummary> finished;

        Listener(Consumer<SearchSummary> progress, CompletableFuture<SearchSummary> finished) {
            this.progress = progress;
            this.finished = finished;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(SearchProgress.class, p -> progress.accept(p.summary()))
                    .match(SearchFinished.class, f -> finished.complete(f.summary()))
                    .build();
        }
    }
}
