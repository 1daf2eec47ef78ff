package dev.proxima.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.proxima.cluster.Node;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchEvent.TrialAssigned;
import dev.proxima.search.SearchEvent.TrialCompleted;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon's pool made of cluster workers only ({@code --no-local-workers}): a worker node that
 * joins (proxima worker --join) runs both submitted searches, a second one that joins mid-search
 * gets work, every trial completes once; kill -9 of the daemon leaves them without a supervisor
 * node, and they exit with code 6 so that their service manager starts them again. Every process
 * is a real child JVM on 127.0.0.1.
 */
class DaemonClusterTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long STABLE_AFTER_MILLIS = 2_000;
    private static final int TRIALS = 12;

    @Test
    void joinedWorkersRunTheDaemonsSearchesAndLeaveWhenTheDaemonIsLost(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("cluster.conf");
        Files.writeString(conf, """
                proxima.http.port = 0
                proxima.worker.retry-interval = 500ms
                proxima.cluster.leave-grace = 300ms
                akka.cluster.split-brain-resolver.stable-after = %dms
                """.formatted(STABLE_AFTER_MILLIS));
        String search = """
                proxima.search.controller = random
                proxima.replay { speedup = 60, budget { max-trials = %d, max-device-seconds = 0 } }
                """.formatted(TRIALS);
        String port = String.valueOf(Node.freePort());
        String join = "127.0.0.1:" + port;
        Path home = dir.resolve("daemon");
        try (Node daemon = Node.start(dir, "serve", "serve", "--dir", home.toString(), "--evaluator", "replay",
                "--no-local-workers", "--cluster-port", port, "--config", conf.toString());
                Node a = Node.start(dir, "worker-a", "worker", "--join", join, "--evaluator", "replay", "--workers", "2",
                        "--config", conf.toString())) {
            String url = daemon.await("^page: (http://127\\.0\\.0\\.1:\\d+/)", 60_000);
            assertTrue(daemon.output().contains("no workers of its own"), daemon.output());
            String nodeA = a.await("joined the cluster as akka://proxima@(\\S+)", 60_000);
            List<String> ids = List.of(submit(url, search, "first"), submit(url, search, "second"));
            List<Path> journals = ids.stream().map(id -> home.resolve("searches").resolve(id).resolve("journal.db")).toList();
            Node.until(() -> journals.stream().allMatch(j -> count(j, TrialCompleted.class) >= 2), 60_000,
                    "both searches completed trials on the joined worker node");

            try (Node b = Node.start(dir, "worker-b", "worker", "--join", join, "--evaluator", "replay", "--workers", "1",
                    "--config", conf.toString())) {
                String nodeB = b.await("joined the cluster as akka://proxima@(\\S+)", 60_000);
                Node.until(() -> journals.stream().anyMatch(j -> workers(j).stream().anyMatch(w -> w.startsWith(nodeB + "/"))),
                        30_000, "the node that joined mid-search got work");
                Node.until(() -> ids.stream().allMatch(id -> state(url, id).equals("finished")), 120_000,
                        "both searches finished");
                for (Path j : journals) {
                    Set<String> ran = workers(j);
                    assertTrue(ran.stream().allMatch(w -> w.startsWith(nodeA + "/") || w.startsWith(nodeB + "/")),
                            "only joined workers ran trials: " + ran);
                    Map<Long, Integer> completions = new HashMap<>();
                    Node.events(j).stream().filter(e -> e instanceof TrialCompleted)
                            .forEach(e -> completions.merge(((TrialCompleted) e).trialId(), 1, Integer::sum));
                    assertEquals(TRIALS, completions.size(), j + ": " + completions);
                    assertTrue(completions.values().stream().allMatch(n -> n == 1), "a trial completed twice: " + completions);
                }

                long killedAt = System.currentTimeMillis();
                daemon.kill();
                for (Node worker : List.of(a, b)) {
                    Optional<Integer> code = worker.waitFor(STABLE_AFTER_MILLIS + 30_000);
                    assertEquals(Optional.of(6), code, worker.name() + " after the daemon's kill -9: " + worker.output());
                    assertTrue(worker.output().contains("no supervisor node is left"), worker.output());
                }
                System.out.printf("kill -9 of the daemon: both worker nodes exited (code 6) within %d ms%n",
                        System.currentTimeMillis() - killedAt);
            }
        }
    }

    private static String submit(String url, String config, String name) throws Exception {
        JsonObject body = new JsonObject();
        body.addProperty("config", config);
        body.addProperty("name", name);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "api/searches"))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject().get("id").getAsString();
    }

    private static String state(String url, String id) {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(url + "api/searches/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return JsonParser.parseString(body).getAsJsonObject().get("state").getAsString();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static long count(Path journal, Class<? extends SearchEvent> type) {
        return Node.events(journal).stream().filter(type::isInstance).count();
    }

    private static Set<String> workers(Path journal) {
        Set<String> out = new HashSet<>();
        Node.events(journal).stream().filter(e -> e instanceof TrialAssigned)
                .forEach(e -> out.add(((TrialAssigned) e).workerId()));
        return out;
    }
}
