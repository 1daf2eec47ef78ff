package dev.proxima.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real training killed three times: {@code proxima search} trains one candidate for 4 epochs in a
 * child JVM, which is killed with SIGKILL as soon as each of epochs 1, 2 and 3 has its in-flight
 * checkpoint, and resumed each time. The trial in flight continues from its latest epoch, and
 * {@code trials.csv} says so.
 */
class TrainingResumeTest {
    @TempDir
    Path dir;

    @Test
    void aTrialInFlightContinuesFromItsLastEpochCheckpointAfterEachKill() throws Exception {
        Path conf = dir.resolve("tiny.conf");
        Files.writeString(conf, """
                proxima.search.budget { max-trials = 1, max-device-seconds = 0, max-wall-clock = 0s }
                proxima.worker.processes = in-process
                proxima.training { validation-size = 500, fidelity { epochs = 4, resolution = 14, data-fraction = 0.02, batch-size = 64 } }
                """);
        Path runs = dir.resolve("runs");
        Path log = dir.resolve("drill.log");
        Process p = CrashDrill.launch(log, List.of("search", "--config", conf.toString(), "--runs-dir", runs.toString()));
        Path run = null;
        for (int epoch = 1; epoch <= 3; epoch++) {
            run = await(runs, "trial-1-epoch-" + epoch + ".params", p, log);
            p.destroyForcibly();
            p.waitFor();
            p = CrashDrill.launch(log, List.of("search", "--resume", run.toString()));
        }
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the last resume finishes");
        assertEquals(0, p.exitValue(), Files.readString(log));
        List<String> trials = Files.readAllLines(run.resolve("trials.csv"));
        List<String> header = List.of(trials.get(0).split(","));
        String[] trial = trials.get(1).split(",");
        assertEquals("completed", trial[header.indexOf("status")]);
        assertEquals("4", trial[header.indexOf("attempts")], "three kills, four attempts");
        assertEquals(3.0, Double.parseDouble(trial[header.indexOf("continued_from_epoch")]),
                "the last attempt continued from epoch 3: " + trials.get(1));
        try (Stream<Path> left = Files.list(run.resolve("checkpoints"))) {
            assertEquals(List.of(), left.toList(), "the finished trial's in-flight checkpoints are gone");
        }
    }

    /** The run folder once {@code checkpoint} is in it. */
    private static Path await(Path runs, String checkpoint, Process p, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 300_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.isDirectory(runs)) {
                try (Stream<Path> found = Files.list(runs)) {
                    var run = found.filter(r -> Files.exists(r.resolve("checkpoints").resolve(checkpoint))).findFirst();
                    if (run.isPresent()) {
                        return run.get();
                    }
                }
            }
            if (!p.isAlive()) {
                throw new AssertionError("the search ended before " + checkpoint + ": " + Files.readString(log));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + checkpoint + " after 300 s: " + Files.readString(log));
    }
}
