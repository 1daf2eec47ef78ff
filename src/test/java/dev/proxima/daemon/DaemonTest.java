package dev.proxima.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.proxima.cluster.Node;
import dev.proxima.journal.EventJournal;
import dev.proxima.journal.SqliteJournal;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchEvent.TrialCompleted;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code proxima serve} with 2 replay workers runs two submitted searches at once; kill -9 of the
 * daemon and a restart resume both from their journals, and every result completed before the kill
 * is still there, once, with the same score; then a third search is cancelled. Every process is a
 * real child JVM; submissions go through {@code proxima submit}.
 */
class DaemonTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void twoSearchesShareTheWorkersAndSurviveAKilledDaemon(@TempDir Path dir) throws Exception {
        Path daemonConf = dir.resolve("daemon.conf");
        Files.writeString(daemonConf, "proxima.http.port = 0\n");
        Path search = dir.resolve("search.conf");
        Files.writeString(search, """
                proxima.search.controller = random
                proxima.replay { speedup = 120, budget { max-trials = 16, max-device-seconds = 0 } }
                """);
        Path typo = dir.resolve("typo.conf");
        Files.writeString(typo, "proxima.search.controler = random\n");
        Path home = dir.resolve("daemon");
        Map<String, List<Double>> before;
        List<String> ids;
        try (Node daemon = serve(dir, home, daemonConf, "serve-1")) {
            String url = daemon.await("^page: (http://127\\.0\\.0\\.1:\\d+/)", 60_000);
            Node bad = Node.start(dir, "submit-bad", "submit", typo.toString(), "--daemon", url);
            assertEquals(Optional.of(2), bad.waitFor(60_000), bad.output());
            assertTrue(bad.output().contains("proxima: error: ") && bad.output().contains("controler"), bad.output());
            assertEquals(0, Files.list(home.resolve("searches")).count(), "a refused search leaves no folder");
            for (String name : List.of("first", "second")) {
                Node submit = Node.start(dir, "submit-" + name, "submit", search.toString(), "--name", name, "--daemon", url);
                assertEquals(Optional.of(0), submit.waitFor(60_000), submit.output());
                assertTrue(submit.output().startsWith("submitted "), submit.output());
            }
            Node.until(() -> searches(url).asList().stream().allMatch(s -> completed(s.getAsJsonObject()) >= 3), 60_000,
                    "both searches completed trials while sharing 2 workers");
            ids = searches(url).asList().stream().map(s -> s.getAsJsonObject().get("id").getAsString()).toList();
            Node list = Node.start(dir, "list", "list", "--daemon", url);
            assertEquals(Optional.of(0), list.waitFor(60_000), list.output());
            assertTrue(list.output().contains(ids.get(0)) && list.output().contains(ids.get(1))
                    && list.output().contains("running"), list.output());
            daemon.kill();
            before = scores(home, ids);
        }
        assertTrue(before.values().stream().allMatch(s -> !s.isEmpty()), before.toString());
        try (Node daemon = serve(dir, home, daemonConf, "serve-2")) {
            String url = daemon.await("^page: (http://127\\.0\\.0\\.1:\\d+/)", 60_000);
            daemon.await("^(resumed " + ids.get(1) + ")", 60_000);
            Node.until(() -> searches(url).asList().stream().allMatch(s -> s.getAsJsonObject().get("state").getAsString()
                    .equals("finished")), 180_000, "both resumed searches finished");
            Node status = Node.start(dir, "status", "status", ids.get(0), "--daemon", url);
            assertEquals(Optional.of(0), status.waitFor(60_000), status.output());
            assertTrue(status.output().contains("finished") && status.output().contains("best architecture: "),
                    status.output());

            Node third = Node.start(dir, "submit-third", "submit", search.toString(), "--name", "third", "--daemon", url);
            assertEquals(Optional.of(0), third.waitFor(60_000), third.output());
            String id = third.output().split(" ")[1];
            Node cancel = Node.start(dir, "cancel", "cancel", id, "--daemon", url);
            assertEquals(Optional.of(0), cancel.waitFor(60_000), cancel.output());
            JsonObject cancelled = JsonParser.parseString(get(url + "api/searches/" + id)).getAsJsonObject();
            assertEquals("cancelled", cancelled.get("state").getAsString());
            Node again = Node.start(dir, "cancel-again", "cancel", id, "--daemon", url);
            assertEquals(Optional.of(2), again.waitFor(60_000), again.output());
            assertTrue(again.output().contains("has cancelled already"), again.output());
            daemon.terminate(); // SIGTERM: the searches' journals close, then the node leaves its cluster
            assertEquals(Optional.of(143), daemon.waitFor(60_000), daemon.output());
            assertTrue(!daemon.output().contains("Exception") && !daemon.output().contains("WARN"), daemon.output());
        }
        Map<String, List<Double>> after = scores(home, ids);
        for (String id : ids) {
            List<Double> was = before.get(id);
            List<Double> now = after.get(id);
            assertEquals(16, now.size(), id + ": every trial of the budget completed once: " + now);
            assertEquals(was, now.subList(0, was.size()), id + ": the results from before the kill are kept, in order");
        }
        String record = Files.readString(home.resolve("searches").resolve(ids.get(0)).resolve(SearchBook.RECORD));
        assertTrue(record.contains("\"FINISHED\""), record);
    }

    private static Node serve(Path dir, Path home, Path conf, String name) {
        return Node.start(dir, name, "serve", "--dir", home.toString(), "--evaluator", "replay", "--workers", "2", "--cluster-port", "0", "--config",
                conf.toString());
    }

    private static String get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(url + ": " + e.getMessage(), e);
        }
    }

    private static JsonArray searches(String url) {
        return JsonParser.parseString(get(url + "api/searches")).getAsJsonArray();
    }

    private static int completed(JsonObject s) {
        return s.getAsJsonObject("trials").get("completed").getAsInt();
    }

    /** Each search's completed scores in journal order; a trial completed twice would show twice. */
    private static Map<String, List<Double>> scores(Path home, List<String> ids) {
        Map<String, List<Double>> out = new HashMap<>();
        for (String id : ids) {
            try (EventJournal j = SqliteJournal.open(home.resolve("searches").resolve(id).resolve("journal.db"))) {
                List<SearchEvent> events = j.events();
                out.put(id, events.stream().filter(e -> e instanceof TrialCompleted).map(e -> ((TrialCompleted) e).score())
                        .toList());
                assertFalse(events.stream().filter(e -> e instanceof TrialCompleted).map(e -> ((TrialCompleted) e).trialId())
                        .distinct().count() < out.get(id).size(), id + ": a trial completed twice");
            }
        }
        return out;
    }
}
