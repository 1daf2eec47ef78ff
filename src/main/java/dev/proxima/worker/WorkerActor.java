package dev.proxima.worker;

import akka.actor.AbstractActorWithTimers;
import akka.actor.ActorRef;
import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.Props;
import akka.event.Logging;
import akka.event.LoggingAdapter;
import com.google.protobuf.GeneratedMessage;
import dev.proxima.evaluation.Evaluation;
import dev.proxima.evaluation.EvaluationFailedException;
import dev.proxima.evaluation.Evaluator;
import dev.proxima.evaluation.PerSearchEvaluator;
import dev.proxima.evaluation.ProgressSink;
import dev.proxima.evaluation.StopSignal;
import dev.proxima.protocol.ProtoConversions;
import dev.proxima.protocol.v1.AssignTrial;
import dev.proxima.protocol.v1.HandBackTrial;
import dev.proxima.protocol.v1.LentTrialDone;
import dev.proxima.protocol.v1.LentWorkerIdle;
import dev.proxima.protocol.v1.RegisterWorker;
import dev.proxima.protocol.v1.RequestTrial;
import dev.proxima.protocol.v1.ServeSearch;
import dev.proxima.protocol.v1.StopTrial;
import dev.proxima.protocol.v1.TrialAck;
import dev.proxima.protocol.v1.TrialFailed;
import dev.proxima.protocol.v1.TrialFinished;
import dev.proxima.protocol.v1.TrialProgress;
import dev.proxima.protocol.v1.WorkerRefused;
import dev.proxima.transport.Outbound;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One device's worker: pulls a trial, runs it through its {@link Evaluator} off the actor's thread,
 * forwards the evaluator's progress, and reports the result until the supervisor acknowledges it.
 * A {@code StopTrial} sets the attempt's {@link StopSignal}; the actor keeps answering while the
 * evaluator works. The supervisor answers a result with the next assignment carrying its
 * acknowledgement (or the acknowledgement alone); while idle the worker keeps asking for work, so a
 * lost message only delays it by one retry interval.
 *
 * <p>{@link Leave} (a node shutting down or being recycled) stops the asking: an idle worker
 * answers {@link Left} at once; a busy one finishes its trial within the grace period, or else
 * stops it and hands it back ({@code HandBackTrial}), and answers once the supervisor has
 * acknowledged. Each acknowledged result is published as {@link TrialDone} on the event stream
 * (the node counts them to recycle its process); a refusal as {@link Refused}.
 *
 * <p>A daemon's pool, the worker's first supervisor, lends it to a search with {@code ServeSearch}
 * (sent on behalf of that search's supervisor); the worker then takes that search's work, tells the
 * pool of each trial boundary ({@code LentTrialDone}) and of asking in vain ({@code LentWorkerIdle}),
 * hands back an assignment of a search it no longer serves, and drops an attempt of a search that
 * ended. A {@link PerSearchEvaluator} is told of each search served and of its end.
 */
public final class WorkerActor extends AbstractActorWithTimers {
    private enum Retry implements NoSerializationVerificationNeeded { INSTANCE }

    private enum GraceOver implements NoSerializationVerificationNeeded { INSTANCE }

    /** Stop taking work; finish the trial in hand within {@code grace} or hand it back; answered with {@link Left}. */
    public record Leave(Duration grace) implements NoSerializationVerificationNeeded {}

    /** The worker owes the supervisor nothing more. */
    public enum Left implements NoSerializationVerificationNeeded { INSTANCE }

    /** Published on the event stream when the supervisor acknowledged a result of this worker. */
    public record TrialDone(String workerId) implements NoSerializationVerificationNeeded {}

    /** Published on the event stream when the supervisor refused this worker. */
    public record Refused(String workerId, String reason) implements NoSerializationVerificationNeeded {}

    /** The evaluator's answer for one attempt, delivered back onto the actor's thread. */
    private record EvaluationDone(long trialId, int attempt, Evaluation result, Throwable failure)
            implements NoSerializationVerificationNeeded {}

    /** Ask a worker what it is doing; it answers with a {@link Status}, also while it trains. */
    public enum GetStatus implements NoSerializationVerificationNeeded { INSTANCE }

    /** @param trialId the trial in hand, or -1 when idle */
    public record Status(String workerId, String device, long trialId, int attempt, boolean stopping)
            implements NoSerializationVerificationNeeded {}

    private final LoggingAdapter log = Logging.getLogger(getContext().getSystem(), this);
    private final String workerId;
    private final String device;
    private final String evaluatorKind;
    private ActorRef supervisor;
    /** The first supervisor: a daemon's pool, when this worker is lent to searches. */
    private final ActorRef home;
    /** The run of each search supervisor this worker was lent to and watches. */
    private final Map<ActorRef, String> served = new HashMap<>();
    /** The run whose evaluation is running now (its evaluator is let go only once it returned). */
    private String evaluating;
    /** A run that ended while its evaluation still ran: let go when that returns. */
    private String releaseAfter;
    /** Where the attempt in hand came from, and where its result goes (the supervisor when it arrived). */
    private ActorRef resultsTo;
    /** The run this worker serves, once told ({@code ServeSearch}); null: whatever its supervisor assigns. */
    private String serving;
    private final Evaluator evaluator;
    /** How messages reach supervisors: in bundles for a worker node, told directly in one JVM (null). */
    private final Outbound outbound;
    private AssignTrial current;
    private StopSignal stop;
    private GeneratedMessage unacked;
    /** The attempt last finished and acknowledged: a late duplicate of its assignment is not run again. */
    private AssignTrial done;
    /** Who asked this worker to leave; null while it takes work. */
    private ActorRef leaving;
    /** The attempt in hand was handed back: its evaluation's late answer is dropped. */
    private boolean handedBack;
    private boolean refused;

    private WorkerActor(String workerId, String device, String evaluatorKind, ActorRef supervisor, Evaluator evaluator,
            Duration retry, boolean bundled) {
        this.workerId = workerId;
        this.device = device;
        this.evaluatorKind = evaluatorKind;
        this.supervisor = supervisor;
        this.home = supervisor;
        this.resultsTo = supervisor;
        this.evaluator = evaluator;
        this.outbound = bundled ? Outbound.of(getContext().getSystem()) : null;
        getTimers().startTimerWithFixedDelay(Retry.INSTANCE, Retry.INSTANCE, retry);
    }

    public static Props props(String workerId, String device, ActorRef supervisor, Evaluator evaluator, Duration retry) {
        return props(workerId, device, "", supervisor, evaluator, retry);
    }

    /** @param evaluatorKind how {@code evaluator} evaluates, told to the supervisor ("training", "replay") */
    public static Props props(String workerId, String device, String evaluatorKind, ActorRef supervisor, Evaluator evaluator,
            Duration retry) {
        return Props.create(WorkerActor.class, () -> new WorkerActor(workerId, device, evaluatorKind, supervisor, evaluator,
                retry, false));
    }

    /**
     * A worker of a cluster node: its messages to supervisors leave in the node's bundles
     * ({@link Outbound}), with those of the node's other workers.
     */
    public static Props bundled(String workerId, String device, String evaluatorKind, ActorRef supervisor,
            Evaluator evaluator, Duration retry) {
        return Props.create(WorkerActor.class, () -> new WorkerActor(workerId, device, evaluatorKind, supervisor, evaluator,
                retry, true));
    }

    @Override
    public void preStart() {
        register();
        requestTrial();
    }

    private void register() {
        post(supervisor, RegisterWorker.newBuilder().setWorkerId(workerId).setDevice(device).setEvaluator(evaluatorKind)
                .build());
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(AssignTrial.class, this::onAssignTrial)
                .match(EvaluationDone.class, this::onEvaluationDone)
                .match(TrialAck.class, this::onTrialAck)
                .match(StopTrial.class, this::onStopTrial)
                .match(Leave.class, this::onLeave)
                .matchEquals(GraceOver.INSTANCE, g -> onGraceOver())
                .match(WorkerRefused.class, this::onRefused)
                .match(ServeSearch.class, this::onServe)
                .match(akka.actor.Terminated.class, this::onSearchGone)
                .matchEquals(GetStatus.INSTANCE, q -> getSender().tell(new Status(workerId, device,
                        current == null ? -1 : current.getTrialId(), current == null ? 0 : current.getAttempt(),
                        stop != null && stop.isStopped()), getSelf()))
                .matchEquals(Retry.INSTANCE, r -> onRetry())
                .build();
    }

    private void onAssignTrial(AssignTrial m) {
        if (m.hasAcknowledges()) {
            onTrialAck(m.getAcknowledges());
        }
        if (serving != null && !serving.equals(m.getRun())) {
            // a search this worker no longer serves assigned it (before it knew): back to that search's queue
            post(getSender(), HandBackTrial.newBuilder().setTrialId(m.getTrialId()).setAttempt(m.getAttempt())
                    .setWorkerId(workerId).setReason("the worker serves run " + serving + " now").build());
            return;
        }
        if (current != null) {
            if (!holds(m.getTrialId(), m.getAttempt(), m.getRun())) {
                log.warning("{} is busy with trial {}; ignoring trial {}", workerId, current.getTrialId(), m.getTrialId());
            }
            return; // a duplicate of the assignment in hand
        }
        if (done != null && same(done, m.getTrialId(), m.getAttempt(), m.getRun())) {
            return; // a duplicate of the attempt just finished, sent before its result arrived
        }
        current = m;
        resultsTo = supervisor;
        stop = new StopSignal();
        if (leaving != null) {
            handBack("the worker is leaving"); // assigned before the supervisor knew
            return;
        }
        ActorRef self = getSelf();
        ActorRef to = resultsTo;
        // called on the evaluator's thread: post() is safe there
        ProgressSink progress = (epoch, score) -> post(to, TrialProgress.newBuilder().setTrialId(m.getTrialId())
                .setAttempt(m.getAttempt()).setWorkerId(workerId).setEpoch(epoch).setScore(score).build(), self);
        CompletionStage<Evaluation> stage;
        evaluating = m.getRun();
        try {
            stage = evaluator.evaluate(ProtoConversions.toRequest(m), progress, stop);
        } catch (RuntimeException e) {
            self.tell(new EvaluationDone(m.getTrialId(), m.getAttempt(), null, e), ActorRef.noSender());
            return;
        }
        stage.whenComplete((result, failure) ->
                self.tell(new EvaluationDone(m.getTrialId(), m.getAttempt(), result, failure), ActorRef.noSender()));
    }

    /** Whether the attempt in hand is this one: the run too, since a daemon's searches number their trials alike. */
    private boolean holds(long trialId, int attempt, String run) {
        return current != null && same(current, trialId, attempt, run);
    }

    private static boolean same(AssignTrial a, long trialId, int attempt, String run) {
        return a.getTrialId() == trialId && a.getAttempt() == attempt && a.getRun().equals(run);
    }

    private void onEvaluationDone(EvaluationDone d) {
        String returned = evaluating;
        evaluating = null;
        if (returned != null && returned.equals(releaseAfter)) {
            releaseAfter = null;
            release(returned);
        }
        if (current == null || current.getTrialId() != d.trialId() || current.getAttempt() != d.attempt() || handedBack) {
            return;
        }
        if (d.failure() == null) {
            unacked = TrialFinished.newBuilder().setTrialId(d.trialId()).setAttempt(d.attempt()).setWorkerId(workerId)
                    .setScore(d.result().score()).setCostSeconds(d.result().costSeconds())
                    .putAllMetrics(d.result().metrics()).build();
        } else {
            Throwable cause = d.failure() instanceof CompletionException && d.failure().getCause() != null
                    ? d.failure().getCause() : d.failure();
            double cost = cause instanceof EvaluationFailedException f ? f.costSeconds() : 0;
            String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            unacked = TrialFailed.newBuilder().setTrialId(d.trialId()).setAttempt(d.attempt()).setWorkerId(workerId)
                    .setReason(reason).setCostSeconds(cost).build();
        }
        post(resultsTo, unacked);
    }

    private void onStopTrial(StopTrial m) {
        if (holds(m.getTrialId(), m.getAttempt(), m.getRun())) {
            log.info("{} stops trial {} attempt {}: {}", workerId, m.getTrialId(), m.getAttempt(), m.getReason());
            stop.stop(m.getReason());
        }
    }

    private void onTrialAck(TrialAck m) {
        if (unacked != null && holds(m.getTrialId(), m.getAttempt(), m.getRun())) {
            done = current;
            boolean result = !handedBack;
            String run = current.getRun();
            unacked = null;
            current = null;
            stop = null; // the next assignment comes with the acknowledgement, or on the next retry
            handedBack = false;
            if (result) {
                getContext().getSystem().getEventStream().publish(new TrialDone(workerId));
                if (serving != null) {
                    post(home, LentTrialDone.newBuilder().setWorkerId(workerId).setRun(run).build());
                }
            }
            if (leaving != null) {
                leave();
            } else if (!resultsTo.equals(supervisor)) {
                resultsTo = supervisor; // it served another search meanwhile: ask the new one now
                register();
                requestTrial();
            }
        }
    }

    /**
     * A search this worker was lent to ended (finished or cancelled) while the worker still owed it
     * something: the attempt is dropped (stopped if it still runs) and the worker asks its current
     * search for work.
     */
    private void onSearchGone(akka.actor.Terminated t) {
        ActorRef gone = t.getActor();
        String run = served.remove(gone);
        if (run != null) {
            if (run.equals(evaluating)) {
                releaseAfter = run; // its evaluator is still in use
            } else {
                release(run);
            }
        }
        boolean free = false;
        if (gone.equals(supervisor) && !gone.equals(home)) {
            supervisor = home; // back to the pool, which lends it on
            serving = null;
            free = current == null;
        }
        if (gone.equals(resultsTo) && current != null) {
            log.info("{} drops trial {} attempt {}: its search ended", workerId, current.getTrialId(), current.getAttempt());
            if (stop != null) {
                stop.stop("its search ended");
            }
            unacked = null;
            current = null;
            stop = null;
            resultsTo = supervisor;
            free = true;
        }
        if (free && leaving == null) {
            register();
            requestTrial();
        }
    }

    private void onServe(ServeSearch m) {
        if (getSender().equals(supervisor) && m.getRun().equals(serving)) {
            return;
        }
        supervisor = getSender();
        serving = m.getRun();
        if (evaluator instanceof PerSearchEvaluator perSearch) {
            perSearch.serve(serving, m.getConfig());
        }
        if (served.put(supervisor, serving) == null) {
            getContext().watch(supervisor); // a lent worker outlives the searches it serves
        }
        if (current == null && leaving == null) {
            resultsTo = supervisor;
            register();
            requestTrial();
        }
    }

    private void onLeave(Leave m) {
        leaving = getSender();
        if (current == null) {
            leave();
        } else if (unacked == null) {
            getTimers().startSingleTimer(GraceOver.INSTANCE, GraceOver.INSTANCE, m.grace());
        }
    }

    /** Still training when the grace period ends: the trial is stopped here and goes back to the queue. */
    private void onGraceOver() {
        if (current != null && unacked == null) {
            handBack("the worker is leaving and its grace period ended");
        }
    }

    private void handBack(String reason) {
        log.info("{} hands back trial {} attempt {}: {}", workerId, current.getTrialId(), current.getAttempt(), reason);
        handedBack = true;
        stop.stop(reason);
        unacked = HandBackTrial.newBuilder().setTrialId(current.getTrialId()).setAttempt(current.getAttempt())
                .setWorkerId(workerId).setReason(reason).build();
        post(resultsTo, unacked);
    }

    private void leave() {
        leaving.tell(Left.INSTANCE, getSelf()); // the retry timer stays: it re-sends a late hand-back, and asks for nothing
    }

    private void onRefused(WorkerRefused m) {
        if (!refused) {
            refused = true;
            log.error("{} is refused by the supervisor: {}", workerId, m.getReason());
            getContext().getSystem().getEventStream().publish(new Refused(workerId, m.getReason()));
        }
    }

    private void onRetry() {
        if (unacked != null) {
            post(resultsTo, unacked);
        } else if (current == null && leaving == null && !refused) {
            if (serving != null) {
                post(home, LentWorkerIdle.newBuilder().setWorkerId(workerId).setRun(serving).build());
            }
            requestTrial();
        }
    }

    private void release(String run) {
        if (evaluator instanceof PerSearchEvaluator perSearch) {
            perSearch.release(run);
        }
    }

    private void requestTrial() {
        post(supervisor, RequestTrial.newBuilder().setWorkerId(workerId).build());
    }

    /** A message of the protocol to a supervisor (or a daemon's pool). */
    private void post(ActorRef to, Object message) {
        post(to, message, getSelf());
    }

    private void post(ActorRef to, Object message, ActorRef self) {
        if (outbound == null) {
            to.tell(message, self);
        } else {
            outbound.tellSupervisor(to, message, self);
        }
    }
}
