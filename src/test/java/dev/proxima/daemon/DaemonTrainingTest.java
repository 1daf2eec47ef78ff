package dev.proxima.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.proxima.cluster.Node;
import dev.proxima.journal.EventJournal;
import dev.proxima.journal.SqliteJournal;
import dev.proxima.search.SearchEvent.TrialAssigned;
import dev.proxima.search.SearchEvent.TrialCompleted;
import dev.proxima.training.TrainingMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon whose pool is a training device runs a submitted search with real training on
 * Fashion-MNIST, in the worker JVM it started for that device.
 */
class DaemonTrainingTest {
    @Test
    void aTrainingDaemonTrainsTheSubmittedSearchOnItsDevice(@TempDir Path dir) throws Exception {
        Path daemonConf = dir.resolve("daemon.conf");
        Files.writeString(daemonConf, "proxima.http.port = 0\nproxima.training.cpu-threads = 1\n");
        Path search = dir.resolve("tiny.conf");
        Files.writeString(search, """
                proxima.search { controller = random, budget { max-trials = 2, max-device-seconds = 0, max-wall-clock = 0s } }
                proxima.training {
                  validation-size = 300
                  cpu-threads = 1
                  fidelity { initial-channels = 4, cells-per-stage = 1, resolution = 14, data-fraction = 0.02,
                             batch-size = 64, epochs = 1, schedule-epochs = 1 }
                }
                """);
        Path home = dir.resolve("daemon");
        try (Node daemon = Node.startWithHeap(dir, "serve", java.util.Map.of(), "1g", "serve", "--dir", home.toString(), "--evaluator",
                "training",
                "--devices", "cpu:0", "--cluster-port", "0", "--config", daemonConf.toString())) {
            String url = daemon.await("^page: (http://127\\.0\\.0\\.1:\\d+/)", 90_000);
            assertTrue(daemon.output().contains("1 training worker JVMs (cpu:0)"), daemon.output());
            Node submit = Node.start(dir, "submit", "submit", search.toString(), "--name", "tiny", "--daemon", url);
            assertEquals(Optional.of(0), submit.waitFor(60_000), submit.output());
            String id = submit.output().split(" ")[1];
            HttpClient http = HttpClient.newHttpClient();
            Node.until(() -> {
                try {
                    String body = http.send(HttpRequest.newBuilder(URI.create(url + "api/searches/" + id)).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    return JsonParser.parseString(body).getAsJsonObject().get("state").getAsString().equals("finished");
                } catch (Exception e) {
                    return false;
                }
            }, 180_000, "the training search finished");
        }
        Path folder = home.resolve("searches").toFile().listFiles()[0].toPath();
        try (EventJournal j = SqliteJournal.open(folder.resolve("journal.db"))) {
            List<TrialCompleted> done = j.events().stream().filter(e -> e instanceof TrialCompleted)
                    .map(e -> (TrialCompleted) e).toList();
            assertEquals(2, done.size(), done.toString());
            List<String> workers = j.events().stream().filter(e -> e instanceof TrialAssigned)
                    .map(e -> ((TrialAssigned) e).workerId()).distinct().toList();
            assertTrue(workers.stream().allMatch(w -> w.matches("127\\.0\\.0\\.1:\\d+/cpu:0")),
                    "trained in the daemon's worker JVM for cpu:0, a node of its cluster: " + workers);
            for (TrialCompleted c : done) {
                assertTrue(c.metrics().get(TrainingMetrics.VAL_ACC) > 0, "trained and validated: " + c);
                assertTrue(c.costSeconds() > 0, c.toString());
            }
        }
    }
}
