package dev.proxima.supervisor;

import akka.actor.AbstractActorWithTimers;
import akka.actor.ActorRef;
import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.Props;
import akka.actor.Terminated;
import akka.event.Logging;
import akka.event.LoggingAdapter;
import dev.proxima.protocol.ProtoConversions;
import dev.proxima.protocol.v1.AssignTrial;
import dev.proxima.protocol.v1.Bundle;
import dev.proxima.protocol.v1.HandBackTrial;
import dev.proxima.protocol.v1.RegisterWorker;
import dev.proxima.protocol.v1.RequestTrial;
import dev.proxima.protocol.v1.StopTrial;
import dev.proxima.protocol.v1.TrialAck;
import dev.proxima.protocol.v1.TrialFailed;
import dev.proxima.protocol.v1.TrialFinished;
import dev.proxima.protocol.v1.TrialProgress;
import dev.proxima.protocol.v1.WorkerRefused;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchEvent.AttemptAbandoned;
import dev.proxima.supervisor.SupervisorMessages.GetStatus;
import dev.proxima.supervisor.SupervisorMessages.SearchFinished;
import dev.proxima.supervisor.SupervisorMessages.SearchProgress;
import dev.proxima.supervisor.SupervisorMessages.Status;
import dev.proxima.transport.Outbound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Moves messages in and out of a {@link SearchCore}: workers pull trials, report results, and are
 * watched; a periodic tick re-queues overdue attempts. Every decision is the core's; this actor
 * only routes, acknowledges, and hands the core's events to the run's journal.
 *
 * <p>Write-ahead: the events a message produced go to {@link WriteAhead} together when it is done,
 * and the messages they decided (the outbox) leave only once those are durable, in the order the
 * messages were handled. A result is answered with its acknowledgement and the worker's next
 * assignment, decided and journaled together, so a busy worker costs one batch per trial; with
 * group commit the batches of many workers share a commit, and the loop never waits for the disk.
 * {@code observers} (the events log, progress lines) see the events at once, before they are
 * durable: they are for people, not decisions.
 */
public final class SupervisorActor extends AbstractActorWithTimers {
    private enum Tick implements NoSerializationVerificationNeeded { INSTANCE }

    /** Send the bundles held for other nodes: queued behind the messages waiting, so it answers all of them. */
    private enum FlushBundles implements NoSerializationVerificationNeeded { INSTANCE }

    private final LoggingAdapter log = Logging.getLogger(getContext().getSystem(), this);
    private final SearchCore core;
    private final ActorRef listener;
    private final WriteAhead journal;
    private final Consumer<List<SearchEvent>> observers;
    private final LongSupplier clock;
    private final String evaluator;
    private final String run;
    private final AutoCloseable resources;
    /** Messages to workers of other nodes leave in bundles; local ones at once. */
    private final Outbound outbound = Outbound.of(getContext().getSystem());
    /** A {@link FlushBundles} is on its way (set from the journal's thread too). */
    private final AtomicBoolean flushAsked = new AtomicBoolean();
    private final Map<String, ActorRef> workers = new HashMap<>();
    /** Workers that evaluate otherwise than this search (told once, then ignored). */
    private final Set<String> refused = new LinkedHashSet<>();
    private final Map<ActorRef, String> workerIds = new HashMap<>();
    private final Set<String> idle = new LinkedHashSet<>();
    /** The attempt each worker was last sent and has not reported yet. */
    private final Map<String, AssignTrial> inHand = new HashMap<>();
    private final DecisionLatency latency = new DecisionLatency(1 << 20);
    /** Events of the message being handled, journaled in one commit when it is done. */
    private List<SearchEvent> unjournaled = new ArrayList<>();
    /** Messages that leave once those events are durable. */
    private List<Outgoing> outbox = new ArrayList<>();
    private boolean finishAnnounced;

    private SupervisorActor(Session session, LongSupplier clock, Duration tick) {
        this.core = session.core();
        this.listener = session.listener();
        this.journal = session.journal();
        this.observers = session.observers();
        this.evaluator = session.evaluator();
        this.run = session.run();
        this.resources = session.resources();
        this.clock = clock;
        getTimers().startTimerWithFixedDelay(Tick.INSTANCE, Tick.INSTANCE, tick);
    }

