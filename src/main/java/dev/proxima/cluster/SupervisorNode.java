package dev.proxima.cluster;

import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.actor.OneForOneStrategy;
import akka.actor.PoisonPill;
import akka.actor.Props;
import akka.actor.SupervisorStrategy;
import akka.cluster.singleton.ClusterSingletonManager;
import akka.cluster.singleton.ClusterSingletonManagerSettings;
import akka.cluster.singleton.ClusterSingletonProxy;
import akka.cluster.singleton.ClusterSingletonProxySettings;
import akka.japi.pf.DeciderBuilder;
import akka.pattern.BackoffOpts;
import akka.pattern.BackoffSupervisor;
import java.time.Duration;

/**
 * The supervisor as a cluster singleton: it runs on the oldest node of role {@code supervisor},
 * and when that node leaves or is downed it starts on the next one, which opens the search again
 * from the shared journal. A failure to open it (the journal still locked by a node that has not
 * let go, the database away) is retried with backoff rather than given up.
 */
public final class SupervisorNode {
    /** The singleton manager's name; the singleton's path is {@code /user/supervisor/singleton}. */
    public static final String NAME = "supervisor";
    private static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);

    private SupervisorNode() {}

    /** Starts this node's singleton manager for {@code supervisor} (the supervisor actor's props). */
    public static ActorRef start(ActorSystem system, Props supervisor) {
        // restart, not stop, whatever the failure: a restarted supervisor recovers from the journal
        OneForOneStrategy retry = new OneForOneStrategy(DeciderBuilder.matchAny(e -> SupervisorStrategy.restart()).build());
        Props withBackoff = BackoffSupervisor.props(BackoffOpts.onFailure(supervisor, "search", MIN_BACKOFF, MAX_BACKOFF, 0.2)
                .withSupervisorStrategy(retry));
        return system.actorOf(ClusterSingletonManager.props(withBackoff, PoisonPill.getInstance(),
                ClusterSingletonManagerSettings.create(system).withRole(NodeConfig.SUPERVISOR_ROLE)), NAME);
    }

    /**
     * Starts this node's singleton manager for an actor that needs no journal to start (a daemon's
     * pool): the singleton's path is {@code /user/supervisor/singleton}, where workers find it alike.
     */
    public static ActorRef startSingleton(ActorSystem system, Props singleton) {
        return system.actorOf(ClusterSingletonManager.props(singleton, PoisonPill.getInstance(),
                ClusterSingletonManagerSettings.create(system).withRole(NodeConfig.SUPERVISOR_ROLE)), NAME);
    }

    /** A local reference that reaches the supervisor wherever it runs (messages wait while it moves). */
    public static ActorRef proxy(ActorSystem system) {
        return system.actorOf(ClusterSingletonProxy.props("/user/" + NAME, ClusterSingletonProxySettings.create(system)
                .withRole(NodeConfig.SUPERVISOR_ROLE)), NAME + "-proxy");
    }
}
