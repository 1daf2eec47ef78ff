package dev.proxima.cli;

import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.actor.CoordinatedShutdown;
import akka.cluster.Cluster;
import dev.proxima.cluster.ExitReason;
import dev.proxima.cluster.NodeConfig;
import dev.proxima.cluster.SearchListener;
import dev.proxima.cluster.SupervisorNode;
import dev.proxima.config.ClusterConfig;
import dev.proxima.config.ClusterConfig.NodeAddress;
import dev.proxima.config.ConfigKeys;
import dev.proxima.config.ProximaConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.journal.PostgresJournal;
import dev.proxima.store.RunDirectory;
import dev.proxima.supervisor.SupervisorActor;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code proxima supervisor}: a supervisor-role node; the search runs on the oldest one as a cluster singleton. */
@Command(name = "supervisor", mixinStandardHelpOptions = true,
        description = {"Run a search's supervisor as a cluster node that workers join (proxima worker --join HOST:PORT).",
                "The search is the one --config describes, journaled as run --run. A second supervisor node (--seed-nodes "
                        + "naming both) takes the search over from the shared PostgreSQL journal when the first is lost.",
                "Exit codes: 0 the search finished, 143 left on SIGTERM, 2 bad input, 5 this node was downed."})
final class SupervisorCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--run", required = true, paramLabel = "ID", description = "the run's id: the same on every "
            + "supervisor node of the search; it names the run folder and the PostgreSQL run")
    String run;

    @Option(names = "--host", description = "this node's address (" + ConfigKeys.CLUSTER + ".host)")
    String host;

    @Option(names = "--port", description = "the port workers join (" + ConfigKeys.CLUSTER + ".supervisor-port)")
    Integer port;

    @Option(names = "--seed-nodes", split = ",", paramLabel = "HOST:PORT", description = "the supervisor nodes, oldest "
            + "first (" + ConfigKeys.CLUSTER + ".seed-nodes); none = this node starts the cluster")
    List<String> seedNodes;

    @Override
    public Integer call() throws Exception {
        if (!PostgresJournal.isRunId(run)) {
            throw new IllegalArgumentException("--run: '" + run + "' is not a run id (1 to 40 letters, digits, '-' or '_')");
        }
        ProximaConfig requested = options.load()
                .with(ConfigKeys.CLUSTER + ".host", host)
                .with(ConfigKeys.CLUSTER + ".supervisor-port", port)
                .with(ConfigKeys.CLUSTER + ".seed-nodes", seedNodes);
        ProximaSettings config = requested.settings();
        ClusterConfig cluster = requested.cluster();
        RunDirectory.checkParent(config.runsDir());
        if (config.journal().postgresql()) {
            PostgresJournal.checkReachable(config.journal().server());
        }
        SearchPlan plan = SearchPlan.of(config);
        NodeAddress self = new NodeAddress(cluster.host(), cluster.supervisorPort());
        List<NodeAddress> seeds = cluster.seedNodes().isEmpty() ? List.of(self) : cluster.seedNodes();
        PrintStream out = System.out;
        ActorSystem system = NodeConfig.startSystem(NodeConfig.of(config.actorSystem(), cluster,
                NodeConfig.SUPERVISOR_ROLE, cluster.supervisorPort(), seeds));
        Progress progress = new Progress(out, plan.settings().ladder(), plan.resultColumn(),
                plan.settings().budget().maxDeviceSeconds(), Progress.QUIET_MILLIS);
        CompletableFuture<String> ended = new CompletableFuture<>();
        ActorRef listener = system.actorOf(SearchListener.props(run, progress::update,
                s -> SearchCommand.describe(s, plan.resultColumn()), ended), SearchListener.NAME);
        ClusterSession session = new ClusterSession(run, requested, config, plan, listener, progress,
                ended::completeExceptionally);
        SupervisorNode.start(system, SupervisorActor.props(session::open, System::currentTimeMillis,
                config.search().tickInterval()));
        out.printf(Locale.ROOT, "proxima supervisor: node %s (seed nodes %s), run %s, journal %s, %s on %s, evaluator %s, "
                + "budget %s%n", Cluster.get(system).selfAddress(), seeds, run, session.target(), config.controller(),
                plan.space().name(), plan.evaluator(), plan.settings().budget().describe());
        out.println("workers join with: proxima worker --join " + self);
        CompletableFuture<?> terminated = system.getWhenTerminated().toCompletableFuture();
        CompletableFuture.anyOf(ended, terminated).exceptionally(e -> null).get();
        if (!ended.isDone()) {
            out.println("proxima supervisor: this node left the cluster before the search ended; it goes on where a "
                    + "supervisor node runs");
            return ExitReason.codeOf(CoordinatedShutdown.get(system));
        }
        try {
            progress.done();
            String summary;
            try {
                summary = ended.join();
            } catch (java.util.concurrent.CompletionException e) {
                // the journal failed: nothing more is decided without it; another supervisor node may go on
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            out.print(summary);
            out.println("results: " + session.folder() + " (summary.txt, trials.csv, events.log; journal "
                    + session.target() + ")");
        } finally {
            CoordinatedShutdown.get(system).runAll(ExitReason.LEFT).toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
        return 0;
    }
}
