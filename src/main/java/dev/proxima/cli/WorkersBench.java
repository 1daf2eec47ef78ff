package dev.proxima.cli;

import dev.proxima.cluster.ResidentMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code proxima bench workers}: the resident memory of the worker JVMs of a long real-training
 * {@code proxima search}, with recycling after N trials and without it.
 */
@Command(name = "workers", mixinStandardHelpOptions = true,
        description = {"Resident memory (RSS) of the worker JVMs over a --trials real-training search with one worker JVM "
                + "per device (tiny candidates: C=4, 1 cell, 14 px, 2% of Fashion-MNIST, 1 epoch), sampled every second, "
                + "for each --max-trials-per-process value (0 = never recycled)."})
final class WorkersBench implements Callable<Integer> {
    @Option(names = "--trials", description = "trials per search (default: 3000)")
    long trials = 3000;

    @Option(names = "--devices", split = ",", description = "devices, one worker JVM each (default: cpu:0,cpu:1)")
    List<String> devices = List.of("cpu:0", "cpu:1");

    @Option(names = "--max-trials-per-process", split = ",", description = "settings to compare (default: 250,0)")
    List<Integer> settings = List.of(250, 0);

    /** A worker JVM's RSS samples, in MiB. */
    private record Life(long pid, List<Long> rss) {}

    @Override
    public Integer call() throws Exception {
        Args.atLeast("--trials", trials, 1);
        Args.allAtLeast("--max-trials-per-process", settings, 0);
        System.out.printf(Locale.ROOT, "worker JVM memory over a %d-trial real-training search, devices %s%n", trials, devices);
        System.out.printf(Locale.ROOT, "%24s %8s %8s %14s %16s %22s%n", "max-trials-per-process", "wall s", "JVMs",
                "max RSS MiB", "median end MiB", "longest life MiB");
        for (int max : settings) {
            try (TemporaryFolder dir = new TemporaryFolder("proxima-bench-workers")) {
                measure(max, dir.path());
            }
        }
        return 0;
    }

    private void measure(int maxTrials, Path dir) throws IOException, InterruptedException {
        Path conf = dir.resolve("tiny.conf");
        Files.writeString(conf, """
                proxima.search.budget { max-trials = %d, max-device-seconds = 0, max-wall-clock = 0s }
                # every trial trained: no isomorphic duplicate reuses an earlier result
                proxima.search.dedup = off
                proxima.worker { processes = per-device, devices = [%s] }
                proxima.cluster.max-trials-per-process = %d
                proxima.supervisor.report-interval = 1h
                proxima.training { validation-size = 200, cpu-threads = 1, checkpoint-every = 0,
                  fidelity { initial-channels = 4, cells-per-stage = 1, epochs = 1, resolution = 14, data-fraction = 0.02 } }
                """.formatted(trials, String.join(", ", devices.stream().map(d -> "\"" + d + "\"").toList()), maxTrials));
        long start = System.nanoTime();
        Process search = new ProcessBuilder(WorkerJvms.proxima(List.of("search", "--config", conf.toString(), "--runs-dir",
                dir.resolve("runs").toString()))).redirectErrorStream(true).redirectOutput(dir.resolve("search.log").toFile())
                .start();
        Map<Long, Life> lives = new LinkedHashMap<>();
        while (!search.waitFor(1, TimeUnit.SECONDS)) {
            search.descendants().forEach(p -> {
                long rss = ResidentMemory.mib(p.pid());
                if (rss > 0) {
                    lives.computeIfAbsent(p.pid(), id -> new Life(id, new ArrayList<>())).rss().add(rss);
                }
            });
        }
        double wall = (System.nanoTime() - start) / 1e9;
        if (search.exitValue() != 0) {
            throw new IllegalStateException("the search failed (exit " + search.exitValue() + "): "
                    + Files.readString(dir.resolve("search.log")).lines().reduce((a, b) -> b).orElse(""));
        }
        long maxRss = lives.values().stream().flatMap(l -> l.rss().stream()).mapToLong(Long::longValue).max().orElse(0);
        double[] ends = lives.values().stream().mapToDouble(l -> l.rss().get(l.rss().size() - 1)).toArray();
        Life longest = lives.values().stream().max((a, b) -> Integer.compare(a.rss().size(), b.rss().size())).orElseThrow();
        System.out.printf(Locale.ROOT, "%24d %8.0f %8d %14d %16.0f %22s%n", maxTrials, wall, lives.size(), maxRss,
                org.apache.commons.math3.stat.StatUtils.percentile(ends, 50), longest.rss().get(Math.min(5,
                        longest.rss().size() - 1)) + " -> " + longest.rss().get(longest.rss().size() - 1) + " (" + longest.rss().size()
                        + " s)");
    }
}
