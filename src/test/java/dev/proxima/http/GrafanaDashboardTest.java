package dev.proxima.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.proxima.config.HttpConfig;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchEvent.TrialAssigned;
import dev.proxima.search.SearchEvent.TrialCompleted;
import dev.proxima.search.SearchEvent.TrialProposed;
import dev.proxima.search.SearchEvent.TrialStopRequested;
import dev.proxima.search.SearchEvent.TrialStopped;
import dev.proxima.view.LiveView;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every series the Grafana dashboard in deploy/ queries is one the server exports. */
class GrafanaDashboardTest {
    @Test
    void theDashboardQueriesOnlySeriesThatAScrapeHas() throws Exception {
        JsonElement dashboard = JsonParser.parseString(Files.readString(Path.of("deploy/grafana/proxima-dashboard.json")));
        Set<String> queried = new TreeSet<>();
        Pattern name = Pattern.compile("\\b((?:proxima|jvm)_[a-z_]+)");
        for (JsonElement panel : dashboard.getAsJsonObject().getAsJsonArray("panels")) {
            for (JsonElement target : panel.getAsJsonObject().getAsJsonArray("targets")) {
                Matcher m = name.matcher(target.getAsJsonObject().get("expr").getAsString());
                while (m.find()) {
                    queried.add(m.group(1));
                }
            }
        }
        assertTrue(queried.size() >= 8, queried.toString());

        SearchMetrics metrics = new SearchMetrics();
        Searches searches = new Searches();
        MonitoredSearch s = new MonitoredSearch("run", "run", List.of("t0", "t1"), new LiveView(List.of("t0", "t1")),
                metrics, null, System::currentTimeMillis);
        searches.add(s);
        List<SearchEvent> events = new ArrayList<>();
        for (long id = 1; id <= 4; id++) {
            events.add(new TrialProposed(id, "a" + id, "a" + id, "t0", 0, -1, id));
            events.add(new TrialAssigned(id, 1, "w", 1000, id));
            events.add(new TrialCompleted(id, 1, "w", id, 1, Map.of(), id + 1));
            events.add(new TrialProposed(10 + id, "a" + id, "a" + id, "t1", 1, id, id + 1));
            events.add(new TrialAssigned(10 + id, 1, "w", 1000, id + 1));
            events.add(new TrialCompleted(10 + id, 1, "w", 10 - id, 1, Map.of(), id + 2));
        }
        events.add(new TrialProposed(20, "b", "b", "t0", 0, -1, 10));
        events.add(new TrialAssigned(20, 1, "w", 1000, 10));
        events.add(new TrialStopRequested(20, 1, "w", "asha", "low", 11));
        events.add(new TrialStopped(20, 1, "w", 1, 12));
        s.observe(events);
        s.journalLag(0.002);
        String scrape;
        try (WebServer server = WebServer.start(new HttpConfig(true, "127.0.0.1", 0, ""), metrics, searches,
                WebServer.Commands.NONE)) {
            scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
        Set<String> missing = new TreeSet<>();
        for (String q : queried) {
            if (!Pattern.compile("(?m)^" + Pattern.quote(q) + "[{ ]").matcher(scrape).find()) {
                missing.add(q);
            }
        }
        assertEquals(Set.of(), missing, "queried by the dashboard but not exported");
    }
}
