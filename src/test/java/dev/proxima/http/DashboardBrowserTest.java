package dev.proxima.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.proxima.cluster.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headless Chromium opens the live page of a running replay search (a three-tier ladder on real
 * learning curves, ASHA promotion and early stopping, ground truth from the table) and finds every
 * chart drawn with data, the event stream connected, and the charts changing as trials finish. The
 * screenshot stays under target/ for the README and CI's artefacts.
 */
class DashboardBrowserTest {
    private static final String DRAWN = """
            (() => {
              const d = (id) => ({ series: Number(document.getElementById(id).dataset.series || 0),
                                   points: Number(document.getElementById(id).dataset.points || 0) });
              const rows = (id) => Number(document.getElementById(id).dataset.rows || 0);
              return { events: Number(document.body.dataset.events || 0), best: d('best'), curves: d('curves'),
                       scatter: d('scatter'), funnel: rows('funnel'), workers: rows('workers'),
                       live: document.getElementById('live').textContent,
                       audit: !document.getElementById('audit-section').hidden,
                       done: Number(document.querySelector('#summary').textContent.match(/trials done(\\d+)/)?.[1] || 0) };
            })()""";

    @Test
    void thePageOfARunningReplaySearchDrawsItsChartsAndFollowsTheSearch(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("page.conf");
        Files.writeString(conf, CurveSearch.conf(150));
        try (Node search = Node.start(dir, "search", "search", "--evaluator", "replay", "--config", conf.toString(),
                "--runs-dir", dir.resolve("runs").toString());
             Chromium browser = Chromium.start(dir, 1400, 1900)) {
            String url = search.await("^page: (http://127\\.0\\.0\\.1:\\d+/)", 60_000);
            browser.navigate(url);
            JsonObject first = waitFor(browser, d -> d.getAsJsonObject("scatter").get("points").getAsInt() >= 2
                    && d.getAsJsonObject("curves").get("series").getAsInt() >= 3 && d.get("live").getAsString().equals("live"),
                    90_000);
            assertTrue(first.getAsJsonObject("best").get("points").getAsInt() >= 2, first.toString());
            assertEquals(1, first.getAsJsonObject("best").get("series").getAsInt(), first.toString());
            assertEquals(1, first.getAsJsonObject("scatter").get("series").getAsInt(), first.toString());
            assertEquals(3, first.get("funnel").getAsInt(), "one funnel row per tier: " + first);
            assertEquals(4, first.get("workers").getAsInt(), "the replay's 4 workers: " + first);
            assertTrue(first.get("audit").getAsBoolean(), "a replay knows the truth, so the audit shows: " + first);
            browser.screenshot(Path.of("target", "dashboard.png"));

            JsonObject later = waitFor(browser, d -> d.get("done").getAsInt() > first.get("done").getAsInt()
                    && d.get("events").getAsInt() > first.get("events").getAsInt(), 30_000);
            assertTrue(later.getAsJsonObject("curves").get("points").getAsInt() != first.getAsJsonObject("curves")
                    .get("points").getAsInt() || later.getAsJsonObject("scatter").get("points").getAsInt()
                    > first.getAsJsonObject("scatter").get("points").getAsInt(),
                    "the charts changed without a reload: " + first + " then " + later);
        }
    }

    private static JsonObject waitFor(Chromium browser, java.util.function.Predicate<JsonObject> ready, long millis)
            throws Exception {
        long end = System.currentTimeMillis() + millis;
        JsonObject last = null;
        while (System.currentTimeMillis() < end) {
            try {
                last = browser.evaluate(DRAWN);
                if (ready.test(last)) {
                    return last;
                }
            } catch (IllegalStateException e) {
                last = null; // the page is still loading
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the page did not get there in " + millis + " ms; last seen: " + last);
    }
}
