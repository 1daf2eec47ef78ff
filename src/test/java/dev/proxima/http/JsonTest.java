package dev.proxima.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.proxima.search.SearchEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event stream's hand-written JSON reads back as what was written. */
class JsonTest {
    @Test
    void everyFieldOfAnEventReadsBackAndAwkwardTextIsEscaped() {
        String awkward = "a \"quoted\" back\\slash\nnew line\ttab\u0001control\u2028separator é";
        List<SearchEvent> events = List.of(
                new SearchEvent.TrialProposed(7, "|nor_conv_3x3~0|+|skip_connect~0|", awkward, "hp12", 1, 3, 1_000),
                new SearchEvent.TrialCompleted(7, 2, "node:1/gpu:0", Double.NaN, 12.5,
                        Map.of("val_acc", 81.25, "key \"x\"", Double.POSITIVE_INFINITY), 2_000));
        String json = Json.events(events);
        JsonArray read = JsonParser.parseString(json).getAsJsonArray();
        JsonObject proposed = read.get(0).getAsJsonObject();
        assertEquals("TrialProposed", proposed.get("type").getAsString());
        assertEquals(7, proposed.get("trialId").getAsLong());
        assertEquals(awkward, proposed.get("canonicalHash").getAsString());
        JsonObject completed = read.get(1).getAsJsonObject();
        assertTrue(completed.get("score").isJsonNull(), "NaN is null: " + completed);
        assertEquals(12.5, completed.get("costSeconds").getAsDouble());
        JsonObject metrics = completed.get("metrics").getAsJsonObject();
        assertEquals(81.25, metrics.get("val_acc").getAsDouble());
        assertTrue(metrics.get("key \"x\"").isJsonNull());
        assertTrue(!json.contains("\n") && !json.contains("\u2028"), "one line, as an SSE data field must be: " + json);
    }
}
