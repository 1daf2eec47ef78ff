package dev.proxima.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.proxima.config.ClusterConfig;
import dev.proxima.config.ClusterConfig.NodeAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The Akka configuration of one cluster node: its role, address, seed nodes and transport. */
public final class NodeConfig {
    /** Every node's actor system has this name; nodes of other names cannot join. */
    public static final String SYSTEM = "proxima";
    public static final String SUPERVISOR_ROLE = "supervisor";
    public static final String WORKER_ROLE = "worker";
    /** Extra time the shutdown phase that hands trials back gets beyond the grace period. */
    private static final long HAND_BACK_MARGIN_SECONDS = 10;

    private NodeConfig() {}

    /**
     * @param base the command's configuration (akka's split-brain resolver settings included)
     * @param port 0 for any free port
     */
    public static Config of(Config base, ClusterConfig cluster, String role, int port, List<NodeAddress> seeds) {
        Map<String, Object> m = new HashMap<>();
        m.put("akka.actor.provider", "cluster");
        m.put("akka.remote.artery.canonical.hostname", cluster.host());
        m.put("akka.remote.artery.canonical.port", port);
        m.put("akka.cluster.roles", List.of(role));
        m.put("akka.cluster.seed-nodes", seeds.stream().map(NodeConfig::address).toList());
        // a worker that joins looks for the supervisor this often (the default 1 s would be most of its first second)
        m.put("akka.cluster.singleton-proxy.singleton-identification-interval", "200ms");
        // the node's command ends when its actor system does: after a shutdown, or when it was downed
        m.put("akka.coordinated-shutdown.exit-jvm", "off");
        m.put("akka.coordinated-shutdown.phases.service-requests-done.timeout",
                (cluster.leaveGrace().toSeconds() + HAND_BACK_MARGIN_SECONDS) + "s");
        if (cluster.tls().enabled()) {
            String ssl = "akka.remote.artery.ssl.config-ssl-engine.";
            m.put("akka.remote.artery.transport", "tls-tcp");
            m.put(ssl + "key-store", cluster.tls().keyStore().toAbsolutePath().toString());
            m.put(ssl + "trust-store", cluster.tls().trustStore().toAbsolutePath().toString());
            m.put(ssl + "key-store-password", cluster.tls().password());
            m.put(ssl + "key-password", cluster.tls().password());
            m.put(ssl + "trust-store-password", cluster.tls().password());
            m.put(ssl + "protocol", "TLSv1.3");
            m.put(ssl + "enabled-algorithms", List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"));
            m.put(ssl + "require-mutual-authentication", "on");
        }
        return ConfigFactory.parseMap(m, "proxima.cluster").withFallback(base);
    }

    /**
     * Starts the node's actor system; a port that cannot be bound is one line naming it, not a
     * stack trace.
     */
    public static akka.actor.ActorSystem startSystem(Config config) {
        return startSystem(config, "--port");
    }

    /** @param portOption the command's option that chooses the port, named in the line */
    public static akka.actor.ActorSystem startSystem(Config config, String portOption) {
        try {
            return akka.actor.ActorSystem.create(SYSTEM, config);
        } catch (RuntimeException e) {
            String where = config.getString("akka.remote.artery.canonical.hostname") + ":"
                    + config.getInt("akka.remote.artery.canonical.port");
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof java.net.BindException)) {
                cause = cause.getCause();
            }
            if (cause instanceof java.net.BindException) {
                throw new IllegalArgumentException("cannot listen on " + where + " (" + cause.getMessage()
                        + "): another node or program uses that port; choose another with " + portOption, e);
            }
            throw e;
        }
    }

    /** The Akka address of a node ({@code akka://proxima@HOST:PORT}; Artery names TCP and TLS alike). */
    public static String address(NodeAddress node) {
        return "akka://" + SYSTEM + "@" + node;
    }
}
