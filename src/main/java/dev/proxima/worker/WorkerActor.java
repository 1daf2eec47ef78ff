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
import dev.proxima.evaluation.ProgressSink;
import dev.proxima.evaluation.StopSignal;
import dev.proxima.protocol.ProtoConversions;
import dev.proxima.protocol.v1.AssignTrial;
import dev.proxima.protocol.v1.RegisterWorker;
import dev.proxima.protocol.v1.RequestTrial;
import dev.proxima.protocol.v1.StopTrial;
import dev.proxima.protocol.v1.TrialAck;
import dev.proxima.protocol.v1.TrialFailed;
import dev.proxima.protocol.v1.TrialFinished;
import dev.proxima.protocol.v1.TrialProgress;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One device's worker: pulls a trial, runs it through its {@link Evaluator} off the actor's thread,
 * forwards the evaluator's progress, and reports the result until the supervisor acknowledges it.
 * A {@code StopTrial} sets the attempt's {@link StopSignal}; the actor keeps answering while the
 * evaluator works. The supervisor answers a result with its acknowledgement and the next
 * assignment; while idle the worker keeps asking for work, so a lost message only delays it by one
 * retry interval.
 */
public final class WorkerActor extends AbstractActorWithTimers {
    private enum Retry implements NoSerializationVerificationNeeded { INSTANCE }

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
    private final ActorRef supervisor;
    private final Evaluator evaluator;
    private AssignTrial current;
    private StopSignal stop;
    private GeneratedMessage unacked;
    /** The attempt last finished and acknowledged: a late duplicate of its assignment is not run again. */
    private long doneTrialId = -1;
    private int doneAttempt;

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
                .match(StopTrial.class, this::onStopTrial)
                .matchEquals(GetStatus.INSTANCE, q -> getSender().tell(new Status(workerId, device,
                        current == null ? -1 : current.getTrialId(), current == null ? 0 : current.getAttempt(),
                        stop != null && stop.isStopped()), getSelf()))
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
        if (m.getTrialId() == doneTrialId && m.getAttempt() == doneAttempt) {
            return; // a duplicate of the attempt just finished, sent before its result arrived
        }
        current = m;
        stop = new StopSignal();
        ActorRef self = getSelf();
        ProgressSink progress = (epoch, score) -> supervisor.tell(TrialProgress.newBuilder().setTrialId(m.getTrialId())
                .setAttempt(m.getAttempt()).setWorkerId(workerId).setEpoch(epoch).setScore(score).build(), self);
        CompletionStage<Evaluation> stage;
        try {
            stage = evaluator.evaluate(ProtoConversions.toRequest(m), progress, stop);
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

    private void onStopTrial(StopTrial m) {
        if (current != null && current.getTrialId() == m.getTrialId() && current.getAttempt() == m.getAttempt()) {
            log.info("{} stops trial {} attempt {}: {}", workerId, m.getTrialId(), m.getAttempt(), m.getReason());
            stop.stop(m.getReason());
        }
    }

    private void onTrialAck(TrialAck m) {
        if (current != null && unacked != null && current.getTrialId() == m.getTrialId()
                && current.getAttempt() == m.getAttempt()) {
            doneTrialId = current.getTrialId();
            doneAttempt = current.getAttempt();
            unacked = null;
            current = null;
            stop = null; // the next assignment comes with the acknowledgement, or on the next retry
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
