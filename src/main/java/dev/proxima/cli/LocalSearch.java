package dev.proxima.cli;

import akka.actor.AbstractActor;
import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.actor.Props;
import akka.pattern.Patterns;
import com.typesafe.config.Config;
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
import dev.proxima.worker.WorkerActor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/** Runs one search in this JVM: an actor system with a supervisor and one worker actor per device. */
final class LocalSearch {
    private LocalSearch() {}

    /**
     * What a search run left: the supervisor's final status, and the journal's commits and events
     * (the events per commit show the group commit at work).
     */
    record Outcome(Status status, long commits, long journaledEvents) {}

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
        CompletableFuture<SearchSummary> finished = new CompletableFuture<>();
        JournalWriter writer = journal == null ? null : new JournalWriter(journal, finished::completeExceptionally);
        WriteAhead writeAhead = writer == null ? WriteAhead.synchronous(e -> { }) : writer::write;
        ActorSystem system = ActorSystem.create("proxima", config);
        Status status;
        try {
            ActorRef listener = system.actorOf(Props.create(Listener.class, () -> new Listener(progress, finished)), "listener");
            ActorRef supervisor = system.actorOf(SupervisorActor.props(core, listener, writeAhead, observers,
                    System::currentTimeMillis, tick), "supervisor");
            for (int w = 0; w < devices.size(); w++) {
                String id = "worker-" + w;
                system.actorOf(WorkerActor.props(id, devices.get(w).name(), supervisor, devices.get(w).evaluator(), retry), id);
            }
            try {
                finished.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            status = (Status) Patterns.ask(supervisor, GetStatus.INSTANCE, Duration.ofSeconds(10))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            if (writer != null) {
                writer.close(); // what the stopped supervisor queued last is written before the journal closes
            }
        }
        long[] counts = writer == null ? new long[2] : writer.counts();
        return new Outcome(status, counts[0], counts[1]);
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