    /**
     * What a supervisor works with: the search, who hears of it, and where its events go.
     *
     * @param evaluator how this search evaluates ("training", "replay"); a worker that registers
     *     with another is refused. Empty accepts every worker.
     * @param run named in every assignment (workers of several runs may share a checkpoint folder);
     *     empty for a single-machine search
     * @param resources closed when the supervisor stops (the journal, so another node can take it)
     */
    public record Session(SearchCore core, ActorRef listener, WriteAhead journal, Consumer<List<SearchEvent>> observers,
            String evaluator, String run, AutoCloseable resources) {}

    /**
     * @param listener gets {@link SearchProgress} after each result and {@link SearchFinished} once
     * @param events receives every event the core emits, in order
     * @param clock milliseconds since the epoch (the core's time base)
     */
    public static Props props(SearchCore core, ActorRef listener, Consumer<List<SearchEvent>> events, LongSupplier clock,
            Duration tick) {
        return props(core, listener, WriteAhead.synchronous(events), e -> { }, clock, tick);
    }

    /**
     * @param journal makes each message's events durable before what they decided is sent
     * @param observers see every event as it is emitted, on the actor's thread
     */
    public static Props props(SearchCore core, ActorRef listener, WriteAhead journal, Consumer<List<SearchEvent>> observers,
            LongSupplier clock, Duration tick) {
        Session session = new Session(core, listener, journal, observers, "", "", () -> { });
        return props(() -> session, clock, tick);
    }

    /**
     * A supervisor whose session is opened when the actor starts, on the node it starts on: a
     * cluster singleton recovers its search from the shared journal there.
     */
    public static Props props(Supplier<Session> open, LongSupplier clock, Duration tick) {
        return Props.create(SupervisorActor.class, () -> new SupervisorActor(open.get(), clock, tick));
    }

    @Override
    public void postStop() throws Exception {
        outbound.flush(); // what it decided last still leaves
        resources.close();
    }

