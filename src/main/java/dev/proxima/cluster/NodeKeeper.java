package dev.proxima.cluster;

import akka.actor.AbstractActor;
import akka.actor.CoordinatedShutdown;
import akka.actor.Props;
import akka.cluster.Cluster;
import akka.cluster.ClusterEvent;
import akka.event.Logging;
import akka.event.LoggingAdapter;
import dev.proxima.worker.WorkerActor.Refused;
import dev.proxima.worker.WorkerActor.TrialDone;

/**
 * Ends a worker node's process when it should be restarted (after {@code maxTrials} trials, or
 * once its resident memory passes {@code maxRssMib}: libtorch's native memory only grows), or when
 * the supervisor refused its workers. The node leaves gracefully either way; the reason becomes the
 * process's exit code ({@link ExitReason}).
 */
final class NodeKeeper extends AbstractActor {
    private final LoggingAdapter log = Logging.getLogger(getContext().getSystem(), this);
    private final int maxTrials;
    private final long maxRssMib;
    private final Runnable onUp;
    private int trials;

    private NodeKeeper(int maxTrials, long maxRssMib, Runnable onUp) {
        this.maxTrials = maxTrials;
        this.maxRssMib = maxRssMib;
        this.onUp = onUp;
    }

    /** @param onUp run once, when this node is a member (Up) of the cluster */
    static Props props(int maxTrials, long maxRssMib, Runnable onUp) {
        return Props.create(NodeKeeper.class, () -> new NodeKeeper(maxTrials, maxRssMib, onUp));
    }

    @Override
    public void preStart() {
        getContext().getSystem().getEventStream().subscribe(getSelf(), TrialDone.class);
        getContext().getSystem().getEventStream().subscribe(getSelf(), Refused.class);
        Cluster.get(getContext().getSystem()).subscribe(getSelf(), ClusterEvent.initialStateAsEvents(),
                ClusterEvent.MemberUp.class);
    }

    @Override
    public void postStop() {
        Cluster.get(getContext().getSystem()).unsubscribe(getSelf());
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(TrialDone.class, d -> onTrialDone())
                .match(ClusterEvent.MemberUp.class, up -> {
                    if (up.member().address().equals(Cluster.get(getContext().getSystem()).selfAddress())) {
                        onUp.run();
                    }
                })
                // the worker has logged why
                .match(Refused.class, r -> CoordinatedShutdown.get(getContext().getSystem()).run(ExitReason.REFUSED))
                .build();
    }

    private void onTrialDone() {
        trials++;
        long rss = maxRssMib > 0 ? ResidentMemory.mib() : 0;
        if (maxTrials > 0 && trials >= maxTrials) {
            log.info("recycling this worker process after {} trials (max-trials-per-process)", trials);
            CoordinatedShutdown.get(getContext().getSystem()).run(ExitReason.RECYCLED);
        } else if (maxRssMib > 0 && rss > maxRssMib) {
            log.info("recycling this worker process after {} trials: resident memory {} MiB > max-rss-mib {}", trials, rss,
                    maxRssMib);
            CoordinatedShutdown.get(getContext().getSystem()).run(ExitReason.RECYCLED);
        }
    }
}
