package dev.proxima.cli;

import dev.proxima.cluster.Certificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code proxima certs}: a certificate authority and one key store per node ({@link Certificates}). */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = {"Make a certificate authority and a PKCS12 key store for each node of a TLS cluster "
                + "(proxima.cluster.tls), plus each node's key and certificates as PEM files (tls.key, tls.crt, ca.crt) for "
                + "Akka's RotatingKeysSSLEngineProvider and Kubernetes secrets.",
                "The password is PROXIMA_TLS_PASSWORD, or a new random one written to OUT/password."})
final class CertsCommand implements Callable<Integer> {
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,62}");

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "a new or empty folder for the files")
    Path out;

    @Option(names = "--nodes", required = true, split = ",", paramLabel = "NAME",
            description = "node names (also their DNS names in the certificates), e.g. supervisor-1,worker-1")
    List<String> nodes;

    @Option(names = "--cluster-name", description = "a DNS name all the nodes' certificates share, besides their own "
            + "(RotatingKeysSSLEngineProvider needs one; default: ${DEFAULT-VALUE})")
    String clusterName = "proxima";

    @Option(names = "--validity-days", description = "how long the certificates are valid (default: ${DEFAULT-VALUE})")
    int validityDays = 825;

    @Override
    public Integer call() throws Exception {
        for (String node : nodes) {
            if (!NODE.matcher(node).matches()) {
                throw new IllegalArgumentException("--nodes: '" + node + "' is not a node name (letters, digits, '.', '-')");
            }
        }
        if (nodes.stream().distinct().count() != nodes.size() || nodes.contains("ca") || nodes.contains("truststore")) {
            throw new IllegalArgumentException("--nodes: names must differ and not be 'ca' or 'truststore'");
        }
        if (!NODE.matcher(clusterName).matches()) {
            throw new IllegalArgumentException("--cluster-name: '" + clusterName + "' is not a DNS name (letters, digits, '.', '-')");
        }
        if (validityDays < 1) {
            throw new IllegalArgumentException("--validity-days: must be >= 1, got " + validityDays);
        }
        if (Files.exists(out) && (!Files.isDirectory(out) || hasFiles(out))) {
            throw new IllegalArgumentException("--out " + out + ": must be a new or empty folder (no key is overwritten)");
        }
        Files.createDirectories(out);
        String password = System.getenv("PROXIMA_TLS_PASSWORD");
        if (password == null || password.isEmpty()) {
            password = randomPassword();
            Certificates.writePrivate(out.resolve("password"), password + "\n");
            System.out.println("password: new, in " + out.resolve("password") + " (set PROXIMA_TLS_PASSWORD to it on every node)");
        }
        Certificates.make(out, nodes, clusterName, password, validityDays, System.out::println);
        return 0;
    }

    private static boolean hasFiles(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
