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
import dev.proxima.protocol.ProtoConversions;
import dev.proxima.protocol.v1.AssignTrial;
import dev.proxima.protocol.v1.RegisterWorker;
import dev.proxima.protocol.v1.RequestTrial;
import dev.proxima.protocol.v1.TrialAck;
import dev.proxima.protocol.v1.TrialFailed;
import dev.proxima.protocol.v1.TrialFinished;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One device's worker: pulls a trial, runs it through its {@link Evaluator} off the actor's thread,
 * and reports the result until the supervisor acknowledges it. While idle it keeps asking for work,
 * so a lost message only delays it by one retry interval.
 */
public final class WorkerActor extends AbstractActorWithTimers {
    private enum Retry implements NoSerializationVerificationNeeded { INSTANCE }

    /** The evaluator's answer for one attempt, delivered back onto the actor's thread. */
    private record EvaluationDone(long trialId, int attempt, Evaluation result, Throwable failure)
            implements NoSerializationVerificationNeeded {}

    private final LoggingAdapter log = Logging.getLogger(getContext().getSystem(), this);
    private final String workerId;
    private final String device;
    private final ActorRef supervisor;
    private final Evaluator evaluator;
    private AssignTrial current;
    private GeneratedMessage unacked;

    private WorkerActor(String workerId, String device, ActorRef supervisor, Evaluator evaluator, Duration retry) {
        this.workerId = workerId;
        this.device = device;
        this.supervisor = supervisor;
        this.evaluator = evaluator;
        getTimers().startTimerWithFixedDelay(Retry.INSTANCE, Retry.INSTANCE, retry);
    }

    public static Props props(String workerId, String device, ActorRef supervisor, Evaluator evaluator, Duration retry) {
        return Props.create(WorkerActor.class, () -> new WorkerActor(workerId, device, supervisor, evaluator, retry));
    }

    @Override
    public void preStart() {
        supervisor.tell(RegisterWorker.newBuilder().setWorkerId(workerId).setDevice(device).build(), getSelf());
        requestTrial();
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(AssignTrial.class, this::onAssignTrial)
                .match(EvaluationDone.class, this::onEvaluationDone)
                .match(TrialAck.class, this::onTrialAck)
                .matchEquals(Retry.INSTANCE, r -> onRetry())
                .build();
    }

    private void onAssignTrial(AssignTrial m) {
        if (current != null) {
            if (current.getTrialId() != m.getTrialId() || current.getAttempt() != m.getAttempt()) {
                log.warning("{} is busy with trial {}; ignoring trial {}", workerId, current.getTrialId(), m.getTrialId());
            }
            return; // a duplicate of the assignment in hand
        }
        current = m;
        ActorRef self = getSelf();
        CompletionStage<Evaluation> stage;
        try {
            stage = evaluator.evaluate(ProtoConversions.toRequest(m));
        } catch (RuntimeException e) {
            self.tell(new EvaluationDone(m.getTrialId(), m.getAttempt(), null, e), ActorRef.noSender());
            return;
        }
        stage.whenComplete((result, failure) ->
                self.tell(new EvaluationDone(m.getTrialId(), m.getAttempt(), result, failure), ActorRef.noSender()));
    }

    private void onEvaluationDone(EvaluationDone d) {
        if (current == null || current.getTrialId() != d.trialId() || current.getAttempt() != d.attempt()) {
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
        supervisor.tell(unacked, getSelf());
    }

    private void onTrialAck(TrialAck m) {
        if (current != null && unacked != null && current.getTrialId() == m.getTrialId()
                && current.getAttempt() == m.getAttempt()) {
            unacked = null;
            current = null;
            requestTrial();
        }
    }

    private void onRetry() {
        if (unacked != null) {
            supervisor.tell(unacked, getSelf());
        } else if (current == null) {
            requestTrial();
        }
    }

    private void requestTrial() {
        supervisor.tell(RequestTrial.newBuilder().setWorkerId(workerId).build(), getSelf());
    }
}
