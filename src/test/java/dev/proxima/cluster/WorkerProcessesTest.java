package dev.proxima.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import dev.proxima.journal.EventJournal;
import dev.proxima.journal.SqliteJournal;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchEvent.TrialAssigned;
import dev.proxima.search.SearchEvent.TrialCompleted;
import dev.proxima.search.SearchEvent.TrialProposed;
import dev.proxima.training.DjlEngines;
import dev.proxima.training.TrainingMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code proxima search} with real training and one worker JVM per device: the workers are
 * recycled after every trial, so each promotion runs in another JVM than its lower tier and must
 * resume from that tier's checkpoint in the run folder, and each worker JVM loads the libtorch that
 * {@code PYTORCH_LIBRARY_PATH} names and says so.
 */
class WorkerProcessesTest {
    @Test
    void workerJvmsAreRecycledAndAPromotionOnAnotherJvmResumesFromTheCheckpoint(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("tiny.conf");
        Files.writeString(conf, """
                proxima.search.budget { max-trials = 6, max-device-seconds = 0, max-wall-clock = 0s }
                proxima.search.promotion { rule = asha, eta = 2 }
                proxima.worker { processes = per-device, devices = ["cpu:0", "cpu:1"], retry-interval = 500ms }
                proxima.cluster.max-trials-per-process = 1
                proxima.training {
                  validation-size = 300
                  cpu-threads = 1
                  fidelity { initial-channels = 4, cells-per-stage = 1, resolution = 14, data-fraction = 0.02,
                             batch-size = 64, schedule-epochs = 2 }
                  ladder = [ { name = e1, epochs = 1 }, { name = e2, epochs = 2 } ]
                }
                """);
        // the GPU launch path without a GPU: the worker JVMs load libtorch from PYTORCH_LIBRARY_PATH (here the
        // CPU build, linked into a folder of its own) with the JNI library of PYTORCH_FLAVOR from the jar, offline
        Engine engine = DjlEngines.start("PyTorch", 1);
        assertTrue(DjlEngines.describe(engine).contains("(bundled CPU build)"), DjlEngines.describe(engine));
        Path libtorch = Files.createDirectory(dir.resolve("libtorch"));
        try (Stream<Path> files = Files.list(Path.of(ai.djl.pytorch.jni.LibUtils.getLibtorchPath()))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                link(f, libtorch.resolve(f.getFileName()));
            }
        }
        Path runs = dir.resolve("runs");
        try (Node search = Node.start(dir, "search", Map.of("PYTORCH_LIBRARY_PATH", libtorch.toString(),
                "PYTORCH_FLAVOR", "cpu"), "search", "--config", conf.toString(), "--runs-dir", runs.toString())) {
            assertEquals(Optional.of(0), search.waitFor(400_000), search.output());
            String out = search.output();
            assertTrue(out.contains("workers: one JVM per device"), out);
            Path run;
            try (Stream<Path> found = Files.list(runs)) {
                run = found.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            List<SearchEvent> events;
            try (EventJournal j = SqliteJournal.open(run.resolve("journal.db"))) {
                events = j.events();
            }
            Map<Long, String> ranOn = new HashMap<>();
            Map<Long, Long> promotedFrom = new HashMap<>();
            Map<Long, Map<String, Double>> metrics = new HashMap<>();
            for (SearchEvent e : events) {
                if (e instanceof TrialAssigned a) {
                    ranOn.put(a.trialId(), a.workerId());
                } else if (e instanceof TrialProposed p && p.promotedFrom() > 0) {
                    promotedFrom.put(p.trialId(), p.promotedFrom());
                } else if (e instanceof TrialCompleted c) {
                    metrics.put(c.trialId(), c.metrics());
                }
            }
            assertTrue(ranOn.values().stream().distinct().count() >= 3,
                    "each device had more than one worker JVM (recycled after every trial): " + ranOn.values());
            // a JVM runs one trial and leaves, so a promotion never runs where its lower tier ran (which JVM
            // picks it up is the scheduler's choice, hence recycling after every trial rather than after a few)
            long resumed = promotedFrom.keySet().stream()
                    .filter(metrics::containsKey)
                    .peek(t -> assertEquals(1.0, metrics.get(t).get(TrainingMetrics.RESUMED),
                            "trial " + t + " promoted from " + promotedFrom.get(t) + " in a fresh JVM did not resume: "
                                    + ranOn))
                    .count();
            assertTrue(resumed >= 1, "no promotion completed: " + promotedFrom + " " + ranOn);
            String worker = Files.readString(run.resolve("workers").resolve("worker-cpu-0.log"));
            assertTrue(worker.contains("libtorch " + libtorch + " (PYTORCH_LIBRARY_PATH), flavor cpu"), worker);
            assertTrue(worker.contains("devices cpu:0 = cpu()"), worker);
        }
    }

    /** A hard link where the file system allows it (the CPU libtorch is 450 MB), else a copy. */
    private static void link(Path from, Path to) throws java.io.IOException {
        try {
            Files.createLink(to, from);
        } catch (java.io.IOException | UnsupportedOperationException e) {
            Files.copy(from, to);
        }
    }
}
