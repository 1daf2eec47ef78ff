package dev.proxima.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.proxima.cluster.Node;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running replay search's {@code /metrics} passes {@code promtool check metrics} (Debian's
 * prometheus package), carries the search's series, and its trials export from the journal
 * through the API while it runs.
 */
class LiveScrapeTest {
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @Test
    void aLiveScrapePassesPromtoolAndTheTrialsExportWhileTheSearchRuns(@TempDir Path dir) throws Exception {
        assertTrue(Files.isExecutable(PROMTOOL), PROMTOOL + " is missing: install Debian's prometheus package (.ci/run does)");
        Path conf = dir.resolve("scrape.conf");
        Files.writeString(conf, CurveSearch.conf(300));
        HttpClient client = HttpClient.newHttpClient();
        try (Node search = Node.start(dir, "search", "search", "--evaluator", "replay", "--config", conf.toString(),
                "--runs-dir", dir.resolve("runs").toString())) {
            String url = search.await("^page: (http://127\\.0\\.0\\.1:\\d+/)", 60_000);
            search.await("^(rejected: trial \\d+)", 60_000); // an early rejection, so the stop latency has a sample
            search.await("^(promoted: trial \\d+ -> trial \\d+ at tier 2)", 60_000);
            String scrape = client.send(HttpRequest.newBuilder(URI.create(url + "metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String series : new String[] {"proxima_trials_ended_total{", "proxima_trials_entered_total{",
                    "proxima_assignments_total{", "proxima_stop_latency_seconds_bucket{", "proxima_journal_lag_seconds_bucket{",
                    "proxima_device_busy_ratio{", "proxima_tier_spearman{", "proxima_trials{", "jvm_threads_current"}) {
                assertTrue(scrape.contains(series), series + " missing from\n" + scrape);
            }
            Process promtool = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
            promtool.getOutputStream().write(scrape.getBytes(StandardCharsets.UTF_8));
            promtool.getOutputStream().close();
            String verdict = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(promtool.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, promtool.exitValue(), "promtool check metrics:\n" + verdict);

            String id = URI.create(url).resolve("/").toString();
            var list = JsonParser.parseString(client.send(HttpRequest.newBuilder(URI.create(id + "api/searches")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).getAsJsonArray();
            String run = list.get(0).getAsJsonObject().get("id").getAsString();
            HttpResponse<String> csv = client.send(HttpRequest.newBuilder(URI.create(url + "api/searches/" + run
                    + "/trials")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, csv.statusCode());
            String[] lines = csv.body().split("\n");
            assertTrue(lines[0].startsWith("trial_id,"), lines[0]);
            assertTrue(lines.length > 5, csv.body());
            var json = JsonParser.parseString(client.send(HttpRequest.newBuilder(URI.create(url + "api/searches/" + run
                    + "/trials?format=json")).build(), HttpResponse.BodyHandlers.ofString()).body()).getAsJsonObject();
            assertTrue(json.getAsJsonArray("trials").size() >= lines.length - 1 - 4,
                    "the JSON export has the trials the CSV had, and maybe a few more: " + json.getAsJsonArray("trials").size());
            var journal = JsonParser.parseString(client.send(HttpRequest.newBuilder(URI.create(url + "api/searches/" + run
                    + "/journal")).build(), HttpResponse.BodyHandlers.ofString()).body()).getAsJsonArray();
            assertEquals("SearchStarted", journal.get(0).getAsJsonObject().get("type").getAsString());
        }
    }
}
