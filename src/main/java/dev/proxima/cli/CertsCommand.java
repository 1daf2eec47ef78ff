package dev.proxima.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code proxima certs}: a certificate authority and one key store per node for Artery's
 * mutually authenticated TLS, made with the JDK's own {@code keytool} (no library for issuing
 * certificates is needed, and none is well kept and small enough to be worth it).
 */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = {"Make a certificate authority and a PKCS12 key store for each node of a TLS cluster",
                "(" + "proxima.cluster.tls" + "), plus each node's key and certificates as PEM files (tls.key, tls.crt,",
                "ca.crt) for Akka's RotatingKeysSSLEngineProvider and Kubernetes secrets.",
                "The password is PROXIMA_TLS_PASSWORD, or a new random one written to OUT/password."})
final class CertsCommand implements Callable<Integer> {
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,62}");

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "a new or empty folder for the files")
    Path out;

    @Option(names = "--nodes", required = true, split = ",", paramLabel = "NAME",
            description = "node names (also their DNS names in the certificates), e.g. supervisor-1,worker-1")
    List<String> nodes;

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
            writePrivate(out.resolve("password"), password + "\n");
            System.out.println("password: new, in " + out.resolve("password") + " (set PROXIMA_TLS_PASSWORD to it on every node)");
        }
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
                    "-ext", "ExtendedKeyUsage=serverAuth,clientAuth", "-ext", "SAN=dns:" + node);
            keytool(password, "-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(), "-keystore",
                    store.toString());
            keytool(password, "-importcert", "-noprompt", "-alias", "node", "-file", cert.toString(), "-keystore",
                    store.toString());
            Files.delete(request);
            writePem(node, store, cert, caCert, password);
            System.out.println(node + ": " + store + " (key store), " + out.resolve(node) + "/ (PEM)");
        }
        System.out.println("trust store (every node): " + out.resolve("truststore.p12") + "; keep " + ca
                + " (the authority's key) off the nodes");
        return 0;
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

    private static boolean hasFiles(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own permissions apply
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
