package dev.proxima.daemon;

import akka.actor.AbstractActor;
import akka.actor.ActorRef;
import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.Props;
import akka.event.Logging;
import akka.event.LoggingAdapter;
import akka.actor.Terminated;
import dev.proxima.daemon.SharePolicy.Claim;
import dev.proxima.protocol.v1.Bundle;
import dev.proxima.protocol.v1.LentTrialDone;
import dev.proxima.protocol.v1.LentWorkerIdle;
import dev.proxima.protocol.v1.RegisterWorker;
import dev.proxima.protocol.v1.RequestTrial;
import dev.proxima.protocol.v1.ServeSearch;
import dev.proxima.protocol.v1.WorkerRefused;
import dev.proxima.search.SearchSummary;
import dev.proxima.supervisor.SupervisorMessages.SearchFinished;
import dev.proxima.supervisor.SupervisorMessages.SearchProgress;
import dev.proxima.transport.Outbound;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The daemon's worker pool: lends each worker to a search, as {@link SharePolicy} decides, at
 * every trial boundary and whenever the worker's search has nothing for it. It is also every
 * search supervisor's listener, which is how it learns what each search has spent and when one
 * ends. Workers that no search can use wait here (they ask the pool as their first supervisor).
 *
 * <p>The pool runs as the cluster's supervisor singleton, so a worker of another node ({@code
 * proxima worker --join}) finds it as it finds a {@code proxima supervisor}; it is watched, and
 * forgotten when it stops or its node is removed (the searches' supervisors re-queue its attempt).
 * A worker that evaluates otherwise than the daemon's searches is refused.
 */
public final class PoolActor extends AbstractActor {
    /** A search joins the pool; {@code supervisor} is where its workers take work. */
    public record AddSearch(String id, ActorRef supervisor, int priority, long order, double deviceSeconds, String config)
            implements NoSerializationVerificationNeeded {}

    /** A search leaves the pool (cancelled); its workers move on at once. */
    public record RemoveSearch(String id) implements NoSerializationVerificationNeeded {}

    private static final class Search {
        final String id;
        final ActorRef supervisor;
        final int priority;
        final long order;
        final String config;
        double deviceSeconds;
        int completed;
        /** One of its workers asked and got nothing since its last result. */
        boolean starved;

        Search(AddSearch a) {
            id = a.id();
            supervisor = a.supervisor();
            priority = a.priority();
            order = a.order();
            deviceSeconds = a.deviceSeconds();
            config = a.config();
        }

        Claim claim(int workers) {
            return new Claim(id, priority, deviceSeconds, workers, completed == 0 ? 0 : deviceSeconds / completed, !starved,
                    order);
        }
    }

    private final LoggingAdapter log = Logging.getLogger(getContext().getSystem(), this);
    private final String evaluator;
    private final Map<String, ActorRef> workers = new LinkedHashMap<>();
    private final Map<ActorRef, String> workerIds = new HashMap<>();
    private final Set<String> refused = new HashSet<>();
    private final Map<String, String> serving = new HashMap<>();
    private final Map<String, Search> searches = new LinkedHashMap<>();
    private final Map<ActorRef, String> bySupervisor = new HashMap<>();
    private final BiConsumer<String, SearchSummary> progress;
    private final BiConsumer<String, SearchSummary> finished;

    private PoolActor(String evaluator, BiConsumer<String, SearchSummary> progress,
            BiConsumer<String, SearchSummary> finished) {
        this.evaluator = evaluator;
        this.progress = progress;
        this.finished = finished;
    }

    /**
     * @param evaluator how the daemon's searches evaluate ("training", "replay"): a worker that
     *     registers with another is refused
     * @param progress a search's summary after each of its results (on the pool's thread: keep it short)
     * @param finished a search ended by its budget; called once, on the pool's thread
     */
    public static Props props(String evaluator, BiConsumer<String, SearchSummary> progress,
            BiConsumer<String, SearchSummary> finished) {
        return Props.create(PoolActor.class, () -> new PoolActor(evaluator, progress, finished));
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(Bundle.class, b -> Outbound.of(getContext().getSystem()).deliver(b, getSelf()))
                .match(RegisterWorker.class, this::onRegister)
                .match(RequestTrial.class, m -> {
                    if (!refused.contains(m.getWorkerId())) {
                        add(m.getWorkerId(), "");
                        if (!serving.containsKey(m.getWorkerId())) {
                            lend(m.getWorkerId(), null);
                        }
                    }
                })
                .match(AddSearch.class, this::onAddSearch)
                .match(RemoveSearch.class, m -> remove(m.id()))
                .match(LentTrialDone.class, d -> lend(d.getWorkerId(), serving.get(d.getWorkerId())))
                .match(LentWorkerIdle.class, this::onIdle)
                .match(Terminated.class, t -> forget(t.getActor()))
                .match(SearchProgress.class, p -> onProgress(p.summary()))
                .match(SearchFinished.class, f -> onFinished(f.summary()))
                .build();
    }

    private void onRegister(RegisterWorker m) {
        if (!m.getEvaluator().isEmpty() && !m.getEvaluator().equals(evaluator)) {
            log.warning("refused worker {}: it evaluates by {}, this daemon's searches by {}", m.getWorkerId(),
                    m.getEvaluator(), evaluator);
            refused.add(m.getWorkerId());
            getSender().tell(WorkerRefused.newBuilder().setWorkerId(m.getWorkerId()).setReason("this daemon's searches "
                    + "evaluate by " + evaluator + ", the worker by " + m.getEvaluator()).build(), getSelf());
            return;
        }
        add(m.getWorkerId(), m.getDevice());
    }

    /** The sender is worker {@code workerId} (a request without a registration counts as one, as with a supervisor). */
    private void add(String workerId, String device) {
        ActorRef before = workers.get(workerId);
        if (getSender().equals(before)) {
            return;
        }
        if (before != null) {
            forget(before); // the same worker id from a new actor: a restarted worker
        }
        workers.put(workerId, getSender());
        workerIds.put(getSender(), workerId);
        getContext().watch(getSender());
        log.info("worker {} joined the pool ({}{} workers)", workerId, device.isEmpty() ? "" : device + ", ", workers.size());
    }

    private void forget(ActorRef worker) {
        String id = workerIds.remove(worker);
        if (id != null && worker.equals(workers.get(id))) {
            workers.remove(id);
            serving.remove(id);
            log.info("worker {} left the pool ({} workers)", id, workers.size());
        }
    }

    private void onAddSearch(AddSearch a) {
        Search s = new Search(a);
        searches.put(s.id, s);
        bySupervisor.put(s.supervisor, s.id);
        for (String worker : List.copyOf(workers.keySet())) {
            if (!serving.containsKey(worker)) {
                lend(worker, null); // waiting in the pool: work at once
            }
        }
        // busy workers move at their next trial boundary, if the policy says so
    }

    private void onIdle(LentWorkerIdle i) {
        Search s = searches.get(i.getRun());
        if (s != null && i.getRun().equals(serving.get(i.getWorkerId()))) {
            s.starved = true;
            lend(i.getWorkerId(), i.getRun());
        }
    }

    private void onProgress(SearchSummary summary) {
        Search s = searches.get(bySupervisor.get(getSender()));
        if (s != null) {
            s.deviceSeconds = summary.deviceSeconds();
            s.completed = summary.completed();
            s.starved = false; // a result may have made work (a promotion, the next proposal)
            progress.accept(s.id, summary);
        }
    }

    private void onFinished(SearchSummary summary) {
        String id = bySupervisor.get(getSender());
        if (id != null && searches.containsKey(id)) {
            progress.accept(id, summary);
            remove(id);
            finished.accept(id, summary);
        }
    }

    private void remove(String id) {
        Search s = searches.remove(id);
        if (s == null) {
            return;
        }
        bySupervisor.remove(s.supervisor);
        for (Map.Entry<String, String> e : new ArrayList<>(serving.entrySet())) {
            if (e.getValue().equals(id)) {
                serving.remove(e.getKey());
                lend(e.getKey(), null);
            }
        }
    }

    /** Every search's claim, counting the workers that serve it now but {@code lent}. */
    private List<Claim> claims(String lent) {
        Map<String, Integer> count = new HashMap<>();
        serving.forEach((worker, search) -> {
            if (!worker.equals(lent)) {
                count.merge(search, 1, Integer::sum);
            }
        });
        return searches.values().stream().map(s -> s.claim(count.getOrDefault(s.id, 0))).toList();
    }

    /** Lends a free worker where the policy says; it stays where it is when no other search has work. */
    private void lend(String workerId, String current) {
        ActorRef worker = workers.get(workerId);
        if (worker == null) {
            return;
        }
        Optional<String> next = SharePolicy.next(claims(workerId));
        if (next.isEmpty() || next.get().equals(current)) {
            return;
        }
        Search to = searches.get(next.get());
        serving.put(workerId, to.id);
        log.debug("worker {} now serves {}", workerId, to.id);
        // on behalf of the search's supervisor: the worker takes it as the sender
        worker.tell(ServeSearch.newBuilder().setRun(to.id).setConfig(to.config).build(), to.supervisor);
    }
}
