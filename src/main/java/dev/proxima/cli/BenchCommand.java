package dev.proxima.cli;

import picocli.CommandLine.Command;

/** {@code proxima bench}: measurements that are not tests. Run them on a quiet machine. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (not tests).",
        subcommands = {ActorsBench.class, ClusterBench.class, HttpBench.class, CrashBench.class, JournalBench.class, ReplayBench.class, TrainingBench.class, TrainingBench.Throughput.class, ParamsBench.class, ScorersBench.class, WorkersBench.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
