package dev.proxima.cli;

import ai.djl.engine.Engine;
import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.actor.CoordinatedShutdown;
import akka.cluster.Cluster;
import akka.pattern.Patterns;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.typesafe.config.ConfigFactory;
import dev.proxima.cluster.ExitReason;
import dev.proxima.cluster.NodeConfig;
import dev.proxima.cluster.SupervisorNode;
import dev.proxima.cluster.WorkerProcesses;
import dev.proxima.config.ClusterConfig;
import dev.proxima.config.ConfigKeys;
import dev.proxima.config.HttpConfig;
import dev.proxima.config.ProximaConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.daemon.PoolActor;
import dev.proxima.daemon.SearchBook;
import dev.proxima.daemon.SearchBook.Entry;
import dev.proxima.daemon.SearchBook.State;
import dev.proxima.daemon.SharePolicy;
import dev.proxima.http.MonitoredSearch;
import dev.proxima.http.SearchMetrics;
import dev.proxima.http.Searches;
import dev.proxima.http.WebServer;
import dev.proxima.journal.EventJournal;
import dev.proxima.journal.JournalWriter;
import dev.proxima.journal.TimedJournal;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchSummary;
import dev.proxima.search.Strategy;
import dev.proxima.store.RunDirectory;
import dev.proxima.supervisor.SupervisorActor;
import dev.proxima.worker.WorkerActor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code proxima serve}: keeps a pool of workers and runs the searches submitted to it over HTTP
 * ({@code proxima submit}), several at once, each in its own run folder with its own journal; the
 * pool lends workers by {@link SharePolicy}. The daemon is a supervisor-role cluster node whose
 * singleton is the pool, so its own worker JVMs and the worker nodes of other machines join it
 * alike. Restarted after a kill, it resumes every search that was queued or running from its journal.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"A long-running daemon: a pool of workers (a worker JVM per training device of --devices, or "
                + "--workers replay workers with --evaluator replay, and every proxima worker that joins its cluster port) "
                + "that runs the searches submitted to it (proxima submit), several at once, sharing the workers by "
                + "priority, then a fair share of device-seconds. Page, API and /metrics on proxima.http (default "
                + "127.0.0.1:8642).",
                "Each search lives in DIR/searches/<id>/ with its own journal; a restarted daemon resumes them."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--dir", paramLabel = "DIR", description = "the daemon's folder (default: daemon)")
    Path dir = Path.of("daemon");

    @Option(names = "--evaluator", description = "what the pool's workers do: training (one worker per device of "
            + "--devices) or replay (--workers virtual ones) (proxima.search.evaluator)")
    String evaluator;

    @Option(names = "--devices", split = ",", description = "training: the pool's devices, e.g. cpu or gpu:0,gpu:1 "
            + "(proxima.worker.devices)")
    List<String> devices;

    @Option(names = "--workers", description = "replay: virtual workers in the pool (proxima.worker.count)")
    Integer workers;

    @Option(names = "--port", description = "the port of the page, API and /metrics (proxima.http.port)")
    Integer port;

    @Option(names = "--host", description = "the address of the daemon's cluster node, where workers of other machines "
            + "join it (" + ConfigKeys.CLUSTER + ".host)")
    String host;

    @Option(names = "--cluster-port", description = "the port workers join (proxima worker --join HOST:PORT); 0 = any "
            + "free one (" + ConfigKeys.CLUSTER + ".supervisor-port)")
    Integer clusterPort;

    @Option(names = "--no-local-workers", description = "no workers of the daemon's own: only those that join it")
    boolean noLocalWorkers;

    private SearchBook book;
    private ProximaSettings daemonConfig;
    private ActorSystem system;
    private ActorRef pool;
    private boolean training;
    private Engine engine;
    private final SearchMetrics metrics = new SearchMetrics();
    private final Searches searches = new Searches();
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    /** Starting and ending searches, one at a time, off the actors' and the server's threads. */
    private final ExecutorService lifecycle = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "proxima-daemon");
        t.setDaemon(true);
        return t;
    });

    /** A search the daemon runs now, and what it must close when it ends. */
    private record Running(Entry entry, SearchRun run, JournalWriter writer, ActorRef supervisor, MonitoredSearch monitor,
            SearchPlan plan) {}

    @Override
    public Integer call() throws Exception {
        ProximaConfig layered = options.load().with("proxima.worker.count", workers)
                .with("proxima.http.port", port).with(ConfigKeys.EVALUATOR, evaluator)
                .with(ConfigKeys.DEVICES, devices).with(ConfigKeys.CLUSTER + ".host", host);
        if (clusterPort != null && (clusterPort < 0 || clusterPort > 65535)) {
            throw new IllegalArgumentException("--cluster-port: " + clusterPort + " is not in 0..65535");
        }
        daemonConfig = layered.settings();
        training = !daemonConfig.replayed();
        HttpConfig http = layered.http();
        ClusterConfig cluster = layered.cluster();
        int nodePort = clusterPort != null ? clusterPort : cluster.supervisorPort();
        RunDirectory.checkParent(dir);
        book = new SearchBook(dir);
        List<Entry> recorded = book.entries(); // an unreadable record is refused before anything starts
        if (training) {
            engine = TrainingSetup.startEngine(daemonConfig.training());
            TrainingSetup.checkDevices(daemonConfig, engine);
        }
        Files.createDirectories(book.searchesDir());
        // SIGTERM: this command's hook ends the searches first, then leaves the cluster (not Akka's own hook, at once)
        system = NodeConfig.startSystem(NodeConfig.of(ConfigFactory.parseString(
                "akka.coordinated-shutdown.run-by-jvm-shutdown-hook = off").withFallback(daemonConfig.actorSystem()), cluster,
                NodeConfig.SUPERVISOR_ROLE, nodePort, List.of()), "--cluster-port");
        Cluster.get(system).join(Cluster.get(system).selfAddress()); // a cluster of its own; workers join it
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch cleanedUp = new CountDownLatch(1);
        WorkerProcesses processes = null;
        try (WebServer server = RunPage.serve(http, false, metrics, searches, new Api(), System.out)) {
            // the pool is the cluster's supervisor singleton: workers of other nodes find it as they find `proxima supervisor`
            SupervisorNode.startSingleton(system, PoolActor.props(kind(), this::onProgress, this::onFinished));
            pool = SupervisorNode.proxy(system);
            String address = cluster.host() + ":" + Cluster.get(system).selfAddress().port().get();
            String local;
            if (noLocalWorkers) {
                local = "no workers of its own";
            } else if (training && daemonConfig.worker().perDevice()) {
                processes = workerJvms(address, cluster);
                processes.start();
                local = daemonConfig.worker().devices().size() + " training worker JVMs (" + String.join(", ",
                        daemonConfig.worker().devices()) + "), recycled after " + cluster.maxTrialsPerProcess() + " trials";
            } else {
                List<String> names = training ? daemonConfig.worker().devices()
                        : IntStream.range(0, daemonConfig.worker().count()).mapToObj(w -> "replay:" + w).toList();
                SearchEvaluators evaluators = new SearchEvaluators(engine);
                for (int w = 0; w < names.size(); w++) {
                    String id = "worker-" + w;
                    system.actorOf(WorkerActor.props(id, names.get(w), kind(), pool, evaluators.forDevice(names.get(w), null),
                            daemonConfig.worker().retryInterval()), id);
                }
                local = names.size() + " " + kind() + " workers (" + String.join(", ", names) + ")";
            }
            System.out.printf(Locale.ROOT, "proxima serve: %s; searches in %s%n", local, book.searchesDir().toAbsolutePath());
            System.out.println("proxima serve: cluster node " + Cluster.get(system).selfAddress() + "; more " + kind()
                    + " workers join with: proxima worker --join " + address + (training ? "" : " --evaluator replay"));
            RunPage.announce(server, System.out);
            for (Entry e : recorded) {
                Shown shown = show(e);
                if (!e.state().ended()) {
                    lifecycle.submit(() -> start(e, shown)).get();
                }
            }
            // SIGTERM: the hook lets the main thread close every search's journal before the JVM halts
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopped.countDown();
                try {
                    cleanedUp.await(cluster.leaveGrace().toSeconds() + 90, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "proxima-serve-stop"));
            stopped.await();
            return 0;
        } finally {
            try {
                if (processes != null) {
                    processes.close(cluster.leaveGrace().toMillis() + 15_000); // they finish or hand back their trials
                }
                lifecycle.submit(() -> running.keySet().forEach(id -> end(id, null, null))).get(60, TimeUnit.SECONDS);
                // a graceful leave: the worker nodes that joined see the daemon go (and, with no supervisor left, exit 6)
                CoordinatedShutdown.get(system).runAll(ExitReason.LEFT).toCompletableFuture().get(30, TimeUnit.SECONDS);
            } finally {
                cleanedUp.countDown();
            }
        }
    }

    /** How the pool's workers evaluate, and so every search of this daemon. */
    private String kind() {
        return training ? "training" : "replay";
    }

    /**
     * A search's configuration: the defaults under what was submitted, evaluated as the pool's
     * workers do; its devices are the pool's.
     */
    private ProximaSettings settingsOf(String submitted, String where) {
        return ProximaConfig.stored(submitted, where).with(ConfigKeys.EVALUATOR, kind())
                .with(ConfigKeys.DEVICES, daemonConfig.worker().devices())
                .with("proxima.journal.store", "sqlite").settings(); // each search journals in its own folder
    }

    /**
     * One worker JVM per device of the daemon, joined to it over its cluster address and recycled
     * as {@code proxima search}'s are; a device whose worker cannot run is given up with a line.
     */
    private WorkerProcesses workerJvms(String address, ClusterConfig cluster) throws IOException {
        Path folder = dir.resolve("workers");
        Files.createDirectories(folder);
        Path conf = folder.resolve("worker.conf");
        Files.writeString(conf, daemonConfig.proximaText());
        String parent = String.valueOf(ProcessHandle.current().pid());
        return new WorkerProcesses(daemonConfig.worker().devices(), device -> WorkerJvms.proxima(List.of("worker",
                "--config", conf.toString(), "--join", address, "--host", cluster.host(), "--devices", device,
                "--parent-pid", parent)), WorkerJvms.ENVIRONMENT, folder, line -> System.out.println("workers: " + line),
                why -> System.out.println("workers: " + why));
    }

    /** A search on the page, with its configuration and plan read once (its replay table loaded once). */
    private record Shown(MonitoredSearch monitor, ProximaSettings config, SearchPlan plan) {}

    /**
     * Puts the search on the page; an ended one's view is rebuilt from its journal here, a queued or
     * running one's when {@link #start} reads the journal to resume it.
     */
    private Shown show(Entry e) {
        ProximaSettings config = settingsOf(book.submitted(e.id()), book.folder(e.id()).resolve(SearchBook.SUBMITTED).toString());
        SearchPlan plan = SearchPlan.of(config);
        MonitoredSearch m = RunPage.monitored(e.id(), e.name(), config, plan, book.folder(e.id()), metrics);
        if (e.state().ended()) {
            if (Files.exists(book.folder(e.id()).resolve(SearchCommand.JOURNAL))) {
                try (EventJournal j = JournalTarget.of(book.folder(e.id())).open(config)) {
                    m.view().apply(j.events());
                }
            }
            m.ended(e.state().word());
        }
        searches.add(m);
        return new Shown(m, config, plan);
    }

    /** Starts (or resumes, when its journal has events) a search; on the lifecycle thread. */
    private void start(Entry entry, Shown shown) {
        Path folder = book.folder(entry.id());
        MonitoredSearch monitor = shown.monitor();
        try {
            ProximaSettings config = shown.config();
            SearchPlan plan = shown.plan();
            Strategy strategy = plan.strategies().get();
            SearchRun run;
            if (Files.exists(folder.resolve(SearchCommand.JOURNAL))) {
                EventJournal journal = JournalTarget.of(folder).openForAppend(config);
                List<SearchEvent> events = journal.events();
                monitor.view().apply(events);
                SearchCore core = SearchCore.recover(plan.settings(), plan.space(), strategy, events);
                if (core.isFinished()) {
                    journal.close();
                    book.write(entry.with(State.FINISHED, ""));
                    monitor.ended("finished");
                    return;
                }
                run = SearchRun.resume(folder, journal, config.proximaText(), core, strategy);
            } else {
                run = SearchRun.create(RunDirectory.reopen(folder), config, plan.settings(), plan.space(), strategy);
                monitor.view().apply(run.core().history());
            }
            EventJournal timed = new TimedJournal(run.journal(), System::currentTimeMillis, monitor::journalLag);
            JournalWriter writer = new JournalWriter(timed, failure -> lifecycle.submit(() ->
                    end(entry.id(), State.FAILED, "its journal failed: " + failure.getMessage())));
            SearchCore core = run.core();
            Consumer<List<SearchEvent>> observers = events -> {
                run.folder().append(events);
                monitor.observe(events);
            };
            SupervisorActor.Session session = new SupervisorActor.Session(core, pool, writer::write, observers, kind(),
                    entry.id(), () -> { });
            ActorRef supervisor = system.actorOf(SupervisorActor.props(() -> session, System::currentTimeMillis,
                    config.search().tickInterval()), "search-" + entry.id());
            Entry now = entry.with(State.RUNNING, "");
            book.write(now);
            running.put(entry.id(), new Running(now, run, writer, supervisor, monitor, plan));
            pool.tell(new PoolActor.AddSearch(entry.id(), supervisor, entry.priority(), entry.order(),
                    core.summary(System.currentTimeMillis()).deviceSeconds(), WorkerJvms.workerConfig(config, folder)),
                    ActorRef.noSender());
            System.out.printf(Locale.ROOT, "%s %s (%s, priority %d)%n", run.resumed() ? "resumed" : "started", entry.id(),
                    entry.name(), entry.priority());
        } catch (RuntimeException e) {
            book.write(entry.with(State.FAILED, String.valueOf(e.getMessage())));
            monitor.ended("failed");
            System.out.println("failed " + entry.id() + ": " + e.getMessage());
        }
    }

    private void onProgress(String id, SearchSummary summary) {
        Running r = running.get(id);
        if (r != null) {
            r.monitor().summary(summary);
        }
    }

    private void onFinished(String id, SearchSummary summary) {
        lifecycle.submit(() -> end(id, State.FINISHED, ""));
    }

    /**
     * Stops a search's supervisor (its last events are written first), closes its journal and
     * rewrites its reports; {@code state} null: the daemon stops and the search resumes next time.
     */
    private void end(String id, State state, String why) {
        Running r = running.remove(id);
        if (r == null) {
            return;
        }
        if (state != null) {
            pool.tell(new PoolActor.RemoveSearch(id), ActorRef.noSender());
        }
        try {
            Patterns.gracefulStop(r.supervisor(), Duration.ofSeconds(10)).toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.out.println("search " + id + ": its supervisor did not stop in time: " + e.getMessage());
        }
        r.writer().close();
        try {
            r.run().folder().writeTrials(r.run().core(), r.plan().metricColumns());
            r.run().folder().writeSummary(SearchCommand.describe(r.run().core().summary(System.currentTimeMillis()),
                    r.plan().resultColumn()));
            r.run().close();
        } catch (IOException e) {
            System.out.println("search " + id + ": " + e.getMessage());
        }
        if (state != null) {
            book.write(r.entry().with(state, why));
            r.monitor().summary(r.run().core().summary(System.currentTimeMillis()));
            r.monitor().ended(state.word());
            System.out.printf(Locale.ROOT, "%s %s%s%n", state.word(), id, why.isEmpty() ? "" : ": " + why);
        }
    }

    /** Submit and cancel, the daemon's two commands over HTTP. */
    private final class Api implements WebServer.Commands {
        @Override
        public Optional<WebServer.Reply> post(String path, String body) {
            try {
                if (path.equals("/api/searches")) {
                    return Optional.of(submit(body));
                }
                if (path.startsWith("/api/searches/") && path.endsWith("/cancel")) {
                    String id = path.substring("/api/searches/".length(), path.length() - "/cancel".length());
                    return Optional.of(lifecycle.submit(() -> cancel(id)).get(60, TimeUnit.SECONDS));
                }
                return Optional.empty();
            } catch (IllegalArgumentException e) { // ConfigProblem too
                return Optional.of(new WebServer.Reply(400, Map.of("error", String.valueOf(e.getMessage()))));
            } catch (Exception e) {
                return Optional.of(new WebServer.Reply(500, Map.of("error", String.valueOf(e.getMessage()))));
            }
        }

        /** {@code {"config": HOCON, "name": ..., "priority": N}}: checked whole before anything is written. */
        private WebServer.Reply submit(String body) throws Exception {
            JsonObject request;
            try {
                request = JsonParser.parseString(body).getAsJsonObject();
            } catch (JsonParseException | IllegalStateException e) {
                throw new IllegalArgumentException("the body must be a JSON object {\"config\": ..., \"name\": ..., "
                        + "\"priority\": ...}");
            }
            if (!request.has("config") || !request.get("config").isJsonPrimitive()) {
                throw new IllegalArgumentException("\"config\" (the search's HOCON text) is missing");
            }
            String config = request.get("config").getAsString();
            String name = request.has("name") ? request.get("name").getAsString() : "";
            int priority;
            try {
                priority = request.has("priority") ? request.get("priority").getAsInt() : 0;
            } catch (NumberFormatException | UnsupportedOperationException e) {
                throw new IllegalArgumentException("\"priority\" must be a whole number, got " + request.get("priority"));
            }
            settingsOf(config, "the submitted configuration"); // refused here, before a folder exists
            return lifecycle.submit(() -> {
                Path folder = RunDirectory.newFolder(book.searchesDir(), "search");
                String id = folder.getFileName().toString();
                Files.writeString(folder.resolve(SearchBook.SUBMITTED), config);
                Entry e = new Entry(id, name.isBlank() ? id : name, priority, book.nextOrder(), State.QUEUED,
                        System.currentTimeMillis(), "");
                book.write(e);
                start(e, show(e));
                return new WebServer.Reply(201, describe(id));
            }).get(60, TimeUnit.SECONDS);
        }

        private WebServer.Reply cancel(String id) {
            Optional<Entry> e = book.entries().stream().filter(x -> x.id().equals(id)).findFirst();
            if (e.isEmpty()) {
                return new WebServer.Reply(404, Map.of("error", "no search '" + id + "'"));
            }
            if (e.get().state().ended()) {
                return new WebServer.Reply(409, Map.of("error", "search " + id + " has " + e.get().state().word()
                        + " already"));
            }
            end(id, State.CANCELLED, "cancelled by request");
            return new WebServer.Reply(200, describe(id));
        }

        private Map<String, Object> describe(String id) {
            return searches.get(id).map(MonitoredSearch::describe).orElse(new LinkedHashMap<>(Map.of("id", id)));
        }
    }
}
