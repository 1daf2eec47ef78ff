package dev.proxima.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code proxima list}: the daemon's searches, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "The searches of proxima serve: id, state, "
        + "trials done, device-seconds, best score, name.")
final class ListCommand implements Callable<Integer> {
    @Mixin
    DaemonClient daemon;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
        System.out.println(HEADER);
        for (JsonElement e : daemon.get(options.load().http(), "api/searches").getAsJsonArray()) {
            System.out.println(line(e.getAsJsonObject()));
        }
        return 0;
    }

    /** The heading of {@link #line}'s columns. */
    static final String HEADER = String.format(Locale.ROOT, "%-26s %-10s %8s %10s %8s  %s", "id", "state", "done",
            "device-s", "best", "name");

    static String line(JsonObject s) {
        JsonObject summary = s.getAsJsonObject("summary");
        JsonObject trials = s.getAsJsonObject("trials");
        String best = summary.has("best") && !summary.getAsJsonObject("best").get("score").isJsonNull()
                ? String.format(Locale.ROOT, "%.2f", summary.getAsJsonObject("best").get("score").getAsDouble()) : "-";
        double deviceSeconds = summary.has("deviceSeconds") ? summary.get("deviceSeconds").getAsDouble() : 0;
        return String.format(Locale.ROOT, "%-26s %-10s %8d %10.0f %8s  %s", s.get("id").getAsString(),
                s.get("state").getAsString(), trials.get("completed").getAsInt(), deviceSeconds, best,
                s.get("name").getAsString());
    }
}