    private record Outgoing(ActorRef to, Object message) {}

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(Bundle.class, b -> outbound.deliver(b, getSelf()))
                .matchEquals(FlushBundles.INSTANCE, f -> {
                    flushAsked.set(false);
                    outbound.flush();
                })
                .match(RegisterWorker.class, m -> handle(() -> onRegisterWorker(m), false))
                .match(RequestTrial.class, m -> handle(() -> onRequestTrial(m), true))
                .match(HandBackTrial.class, m -> handle(() -> onHandBackTrial(m), true))
                .match(TrialFinished.class, m -> handle(() -> onTrialFinished(m), true))
                .match(TrialFailed.class, m -> handle(() -> onTrialFailed(m), true))
                .match(TrialProgress.class, m -> handle(() -> record(core.progress(m.getTrialId(), m.getAttempt(),
                        m.getWorkerId(), m.getEpoch(), m.getScore(), clock.getAsLong())), false))
                .match(Terminated.class, t -> handle(() -> onTerminated(t), false))
                .matchEquals(Tick.INSTANCE, t -> handle(this::onTick, false))
                .matchEquals(GetStatus.INSTANCE, q -> getSender().tell(new Status(core.summary(clock.getAsLong()),
                        latency.count(), latency.quantileMicros(0.5), latency.quantileMicros(0.99), workers.size(),
                        idle.size()), getSelf()))
                .build();
    }

    /**
     * Handles one message, then journals its events in one commit and sends what they decided.
     *
     * @param timed whether it counts as a decision in the latency figures (requests and results)
     */
    private void handle(Runnable handler, boolean timed) {
        long start = System.nanoTime();
        handler.run();
        // handed over whole (the writer may hold them past this message), not copied
        List<SearchEvent> emitted = unjournaled;
        List<Outgoing> decided = outbox;
        unjournaled = new ArrayList<>();
        outbox = new ArrayList<>();
        if (!emitted.isEmpty()) {
            observers.accept(emitted);
        }
        if (!emitted.isEmpty() || !decided.isEmpty()) {
            ActorRef self = getSelf();
            // also a message without events waits its turn, so nothing overtakes what an earlier one decided
            journal.write(emitted, () -> send(decided, self));
        }
        if (timed) {
            latency.record(System.nanoTime() - start);
        }
    }

    /** Runs once the messages' events are durable (on the journal's thread with group commit). */
    private void send(List<Outgoing> decided, ActorRef self) {
        boolean held = false;
        for (Outgoing o : decided) {
            held |= outbound.hold(o.to(), o.message(), self);
        }
        if (held && flushAsked.compareAndSet(false, true)) {
            self.tell(FlushBundles.INSTANCE, ActorRef.noSender());
        }
    }

    private void send(ActorRef to, Object message) {
        outbox.add(new Outgoing(to, message));
    }

    private void register(String workerId) {
        ActorRef known = workers.get(workerId);
        if (known != null && !known.equals(getSender())) {
            log.warning("worker {} re-registered from a new actor; its old attempt is lost", workerId);
            forget(known);
            record(core.workerLost(workerId, "worker " + workerId + " restarted", clock.getAsLong()));
        }
        if (!getSender().equals(known)) {
            workers.put(workerId, getSender());
            workerIds.put(getSender(), workerId);
            getContext().watch(getSender());
        }
    }

    private void onRegisterWorker(RegisterWorker m) {
        if (!evaluator.isEmpty() && !m.getEvaluator().isEmpty() && !m.getEvaluator().equals(evaluator)) {
            if (refused.add(m.getWorkerId())) {
                log.error("worker {} ({}) evaluates by {}, this search by {}: it gets no work", m.getWorkerId(),
                        m.getDevice(), m.getEvaluator(), evaluator);
            }
            send(getSender(), WorkerRefused.newBuilder().setWorkerId(m.getWorkerId()).setReason("the search evaluates by "
                    + evaluator + ", the worker by " + m.getEvaluator()).build());
            return;
        }
        refused.remove(m.getWorkerId());
        register(m.getWorkerId());
    }

    private void onRequestTrial(RequestTrial m) {
        if (refused.contains(m.getWorkerId())) {
            return;
        }
        register(m.getWorkerId());
        assign(m.getWorkerId());
    }

    /** The worker leaves before its attempt ended: the attempt goes back to the queue now, and the worker gets no more. */
    private void onHandBackTrial(HandBackTrial m) {
        log.info("worker {} hands back trial {} attempt {}: {}", m.getWorkerId(), m.getTrialId(), m.getAttempt(),
                m.getReason());
        release(m.getWorkerId(), m.getTrialId(), m.getAttempt());
        idle.remove(m.getWorkerId());
        record(core.handBack(m.getTrialId(), m.getAttempt(), m.getWorkerId(), m.getReason(), clock.getAsLong()));
        send(getSender(), TrialAck.newBuilder().setTrialId(m.getTrialId()).setAttempt(m.getAttempt())
                .setWorkerId(m.getWorkerId()).setRun(run).build());
        assignIdle(); // another worker may take it at once
    }

    private void assign(String workerId) {
        assign(workerId, null);
    }

    /** @param ack the worker's last result's acknowledgement, sent with the assignment, or alone if none comes */
    private void assign(String workerId, TrialAck ack) {
        record(core.assign(workerId, clock.getAsLong()));
        core.assignmentFor(workerId).ifPresentOrElse(a -> {
            idle.remove(workerId);
            AssignTrial message = ProtoConversions.toProto(a, run);
            inHand.put(workerId, message);
            send(workers.get(workerId), ack == null ? message : message.toBuilder().setAcknowledges(ack).build());
        }, () -> {
            idle.add(workerId);
            if (ack != null) {
                send(workers.get(workerId), ack);
            }
        });
        announceIfFinished();
    }

    private void onTrialFinished(TrialFinished m) {
        release(m.getWorkerId(), m.getTrialId(), m.getAttempt());
        record(core.complete(m.getTrialId(), m.getAttempt(), m.getWorkerId(), m.getScore(), m.getCostSeconds(),
                m.getMetricsMap(), clock.getAsLong()));
        acknowledge(m.getTrialId(), m.getAttempt(), m.getWorkerId());
    }

    private void onTrialFailed(TrialFailed m) {
        log.info("trial {} attempt {} failed on {}: {}", m.getTrialId(), m.getAttempt(), m.getWorkerId(), m.getReason());
        release(m.getWorkerId(), m.getTrialId(), m.getAttempt());
        record(core.fail(m.getTrialId(), m.getAttempt(), m.getWorkerId(), m.getReason(), m.getCostSeconds(),
                clock.getAsLong()));
        acknowledge(m.getTrialId(), m.getAttempt(), m.getWorkerId());
    }

    /** The worker reported this attempt: it is no longer in hand (and needs no stop). */
    private void release(String workerId, long trialId, int attempt) {
        AssignTrial held = inHand.get(workerId);
        if (held != null && held.getTrialId() == trialId && held.getAttempt() == attempt) {
            inHand.remove(workerId);
        }
    }

    /**
     * Always acknowledged, duplicates too, so the worker stops re-sending; the acknowledgement rides
     * on the worker's next assignment when one comes (the worker asks again only when none comes).
     */
    private void acknowledge(long trialId, int attempt, String workerId) {
        TrialAck ack = TrialAck.newBuilder().setTrialId(trialId).setAttempt(attempt).setWorkerId(workerId).setRun(run)
                .build();
        send(listener, new SearchProgress(core.summary(clock.getAsLong())));
        if (getSender().equals(workers.get(workerId))) {
            assign(workerId, ack);
        } else {
            send(getSender(), ack);
        }
        announceIfFinished();
    }

    private void onTerminated(Terminated t) {
        String workerId = workerIds.get(t.getActor());
        if (workerId != null) {
            AssignTrial held = inHand.get(workerId);
            if (held != null) {
                log.warning("worker {} stopped while it held trial {}; it goes back to the queue", workerId,
                        held.getTrialId());
            } else {
                log.info("worker {} stopped", workerId);
            }
            forget(t.getActor());
            record(core.workerLost(workerId, "worker " + workerId + " stopped", clock.getAsLong()));
            assignIdle();
        }
    }

    private void forget(ActorRef ref) {
        String workerId = workerIds.remove(ref);
        workers.remove(workerId, ref);
        idle.remove(workerId);
        inHand.remove(workerId);
        getContext().unwatch(ref);
    }

    private void onTick() {
        record(core.requeueOverdue(clock.getAsLong()));
        assignIdle();
        // progress between results too: a long trial must not leave the user without a line
        send(listener, new SearchProgress(core.summary(clock.getAsLong())));
        announceIfFinished();
    }

    private void assignIdle() {
        for (String workerId : List.copyOf(idle)) {
            assign(workerId);
        }
    }

    private void record(List<SearchEvent> emitted) {
        if (!emitted.isEmpty()) {
            unjournaled.addAll(emitted);
            deliverStopRequests(emitted);
            stopAbandonedAttempts(emitted);
        }
    }

    /**
     * A stopping rule rejected a running attempt: its worker is told to stop. The attempt stays in
     * hand, because the trial ends only with the worker's answer (which carries the cost it ran up).
     */
    private void deliverStopRequests(List<SearchEvent> emitted) {
        for (SearchEvent e : emitted) {
            if (e instanceof SearchEvent.TrialStopRequested s) {
                ActorRef worker = workers.get(s.workerId());
                log.info("trial {} on {} rejected by {}: {}", s.trialId(), s.workerId(), s.rule(), s.reason());
                if (worker != null) {
                    send(worker, StopTrial.newBuilder().setTrialId(s.trialId()).setAttempt(s.attempt())
                            .setWorkerId(s.workerId()).setReason(s.rule() + ": " + s.reason()).setRun(run).build());
                }
            }
        }
    }

    /**
     * The core abandoned an attempt (re-queued, given up, finished by another attempt, or the budget
     * ran out): the worker still holding it is told to stop, so its device moves on. The decision is
     * the core's; this only delivers it.
     */
    private void stopAbandonedAttempts(List<SearchEvent> emitted) {
        for (SearchEvent e : emitted) {
            if (e instanceof AttemptAbandoned a) {
                AssignTrial held = inHand.get(a.workerId());
                ActorRef worker = workers.get(a.workerId());
                if (held != null && held.getTrialId() == a.trialId() && held.getAttempt() == a.attempt() && worker != null) {
                    send(worker, StopTrial.newBuilder().setTrialId(a.trialId()).setAttempt(a.attempt())
                            .setWorkerId(a.workerId()).setReason(a.reason()).setRun(run).build());
                    inHand.remove(a.workerId());
                }
            }
        }
    }

    private void announceIfFinished() {
        if (!finishAnnounced && core.isFinished()) {
            finishAnnounced = true;
            send(listener, new SearchFinished(core.summary(clock.getAsLong())));
        }
    }
}
