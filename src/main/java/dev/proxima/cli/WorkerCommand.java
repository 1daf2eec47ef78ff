package dev.proxima.cli;

import ai.djl.engine.Engine;
import akka.actor.ActorSystem;
import akka.actor.CoordinatedShutdown;
import akka.cluster.Cluster;
import dev.proxima.cluster.ExitReason;
import dev.proxima.cluster.NodeConfig;
import dev.proxima.cluster.WorkerNode;
import dev.proxima.config.Choices;
import dev.proxima.config.ClusterConfig;
import dev.proxima.config.ClusterConfig.NodeAddress;
import dev.proxima.config.ConfigKeys;
import dev.proxima.config.ProximaConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.replay.TableReplayEvaluator;
import dev.proxima.training.DjlEngines;
import dev.proxima.training.DjlTrainingEvaluator;
import dev.proxima.training.TrainingData;
import dev.proxima.zerocost.ZeroCostTier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code proxima worker}: a worker-role node with one worker per device, serving whatever search
 * the supervisor runs, or the searches a daemon ({@code proxima serve}) lends it to.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Join a cluster (proxima supervisor, or a daemon: proxima serve) and evaluate its trials, one "
                + "worker per device.",
                "SIGTERM leaves gracefully: a trial in hand finishes within " + ConfigKeys.CLUSTER + ".leave-grace or goes back "
                        + "to the queue.",
                "Exit codes: 0 left, 143 left on SIGTERM, 2 bad input, 3 recycled (start it again), 4 refused by the "
                        + "supervisor (another evaluator), 5 downed by the cluster, 6 no supervisor node left (start it "
                        + "again: it joins the one that comes back)."})
final class WorkerCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--join", required = true, split = ",", paramLabel = "HOST:PORT",
            description = "the supervisor node(s) to join, oldest first")
    List<String> join;

    @Option(names = "--evaluator", completionCandidates = Choices.EvaluatorNames.class,
            description = "${COMPLETION-CANDIDATES} (" + ConfigKeys.EVALUATOR + "); must be the search's")
    String evaluator;

    @Option(names = "--devices", split = ",", description = "training devices, e.g. cpu or gpu:0,gpu:1 (" + ConfigKeys.DEVICES + ")")
    List<String> devices;

    @Option(names = "--workers", description = "replay: worker actors (" + ConfigKeys.WORKER_COUNT + ")")
    Integer workers;

    @Option(names = "--host", description = "this node's address (" + ConfigKeys.CLUSTER + ".host)")
    String host;

    @Option(names = "--port", description = "this node's port; 0 = any free one")
    int port;

    @Option(names = "--max-trials-per-process", description = "leave (exit code 3) after this many trials; 0 = never ("
            + ConfigKeys.CLUSTER + ".max-trials-per-process)")
    Integer maxTrials;

    @Option(names = "--parent-pid", hidden = true, description = "leave when this process ends (worker JVMs of proxima search)")
    Long parentPid;

    @Override
    public Integer call() throws Exception {
        List<NodeAddress> seeds = join.stream().map(j -> NodeAddress.parse(j, "--join")).toList();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port: " + port + " is not in 0..65535");
        }
        ProximaConfig layered = options.load()
                .with(ConfigKeys.EVALUATOR, evaluator)
                .with(ConfigKeys.DEVICES, devices)
                .with(ConfigKeys.WORKER_COUNT, workers)
                .with(ConfigKeys.CLUSTER + ".host", host)
                .with(ConfigKeys.CLUSTER + ".max-trials-per-process", maxTrials);
        ProximaSettings config = layered.settings();
        ClusterConfig configured = layered.cluster();
        // recycling bounds libtorch's native memory; a replaying worker has none to bound
        ClusterConfig cluster = config.replayed() ? configured.withoutRecycling() : configured;
        List<AutoCloseable> closing = new ArrayList<>();
        List<WorkerNode.Device> local = config.replayed() ? replayDevices(config) : trainingDevices(config, closing);
        ActorSystem system = NodeConfig.startSystem(NodeConfig.of(config.actorSystem(), cluster,
                NodeConfig.WORKER_ROLE, port, seeds));
        try {
            WorkerNode.start(system, local, cluster, config.worker().retryInterval(), () -> System.out.println(
                    "proxima worker: joined the cluster as " + Cluster.get(system).selfAddress()));
            System.out.printf(Locale.ROOT, "proxima worker: node %s joining %s; %d workers (%s), evaluator %s%n",
                    Cluster.get(system).selfAddress(), seeds, local.size(),
                    String.join(", ", local.stream().map(WorkerNode.Device::name).toList()),
                    local.get(0).evaluator().describe());
            if (parentPid != null) {
                // a worker JVM of `proxima search` goes when its search's JVM does (a kill -9 of that one included):
                // the supervisor is gone with it, so there is nobody to hand a trial back to, and the trial's latest
                // in-flight checkpoint stays for `search --resume`
                ProcessHandle.of(parentPid).map(ProcessHandle::onExit).orElse(CompletableFuture.completedFuture(null))
                        .thenRun(() -> {
                            System.out.println("proxima worker: the search's JVM ended; this worker ends too");
                            Runtime.getRuntime().halt(ExitReason.LEFT.code());
                        });
            }
            system.getWhenTerminated().toCompletableFuture().get();
        } finally {
            for (AutoCloseable c : closing) {
                c.close();
            }
        }
        int code = ExitReason.codeOf(CoordinatedShutdown.get(system));
        System.out.println("proxima worker: left the cluster (exit code " + code + ")");
        return code;
    }

    private static List<WorkerNode.Device> replayDevices(ProximaSettings config) {
        ReplaySetup setup = ReplaySetup.load(config);
        TableReplayEvaluator evaluator = new TableReplayEvaluator(setup.replay(), config.replay().speedup());
        SearchEvaluators daemonSearches = new SearchEvaluators(null);
        List<WorkerNode.Device> out = new ArrayList<>();
        for (int i = 0; i < config.worker().count(); i++) {
            String name = "replay:" + i;
            out.add(new WorkerNode.Device(name, "replay", daemonSearches.forDevice(name, evaluator)));
        }
        return out;
    }

    /**
     * One training evaluator per device; relative checkpoint folders are under this node's runs
     * folder. A daemon's search brings its own configuration and gets evaluators of its own.
     */
    private static List<WorkerNode.Device> trainingDevices(ProximaSettings config, List<AutoCloseable> closing) {
        Engine engine = TrainingSetup.startEngine(config.training());
        TrainingSetup.checkDevices(config, engine);
        TrainingData data = TrainingSetup.trainingData(config);
        Path checkpoints = config.runsDir().resolve("worker").resolve(config.training().checkpointDir());
        System.out.println("proxima worker: engine " + DjlEngines.describe(engine) + "; devices "
                + String.join(", ", config.worker().devices().stream().map(d -> d + " = " + DjlEngines.device(d, engine)).toList()));
        SearchEvaluators daemonSearches = new SearchEvaluators(engine);
        daemonSearches.keep(config, data);
        List<WorkerNode.Device> out = new ArrayList<>();
        for (String name : config.worker().devices()) {
            DjlTrainingEvaluator evaluator = new DjlTrainingEvaluator(data, DjlEngines.device(name, engine), checkpoints,
                    config.training().checkpointEvery(), new ZeroCostTier(data, config.search().seed()));
            closing.add(evaluator);
            out.add(new WorkerNode.Device(name, "training", daemonSearches.forDevice(name, evaluator)));
        }
        return out;
    }
}
