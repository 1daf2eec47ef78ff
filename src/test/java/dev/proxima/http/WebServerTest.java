package dev.proxima.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.proxima.config.ConfigProblem;
import dev.proxima.config.HttpConfig;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchEvent.TrialAssigned;
import dev.proxima.search.SearchEvent.TrialCompleted;
import dev.proxima.search.SearchEvent.TrialProposed;
import dev.proxima.view.LiveView;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The API, the event stream and the token, against a real server on 127.0.0.1. */
class WebServerTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final AtomicLong clock = new AtomicLong(1000);

    private MonitoredSearch search(SearchMetrics metrics) {
        return new MonitoredSearch("run-1", "first", List.of("t0"), new LiveView(List.of("t0")), metrics,
                null, clock::get);
    }

    private static List<SearchEvent> oneTrial(long id) {
        return List.of(new TrialProposed(id, "a" + id, "a" + id, "t0", 0, -1, 0),
                new TrialAssigned(id, 1, "w0", 5000, 0), new TrialCompleted(id, 1, "w0", 70 + id, 60, Map.of(), 900));
    }

    private static HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApiAnswersWithJsonAndOneClearLineForWhatItDoesNotHave() throws Exception {
        SearchMetrics metrics = new SearchMetrics();
        Searches searches = new Searches();
        MonitoredSearch s = search(metrics);
        searches.add(s);
        s.observe(oneTrial(1));
        try (WebServer server = WebServer.start(new HttpConfig(true, "127.0.0.1", 0, ""), metrics, searches,
                WebServer.Commands.NONE)) {
            String base = server.url();
            var list = JsonParser.parseString(get(base + "api/searches").body()).getAsJsonArray();
            assertEquals("run-1", list.get(0).getAsJsonObject().get("id").getAsString());
            var view = JsonParser.parseString(get(base + "api/searches/run-1/view").body()).getAsJsonObject();
            assertEquals(1, view.getAsJsonObject("status").get("completed").getAsInt());
            HttpResponse<String> missing = get(base + "api/searches/nope");
            assertEquals(404, missing.statusCode());
            assertEquals("no search 'nope'; known: [run-1]",
                    JsonParser.parseString(missing.body()).getAsJsonObject().get("error").getAsString());
            assertEquals(404, get(base + "api/searches/run-1/everything").statusCode());
            assertEquals(404, get(base + "..%2F..%2Fetc%2Fpasswd").statusCode());
            assertEquals(404, get(base + "web/../../pom.xml").statusCode());
            HttpResponse<String> page = get(base);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("vendor/uplot/uPlot.iife.min.js"), "the page loads only its own files");
            assertTrue(get(base + "vendor/uplot/uPlot.iife.min.js").body().length() > 40_000);
            HttpResponse<String> post = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "api/searches"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode(), "a single search's API only reads");
            String scrape = get(base + "metrics").body();
            assertTrue(scrape.contains("proxima_trials_ended_total{search=\"run-1\",status=\"completed\",tier=\"t0\"} 1.0"),
                    scrape);
            assertTrue(scrape.contains("jvm_memory_used_bytes"), "the JVM's metrics too");
        }
    }

    @Test
    void theEventStreamCarriesEachBatchAndEndsWithTheSearch() throws Exception {
        SearchMetrics metrics = new SearchMetrics();
        Searches searches = new Searches();
        MonitoredSearch s = search(metrics);
        searches.add(s);
        try (WebServer server = WebServer.start(new HttpConfig(true, "127.0.0.1", 0, ""), metrics, searches,
                WebServer.Commands.NONE)) {
            HttpResponse<java.io.InputStream> r = CLIENT.send(HttpRequest.newBuilder(
                    URI.create(server.url() + "api/searches/run-1/events")).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals("text/event-stream; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                assertEquals("event: hello", in.readLine());
                in.readLine();
                in.readLine();
                s.observe(oneTrial(7));
                assertEquals("event: events", in.readLine());
                String data = in.readLine();
                var batch = JsonParser.parseString(data.substring("data: ".length())).getAsJsonArray();
                assertEquals(3, batch.size());
                assertEquals("TrialCompleted", batch.get(2).getAsJsonObject().get("type").getAsString());
                assertEquals(77.0, batch.get(2).getAsJsonObject().get("score").getAsDouble());
                in.readLine();
                s.ended("finished");
                assertEquals("event: ended", in.readLine());
                assertEquals("data: {\"state\":\"finished\"}", in.readLine());
            }
        }
    }

    @Test
    void beyondLoopbackEveryRequestNeedsTheToken() throws Exception {
        ConfigProblem none = assertThrows(ConfigProblem.class, () -> new HttpConfig(true, "0.0.0.0", 0, ""));
        assertEquals("proxima.http.host: 0.0.0.0 is reachable beyond this machine, so the page, API and /metrics need "
                + "a bearer token: set proxima.http.token (or PROXIMA_HTTP_TOKEN)", none.getMessage());
        SearchMetrics metrics = new SearchMetrics();
        Searches searches = new Searches();
        searches.add(search(metrics));
        try (WebServer server = WebServer.start(new HttpConfig(true, "0.0.0.0", 0, "s3cret"), metrics, searches,
                WebServer.Commands.NONE)) {
            String base = "http://127.0.0.1:" + server.port() + "/";
            for (String path : List.of("", "api/searches", "api/searches/run-1/view", "metrics")) {
                HttpResponse<String> r = get(base + path);
                assertEquals(401, r.statusCode(), path);
                assertEquals("Bearer realm=\"proxima\"", r.headers().firstValue("WWW-Authenticate").orElse(""), path);
                assertEquals(401, get(base + path, "Authorization", "Bearer wrong").statusCode(), path);
                assertEquals(200, get(base + path, "Authorization", "Bearer s3cret").statusCode(), path);
            }
            HttpResponse<String> link = get(base + "?token=s3cret");
            assertEquals(303, link.statusCode(), "the page's link sets the cookie and drops the token from the address");
            String cookie = link.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.startsWith("proxima_token=s3cret;") && cookie.contains("HttpOnly"), cookie);
            assertEquals(200, get(base + "api/searches/run-1/view", "Cookie", "proxima_token=s3cret").statusCode());
        }
    }
}
