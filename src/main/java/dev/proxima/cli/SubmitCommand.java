package dev.proxima.cli;

import com.google.gson.JsonObject;
import dev.proxima.http.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code proxima submit CONF}: hands a search to the daemon, which checks it whole before it starts it. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submits a search to proxima serve: CONF is a HOCON file of the keys that differ from the "
                + "defaults (as for --config; includes must be classpath(...) ones, e.g. "
                + "include classpath(\"nb201-curves-asha.conf\")). The daemon refuses a bad one with one line and starts "
                + "nothing."})
final class SubmitCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONF", description = "the search's configuration")
    Path conf;

    @Option(names = "--name", description = "a name to show (default: the search's id)")
    String name;

    @Option(names = "--priority", description = "higher first; searches of one priority share the workers by "
            + "device-seconds (default: 0)")
    int priority;

    @Mixin
    DaemonClient daemon;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        Args.inputFile("CONF", conf);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("config", Files.readString(conf));
        body.put("name", name == null ? "" : name);
        body.put("priority", priority);
        JsonObject s = daemon.post(options.load().http(), "api/searches", Json.of(body)).getAsJsonObject();
        System.out.printf("submitted %s (%s, priority %d): %s%n", s.get("id").getAsString(), s.get("name").getAsString(),
                priority, s.get("state").getAsString());
        return 0;
    }
}
