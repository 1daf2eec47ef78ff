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
 * once its resident memory passes {@code maxRssMib}: libtorch's native memory only grows), when
 * the supervisor refused its workers, or when the cluster has no supervisor-role node left (a lost
 * daemon or supervisor without a standby: a cluster that can never give work again, while the
 * restarted supervisor starts a new one). The node leaves gracefully either way; the reason becomes
 * the process's exit code ({@link ExitReason}).
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
                ClusterEvent.MemberUp.class, ClusterEvent.MemberRemoved.class);
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
                .match(ClusterEvent.MemberRemoved.class, this::onRemoved)
                // the worker has logged why
                .match(Refused.class, r -> CoordinatedShutdown.get(getContext().getSystem()).run(ExitReason.REFUSED))
                .build();
    }

    private void onRemoved(ClusterEvent.MemberRemoved removed) {
        if (!removed.member().hasRole(NodeConfig.SUPERVISOR_ROLE)) {
            return;
        }
        Cluster cluster = Cluster.get(getContext().getSystem());
        boolean left = java.util.stream.StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
                .anyMatch(m -> m.hasRole(NodeConfig.SUPERVISOR_ROLE) && !m.uniqueAddress().equals(removed.member().uniqueAddress()));
        if (!left) {
            log.warning("no supervisor node is left in this cluster ({} was removed): this worker leaves (exit code {})",
                    removed.member().address(), ExitReason.ORPHANED.code());
            CoordinatedShutdown.get(getContext().getSystem()).run(ExitReason.ORPHANED);
        }
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
