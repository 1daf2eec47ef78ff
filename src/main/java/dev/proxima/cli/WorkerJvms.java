package dev.proxima.cli;

import dev.proxima.cluster.WorkerProcesses;
import dev.proxima.config.ClusterConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.journal.EventJournal;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchSummary;
import dev.proxima.supervisor.SupervisorMessages.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code proxima search} with {@code proxima.worker.processes = per-device}: one {@code proxima
 * worker} JVM per device, started from this JVM with the run's configuration and joined to it over
 * 127.0.0.1. Checkpoints go to the run folder, which every worker JVM reads, so a promotion that
 * lands on another device resumes from the lower tier's weights.
 */
final class WorkerJvms {
    /** Extra JVM options for the worker JVMs, e.g. {@code -Xmx2g}. */
    static final String JAVA_OPTS = "PROXIMA_WORKER_JAVA_OPTS";
    /** Set in every worker JVM's environment: nothing downloads, nothing is reported. */
    static final Map<String, String> ENVIRONMENT = Map.of("DJL_OFFLINE", "true", "OPT_OUT_TRACKING", "true");

    private WorkerJvms() {}

    static Status run(ProximaSettings config, ClusterConfig cluster, Path runDir, SearchCore core, EventJournal journal,
            Consumer<List<SearchEvent>> observers, Consumer<SearchSummary> progress) throws Exception {
        Path workers = runDir.resolve("workers");
        Files.createDirectories(workers);
        Path conf = writeConfig(config, runDir, workers);
        String parent = String.valueOf(ProcessHandle.current().pid());
        return LocalSearch.runWithWorkerProcesses(config.actorSystem(), cluster, core, (port, giveUp) ->
                new WorkerProcesses(config.worker().devices(), device -> command(conf, port, device, parent),
                        ENVIRONMENT, workers,
                        line -> System.out.println("workers: " + line), why -> {
                            System.out.println("workers: " + why);
                            giveUp.accept(why);
                        }), config.search().tickInterval(), journal, observers, progress).status();
    }

    private static Path writeConfig(ProximaSettings config, Path runDir, Path workers) throws IOException {
        Path conf = workers.resolve("worker.conf");
        Files.writeString(conf, workerConfig(config, runDir));
        return conf;
    }

    /**
     * The run's configuration for its workers, with the run's checkpoint folder spelled out (whole,
     * so that a worker anywhere writes where the run's other workers read).
     */
    static String workerConfig(ProximaSettings config, Path runDir) {
        Path checkpoints = runDir.resolve(config.training().checkpointDir()).toAbsolutePath();
        return config.proximaText() + "\nproxima.training.checkpoint-dir = \"" + escape(checkpoints.toString()) + "\"\n";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static List<String> command(Path conf, int port, String device, String parent) {
        return proxima(List.of("worker", "--config", conf.toString(), "--join", "127.0.0.1:" + port, "--host", "127.0.0.1",
                "--devices", device, "--parent-pid", parent));
    }

    /** A {@code proxima} command in a JVM of its own, from this JVM's Java and class path. */
    static List<String> proxima(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String opts = System.getenv(JAVA_OPTS);
        if (opts != null && !opts.isBlank()) {
            command.addAll(Arrays.asList(opts.trim().split("\\s+")));
        }
        command.addAll(List.of("-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        return command;
    }
}
