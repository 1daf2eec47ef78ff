package dev.proxima.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.journal.EventJournal;
import dev.proxima.journal.SqliteJournal;
import dev.proxima.search.SearchEvent.TrialAssigned;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS cluster (certificates from {@code proxima certs}): a worker with a certificate of the
 * cluster's authority joins and works (from the PEM files, through Akka's
 * RotatingKeysSSLEngineProvider, while the supervisor uses the PKCS12 stores); one whose
 * certificate another authority signed is refused at the handshake, and a plain-TCP one cannot
 * join at all.
 */
class TlsClusterTest {
    @Test
    void onlyANodeWithACertificateOfTheClustersAuthorityJoins(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good");
        Path rogue = dir.resolve("rogue");
        try (Node certs = Node.start(dir, "certs", "certs", "--out", good.toString(), "--nodes", "supervisor,worker");
                Node other = Node.start(dir, "certs-rogue", Map.of("PROXIMA_TLS_PASSWORD", "rogue-and-cluster"), "certs",
                        "--out", rogue.toString(), "--nodes", "rogue")) {
            assertEquals(Optional.of(0), certs.waitFor(60_000), certs.output());
            assertEquals(Optional.of(0), other.waitFor(60_000), other.output());
        }
        assertFalse(Files.exists(rogue.resolve("password")), "PROXIMA_TLS_PASSWORD was used, no new one made");
        String port = String.valueOf(Node.freePort());
        String join = "127.0.0.1:" + port;
        String common = """
                proxima.search.evaluator = replay
                proxima.replay.budget { max-trials = 10, max-device-seconds = 0 }
                proxima.replay.speedup = 200
                proxima.runs-dir = "%s"
                proxima.worker { count = 1, retry-interval = 500ms }
                """.formatted(dir.resolve("runs"));
        Path supervisorConf = conf(dir, "supervisor", common, good.resolve("supervisor.p12"), good.resolve("truststore.p12"),
                password(good));
        // the good worker reads the PEM files (tls.key, tls.crt, ca.crt) as a Kubernetes node does, with Akka's
        // RotatingKeysSSLEngineProvider, against the supervisor's key stores
        Path workerConf = dir.resolve("worker.conf");
        Files.writeString(workerConf, common + """
                akka.remote.artery {
                  transport = tls-tcp
                  ssl.ssl-engine-provider = akka.remote.artery.tcp.ssl.RotatingKeysSSLEngineProvider
                  ssl.rotating-keys-engine {
                    key-file = "%1$s/tls.key"
                    cert-file = "%1$s/tls.crt"
                    ca-cert-file = "%1$s/ca.crt"
                    protocol = "TLSv1.3"
                    enabled-algorithms = [TLS_AES_256_GCM_SHA384, TLS_AES_128_GCM_SHA256]
                  }
                }
                """.formatted(good.resolve("worker")));
        // the rogue trusts the cluster's authority (a copy of its trust store under the rogue's password), so
        // only the cluster's check of the rogue's certificate can refuse it
        Path rogueTrust = dir.resolve("rogue-trust.p12");
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(good.resolve("truststore.p12"))) {
            trust.load(in, password(good).toCharArray());
        }
        try (var out = Files.newOutputStream(rogueTrust)) {
            trust.store(out, "rogue-and-cluster".toCharArray());
        }
        Path rogueConf = conf(dir, "rogue", common, rogue.resolve("rogue.p12"), rogueTrust, "rogue-and-cluster");
        Path plainConf = dir.resolve("plain.conf");
        Files.writeString(plainConf, common);
        Path journal = dir.resolve("runs").resolve("tls").resolve("journal.db");
        try (Node supervisor = Node.start(dir, "supervisor", "supervisor", "--config", supervisorConf.toString(), "--run", "tls",
                "--port", port);
                Node intruder = Node.start(dir, "rogue", "worker", "--config", rogueConf.toString(), "--join", join);
                Node plain = Node.start(dir, "plain", "worker", "--config", plainConf.toString(), "--join", join);
                Node worker = Node.start(dir, "worker", "worker", "--config", workerConf.toString(), "--join", join)) {
            worker.await("joined the cluster", 60_000);
            String rogueAddress = intruder.await("node akka://proxima@(\\S+) joining", 60_000);
            String plainAddress = plain.await("node akka://proxima@(\\S+) joining", 60_000);
            assertEquals(Optional.of(0), supervisor.waitFor(120_000), supervisor.output());
            assertTrue(supervisor.output().contains("10 trials evaluated"), supervisor.output());
            Set<String> assignedTo;
            try (EventJournal j = SqliteJournal.open(journal)) {
                assignedTo = j.events().stream().filter(e -> e instanceof TrialAssigned).map(e -> ((TrialAssigned) e)
                        .workerId().replaceFirst("/.*", "")).collect(Collectors.toSet());
            }
            assertFalse(assignedTo.contains(rogueAddress), "the rogue node got work");
            assertFalse(assignedTo.contains(plainAddress), "the plain-TCP node got work");
            assertFalse(intruder.output().contains("joined the cluster"), intruder.output());
            assertFalse(plain.output().contains("joined the cluster"), plain.output());
            String refusals = supervisor.output() + intruder.output();
            assertTrue(refusals.contains("SSLHandshakeException") || refusals.contains("bad_certificate")
                    || refusals.contains("certificate_unknown") || refusals.contains("PKIX"),
                    "no handshake refusal in the logs:\n" + refusals);
        }
    }

    private static String password(Path certs) throws java.io.IOException {
        return Files.readString(certs.resolve("password")).strip();
    }

    private static Path conf(Path dir, String name, String common, Path keyStore, Path trustStore, String password)
            throws java.io.IOException {
        Path file = dir.resolve(name + ".conf");
        Files.writeString(file, common + """
                proxima.cluster.tls { enabled = true, key-store = "%s", trust-store = "%s", password = "%s" }
                """.formatted(keyStore, trustStore, password));
        return file;
    }
}
