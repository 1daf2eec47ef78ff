package dev.proxima.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code proxima cancel ID}: ends a daemon's search now; its workers move to the others. */
@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Ends a search of proxima serve now: its "
        + "trials in flight are stopped, its journal and reports closed, its workers lent to the other searches.")
final class CancelCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "the search's id (proxima list)")
    String id;

    @Mixin
    DaemonClient daemon;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
        var s = daemon.post(options.load().http(), "api/searches/" + id + "/cancel", "{}").getAsJsonObject();
        System.out.println("cancelled " + s.get("id").getAsString());
        return 0;
    }
}
