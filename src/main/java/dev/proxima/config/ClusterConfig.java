package dev.proxima.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code proxima.cluster}: how the nodes of a cluster find and trust each other, and how a worker
 * node leaves (docs/cluster.md).
 *
 * @param host the address this node binds and is reached at
 * @param supervisorPort the port of {@code proxima supervisor} (the one workers {@code --join})
 * @param seedNodes {@code HOST:PORT} of the supervisor nodes, in the order they are tried
 * @param leaveGrace how long a leaving worker may go on with its trial before handing it back
 * @param maxTrialsPerProcess a training worker process leaves (to be restarted) after this many trials; 0 = never
 * @param maxRssMib ... or once its resident memory passes this many MiB; 0 = never
 */
public record ClusterConfig(String host, int supervisorPort, List<NodeAddress> seedNodes, Duration leaveGrace,
        int maxTrialsPerProcess, long maxRssMib, Tls tls) {

    /** The same node, never recycled (a worker without native memory to bound). */
    public ClusterConfig withoutRecycling() {
        return new ClusterConfig(host, supervisorPort, seedNodes, leaveGrace, 0, 0, tls);
    }

    /**
     * Artery's {@code tls-tcp} with mutual authentication: every node presents a certificate the
     * others' trust store accepts.
     *
     * @param keyStore this node's key and certificate (PKCS12, as {@code proxima certs} makes them)
     * @param trustStore the certificate authority every node trusts
     */
    public record Tls(boolean enabled, Path keyStore, Path trustStore, String password) {}

    /** A node's {@code HOST:PORT}. */
    public record NodeAddress(String host, int port) {
        /** Parses {@code HOST:PORT}; {@code where} names the flag or key in the message. */
        public static NodeAddress parse(String text, String where) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new ConfigProblem(where + ": '" + text + "' is not HOST:PORT");
            }
            int port;
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new ConfigProblem(where + ": '" + text + "' has no port number after the colon");
            }
            if (port < 1 || port > 65535) {
                throw new ConfigProblem(where + ": port " + port + " of '" + text + "' is not in 1..65535");
            }
            return new NodeAddress(text.substring(0, colon), port);
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
