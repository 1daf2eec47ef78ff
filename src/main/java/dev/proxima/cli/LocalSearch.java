package dev.proxima.cli;

import akka.actor.AbstractActor;
import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.actor.Props;
import akka.pattern.Patterns;
import com.typesafe.config.Config;
import dev.proxima.evaluation.Evaluator;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchSummary;
import dev.proxima.supervisor.SupervisorActor;
import dev.proxima.supervisor.SupervisorMessages.GetStatus;
import dev.proxima.supervisor.SupervisorMessages.SearchFinished;
import dev.proxima.supervisor.SupervisorMessages.SearchProgress;
import dev.proxima.supervisor.SupervisorMessages.Status;
import dev.proxima.worker.WorkerActor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/** Runs one search in this JVM: an actor system with a supervisor and one worker actor per device. */
final class LocalSearch {
    private LocalSearch() {}

    /**
     * Blocks until the search finishes and returns the supervisor's final status.
     *
     * @param events receives every search event (the run's journal)
     * @param progress receives a summary after every finished trial, on an actor thread
     */
    static Status run(Config config, SearchCore core, List<Device> devices, Duration tick, Duration retry,
            Consumer<List<SearchEvent>> events, Consumer<SearchSummary> progress) throws Exception {
        ActorSystem system = ActorSystem.create("proxima", config);
        try {
            CompletableFuture<SearchSummary> finished = new CompletableFuture<>();
            ActorRef listener = system.actorOf(Props.create(Listener.class, () -> new Listener(progress, finished)), "listener");
            ActorRef supervisor = system.actorOf(
                    SupervisorActor.props(core, listener, events, System::currentTimeMillis, tick), "supervisor");
            for (int w = 0; w < devices.size(); w++) {
                String id = "worker-" + w;
                system.actorOf(WorkerActor.props(id, devices.get(w).name(), supervisor, devices.get(w).evaluator(), retry), id);
            }
            finished.get();
            return (Status) Patterns.ask(supervisor, GetStatus.INSTANCE, Duration.ofSeconds(10))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
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
