package dev.proxima.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * A certificate authority and one key store per node for Artery's mutually authenticated TLS,
 * made with the JDK's own {@code keytool}: no library for issuing certificates is needed, and none
 * is small and well kept enough to be worth one (the JDK has no public API for it).
 */
public final class Certificates {
    private Certificates() {}

    /**
     * Writes {@code ca.p12} (the authority's key: keep it off the nodes), {@code ca.crt},
     * {@code truststore.p12}, and per node {@code <node>.p12} and {@code <node>/tls.key, tls.crt,
     * ca.crt} (PEM, for {@code RotatingKeysSSLEngineProvider}) into the existing folder {@code out}.
     *
     * @param cluster a DNS name every node's certificate carries besides its own: Akka's
     *     {@code RotatingKeysSSLEngineProvider} accepts a peer only when the two certificates share a
     *     subject name
     * @param say one line per file set made
     */
    public static void make(Path out, List<String> nodes, String cluster, String password, int validityDays,
            Consumer<String> say)
            throws IOException, InterruptedException, GeneralSecurityException {
        String days = String.valueOf(validityDays);
        Path ca = out.resolve("ca.p12");
        Path caCert = out.resolve("ca.crt");
        keytool(password, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "3072", "-dname", "CN=proxima-ca",
                "-ext", "bc:c=ca:true", "-ext", "KeyUsage:c=keyCertSign,cRLSign", "-validity", days, "-keystore", ca.toString());
        keytool(password, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", caCert.toString());
        keytool(password, "-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(), "-keystore",
                out.resolve("truststore.p12").toString());
        for (String node : nodes) {
            Path store = out.resolve(node + ".p12");
            Path request = out.resolve(node + ".csr");
            Path cert = out.resolve(node + ".crt");
            keytool(password, "-genkeypair", "-alias", "node", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + node,
                    "-validity", days, "-keystore", store.toString());
            keytool(password, "-certreq", "-alias", "node", "-keystore", store.toString(), "-file", request.toString());
            keytool(password, "-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-infile", request.toString(),
                    "-outfile", cert.toString(), "-validity", days, "-ext", "KeyUsage:c=digitalSignature,keyEncipherment",
                    "-ext", "ExtendedKeyUsage=serverAuth,clientAuth", "-ext", "SAN=dns:" + node + ",dns:" + cluster);
            keytool(password, "-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(), "-keystore",
                    store.toString());
            keytool(password, "-importcert", "-noprompt", "-alias", "node", "-file", cert.toString(), "-keystore",
                    store.toString());
            Files.delete(request);
            writePem(node, store, cert, caCert, password);
            say.accept(node + ": " + store + " (key store), " + out.resolve(node) + "/ (PEM)");
        }
        say.accept("trust store (every node): " + out.resolve("truststore.p12") + "; keep " + ca
                + " (the authority's key) off the nodes");
    }

    /** tls.key (PKCS#8), tls.crt and ca.crt: what RotatingKeysSSLEngineProvider reads from a Kubernetes secret. */
    private static void writePem(String node, Path store, Path cert, Path caCert, String password)
            throws IOException, GeneralSecurityException {
        Path dir = Files.createDirectory(store.resolveSibling(node));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password.toCharArray());
        }
        Key key = ks.getKey("node", password.toCharArray());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        writePrivate(dir.resolve("tls.key"), pem);
        Files.copy(cert, dir.resolve("tls.crt"));
        Files.copy(caCert, dir.resolve("ca.crt"));
    }

    private static void keytool(String password, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass:env", "PROXIMA_KEYTOOL_PASSWORD"));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().put("PROXIMA_KEYTOOL_PASSWORD", password); // not on the command line, where ps would show it
        Process p = b.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + output.lines().reduce((a, c) -> c).orElse(""));
        }
    }


    public static void writePrivate(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own permissions apply
        }
    }
}
