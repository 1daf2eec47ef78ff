package dev.proxima.cli;

import ai.djl.Device;
import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.actor.AbstractActor;
import akka.actor.Props;
import dev.proxima.config.ProximaSettings;
import dev.proxima.protocol.ProtoConversions;
import dev.proxima.protocol.v1.ArchitectureSpec;
import dev.proxima.protocol.v1.AssignTrial;
import dev.proxima.protocol.v1.StopTrial;
import dev.proxima.protocol.v1.TrialFailed;
import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.TrainingRecipe;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Space;
import dev.proxima.training.DataSplit;
import dev.proxima.training.DjlTrainingEvaluator;
import dev.proxima.training.ImageData;
import dev.proxima.training.TrainingBenchmarks;
import dev.proxima.training.TrainingData;
import dev.proxima.worker.WorkerActor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code proxima bench training}: training throughput for C=8/16, N=1/5, batch 64/128 and 1/2
 * threads (one child JVM per thread count: PyTorch reads its thread count once per process), stop
 * latency through a worker actor, and RSS over many build/train/close cycles.
 */
@Command(name = "training", mixinStandardHelpOptions = true,
        description = "Training images/s (C, N, batch, threads grid), stop latency, and RSS over build/train/close cycles.")
final class TrainingBench implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--threads", split = ",", description = "thread counts of the throughput grid (default: 1,2)")
    List<Integer> threads = List.of(1, 2);

    @Option(names = "--cycles", description = "build/train/close cycles of the memory run (default: 500)")
    int cycles = 500;

    @Option(names = "--stops", description = "stop-latency measurements per setting (default: 5)")
    int stops = 5;

    @Option(names = "--parts", split = ",", description = "what to measure: throughput, stop, memory (default: all)")
    List<String> parts = List.of("throughput", "stop", "memory");

    @Option(names = "--load", description = "throughput: busy processes competing for the CPU meanwhile (default 0)")
    int load;

    @Option(names = "--quick", description = "throughput: only N=1, C=8 (batch 64 and 128)")
    boolean quick;

    @Option(names = "--omp-wait-policy", description = "throughput: OMP_WAIT_POLICY of the measuring JVMs: active, "
            + "passive or unset (default: as inherited)")
    String ompWaitPolicy;

    @Override
    public Integer call() throws Exception {
        Args.allAtLeast("--threads", threads, 1);
        Args.atLeast("--cycles", cycles, 1);
        Args.atLeast("--stops", stops, 1);
        Args.oneOf("--parts", parts, List.of("throughput", "stop", "memory"));
        Args.atLeast("--load", load, 0);
        if (ompWaitPolicy != null) {
            Args.oneOf("--omp-wait-policy", List.of(ompWaitPolicy), List.of("active", "passive", "unset"));
        }
        ProximaSettings config = options.load().settings();
        if (parts.contains("throughput")) {
            throughput();
        }
        TrainingSetup.startEngine(config.training());
        ImageData train = TrainingSetup.trainingImages(config.training());
        if (parts.contains("stop")) {
            stopLatency(new TrainingData(new DataSplit(train, 1_000, 0)));
        }
        if (parts.contains("memory")) {
            memory(train);
        }
        return 0;
    }

    private void throughput() throws Exception {
        System.out.printf(Locale.ROOT, "== training throughput (the configured dataset, native size; reference cell, 15 warm-up "
                + "+ 40 timed steps%s%s)%n", load > 0 ? "; " + load + " busy processes competing for the CPU" : "",
                "; OMP_WAIT_POLICY " + (ompWaitPolicy != null ? ompWaitPolicy : System.getenv().getOrDefault("OMP_WAIT_POLICY",
                        "unset")));
        System.out.printf(Locale.ROOT, "%8s %4s %4s %6s %10s %12s%n", "threads", "C", "N", "batch", "images/s", "CPU s/step");
        List<Process> competitors = new ArrayList<>();
        try {
            for (int i = 0; i < load; i++) { // stand-ins for other users' processes: busy shells
                competitors.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
            }
            for (int t : threads) {
                List<String> command = javaCommand("bench", "throughput", "--threads", Integer.toString(t));
                if (quick) {
                    command.add("--quick");
                }
                ProcessBuilder child = new ProcessBuilder(command).inheritIO();
                if ("unset".equals(ompWaitPolicy)) {
                    child.environment().remove("OMP_WAIT_POLICY");
                } else if (ompWaitPolicy != null) {
                    child.environment().put("OMP_WAIT_POLICY", ompWaitPolicy);
                }
                if (child.start().waitFor() != 0) {
                    throw new IllegalStateException("the throughput run with " + t + " thread(s) failed");
                }
            }
        } finally {
            competitors.forEach(Process::destroyForcibly);
        }
    }

    private void stopLatency(TrainingData data) throws Exception {
        System.out.println("== stop latency: StopTrial sent to a worker actor mid-training -> its TrialFailed (ms)");
        ActorSystem system = ActorSystem.create("bench");
        try (DjlTrainingEvaluator evaluator = new DjlTrainingEvaluator(data, Device.cpu())) {
            for (int[] setting : new int[][] {{8, 1, 64}, {16, 5, 128}}) {
                double[] ms = new double[stops];
                for (int i = 0; i < stops; i++) {
                    ms[i] = stopOnce(system, evaluator, setting, i);
                }
                Arrays.sort(ms);
                System.out.printf(Locale.ROOT, "C=%d N=%d batch=%d: median %.0f ms, max %.0f ms (%d stops)%n", setting[0],
                        setting[1], setting[2], ms[stops / 2], ms[stops - 1], stops);
            }
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static double stopOnce(ActorSystem system, DjlTrainingEvaluator evaluator, int[] setting, int i) throws Exception {
        CompletableFuture<TrialFailed> stopped = new CompletableFuture<>();
        ActorRef supervisor = system.actorOf(Props.create(FailureCatcher.class, () -> new FailureCatcher(stopped)));
        ActorRef worker = system.actorOf(WorkerActor.props("bench-" + i, "cpu", supervisor, evaluator, Duration.ofMinutes(5)));
        Fidelity f = new Fidelity("bench", 100, new TrainingRecipe(setting[0], setting[1], 0, 1.0, setting[2], 0.05, 0.9,
                5e-4, 0, 0));
        worker.tell(AssignTrial.newBuilder().setTrialId(i + 1).setAttempt(1).setWorkerId("bench-" + i)
                .setArchitecture(ArchitectureSpec.newBuilder().setSpace("nb201").setEncoding(TrainingBenchmarks.REFERENCE_CELL))
                .setFidelity(ProtoConversions.toProto(f)).build(), supervisor);
        Thread.sleep(1_500 + 97L * i); // mid-training, at varying points of a batch
        long sent = System.nanoTime();
        worker.tell(StopTrial.newBuilder().setTrialId(i + 1).setAttempt(1).setWorkerId("bench-" + i).setReason("bench")
                .build(), supervisor);
        stopped.get(60, TimeUnit.SECONDS);
        double ms = (System.nanoTime() - sent) / 1e6;
        system.stop(worker);
        system.stop(supervisor);
        return ms;
    }

    /** Stands in for the supervisor: waits for the worker's report of the stopped trial. */
    static final class FailureCatcher extends AbstractActor {
        private final CompletableFuture<TrialFailed> stopped;

        FailureCatcher(CompletableFuture<TrialFailed> stopped) {
            this.stopped = stopped;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder().match(TrialFailed.class, stopped::complete).matchAny(m -> { }).build();
        }
    }

    private void memory(ImageData train) {
        System.out.printf(Locale.ROOT, "== RSS over %d build/train(3 steps)/close cycles, random cells, C=8 N=1 batch 64, "
                + "one long-lived thread%n", cycles);
        List<TrainingBenchmarks.RssSample> samples = TrainingBenchmarks.memoryCycles(train, cycles, 3, 50,
                s -> System.out.printf(Locale.ROOT, "cycle %4d: RSS %7.1f MiB, Java heap committed %7.1f MiB, rest (native) "
                        + "%7.1f MiB%n", s.cycle(), s.rssMiB(), s.heapCommittedMiB(), s.nativeMiB()));
        for (int from : new int[] {50, cycles / 2}) {
            SimpleRegression rss = new SimpleRegression();
            SimpleRegression rest = new SimpleRegression();
            samples.stream().filter(s -> s.cycle() >= from).forEach(s -> {
                rss.addData(s.cycle(), s.rssMiB());
                rest.addData(s.cycle(), s.nativeMiB());
            });
            System.out.printf(Locale.ROOT, "growth from cycle %d (least squares over %d samples): RSS %.3f MiB per cycle, "
                    + "of which outside the Java heap %.3f MiB per cycle%n", from, rss.getN(), rss.getSlope(), rest.getSlope());
        }
    }

    private static List<String> javaCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** One row block of the throughput grid, in a JVM started with the given thread count. */
    @Command(name = "throughput", hidden = true, description = "Throughput grid for one thread count (runs in a child JVM).")
    static final class Throughput implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Option(names = "--threads", required = true)
        int threads;

        @Option(names = "--quick")
        boolean quick;

        @Override
        public Integer call() {
            ProximaSettings config = options.load().settings();
            TrainingSetup.startEngine(config.training(), threads);
            ImageData train = TrainingSetup.trainingImages(config.training());
            Nb201Cell cell = new Nb201Space().parse(TrainingBenchmarks.REFERENCE_CELL);
            java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            for (int n : quick ? new int[] {1} : new int[] {1, 5}) {
                for (int c : quick ? new int[] {8} : new int[] {8, 16}) {
                    for (int batch : new int[] {64, 128}) {
                        long cpuBefore = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
                        double rate = TrainingBenchmarks.imagesPerSecond(train, cell, c, n, batch, 15, 40);
                        double cpu = (((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() - cpuBefore) / 1e9;
                        System.out.printf(Locale.ROOT, "%8d %4d %4d %6d %10.0f %12.3f%n", threads, c, n, batch, rate, cpu / 55);
                    }
                }
            }
            return 0;
        }
    }
}
