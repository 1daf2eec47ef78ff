package dev.proxima.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.bpe.StudyTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole {@code proxima bpe} study with real training, shrunk to seconds: ground truth, MIP over
 * the workers, the held-out check; then the same study again, read from the evaluation cache
 * without training anything; then MIP replayed over the study's table.
 */
class BpeStudyTest {
    @TempDir
    Path dir;

    private static Cli.Result run(String... args) {
        return Cli.run(args);
    }

    @Test
    void aStudyRunsOnTheWorkersIsCachedAndReplays() throws Exception {
        Path conf = Files.writeString(dir.resolve("tiny.conf"), """
                proxima.training { validation-size = 300, fidelity { initial-channels = 2, resolution = 7 } }
                proxima.bpe {
                  architectures = 4
                  held-out = 3
                  space { epochs = [1], batch-size = [128, 256], learning-rate = [0.1, 0.2], initial-channels = [],
                          resolution = [], data-fraction = [0.005, 0.01] }
                  truth.fidelity { epochs = 1, data-fraction = 0.02, initial-channels = 2, resolution = 7 }
                  settings-per-round = 2
                  trees = 20
                  compare = [{ name = smaller, data-fraction = 0.005 }]
                }
                """);
        Path runs = dir.resolve("runs");
        Cli.Result first = run("bpe", "--config", conf.toString(), "--runs-dir", runs.toString());
        assertEquals(0, first.code(), first.err() + first.out());
        assertTrue(first.out().contains("round 1: "), first.out());
        assertTrue(first.out().contains("answer: "), first.out());
        assertTrue(first.out().contains("held-out check on 3 other architectures"), first.out());
        assertTrue(first.out().contains("smaller (c8r4s200e"), "the comparison's epochs are matched: " + first.out());
        assertTrue(evaluations(first.out()).size() >= 4 + 2, "settings and held-out proxies: " + first.out());

        Path study = onlyStudy(runs);
        StudyTable table = StudyTable.read(study.resolve("study.csv"));
        assertTrue(table.rows().stream().filter(r -> r.set().equals(StudyTable.HELD_OUT)).count() == 3, "the answer's "
                + "held-out rows are in the table");
        assertTrue(Files.readString(study.resolve("answer.conf")).contains("{ name = bpe, "));
        assertTrue(Files.readString(study.resolve("rounds.csv")).startsWith("round,parameter,fanova,permutation,pruned,fixed_at\n"));

        Cli.Result again = run("bpe", "--config", conf.toString(), "--runs-dir", runs.toString());
        assertEquals(0, again.code(), again.err());
        List<String> evaluations = evaluations(again.out());
        assertEquals(evaluations(first.out()).size(), evaluations.size());
        assertTrue(evaluations.stream().allMatch(l -> l.endsWith("(cached)")), "nothing is trained twice: " + again.out());
        assertTrue(again.out().contains("s per architecture (cached)"), "nor the ground truth: " + again.out());
        assertEquals(answer(first.out()), answer(again.out()));

        Cli.Result replay = run("bpe", "--replay", study.resolve("study.csv").toString(), "--seeds", "3", "--config", conf.toString());
        assertEquals(0, replay.code(), replay.err());
        assertEquals(3, replay.out().lines().filter(l -> l.matches("seed \\d+: e1-bs\\d+-lr[0-9.]+-f[0-9.]+ \\(rho .*")).count(),
                "each seed answers with a setting of the study's space: " + replay.out());
        assertTrue(replay.out().lines().anyMatch(l -> l.matches("the same setting in [123] of 3 seeds: e1-.*")), replay.out());
    }

    @Test
    void theGroundTruthCanBeATableColumn() throws Exception {
        Path conf = Files.writeString(dir.resolve("table-truth.conf"), """
                proxima.training { validation-size = 300, fidelity { initial-channels = 2, resolution = 7, epochs = 1 } }
                proxima.bpe {
                  architectures = 3
                  held-out = 0
                  space { epochs = [], batch-size = [], learning-rate = [], initial-channels = [], resolution = [],
                          data-fraction = [0.005, 0.01] }
                  truth { source = table, column = test_acc_200 }
                }
                """);
        Cli.Result r = run("bpe", "--config", conf.toString(), "--runs-dir", dir.resolve("runs").toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("ground truth: column test_acc_200 of "), r.out());
        assertTrue(r.out().contains("device-hours: ground truth 0.00"), "nothing was trained for the truth: " + r.out());
        StudyTable table = StudyTable.read(onlyStudy(dir.resolve("runs")).resolve("study.csv"));
        assertEquals(2 * 3, table.rows().size(), "two settings on three cells");
        assertTrue(table.rows().stream().allMatch(row -> row.truth() > 10 && row.truth() < 100), "CIFAR-10 accuracies");
    }

    @Test
    void theBundledStudyTableReplaysWithItsOwnSpace() {
        Cli.Result r = run("bpe", "--replay", "data/bpe/fashion-study.csv", "--seeds", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(": 43 settings of epochs [1, 2, 3]; batch-size [64, 128, 256]"), r.out());
        assertEquals(2, r.out().lines().filter(l -> l.startsWith("seed ")).count(), r.out());
        assertTrue(r.out().contains("round 1: "), "the first seed's rounds are shown: " + r.out());
    }

    /** The lines of evaluations: MIP's settings (before its summary) and the held-out check's proxies. */
    private static List<String> evaluations(String out) {
        List<String> lines = out.lines().toList();
        int summary = lines.indexOf(lines.stream().filter(l -> l.startsWith("MIP ended")).findFirst().orElseThrow());
        int heldOut = lines.indexOf(lines.stream().filter(l -> l.startsWith("held-out check")).findFirst().orElseThrow());
        List<String> out1 = new java.util.ArrayList<>(lines.subList(0, summary));
        out1.addAll(lines.subList(heldOut, lines.size()));
        return out1.stream().filter(l -> l.startsWith("  ") && l.contains(" rho ") && l.contains("s/arch")).toList();
    }

    private static String answer(String out) {
        return out.lines().filter(l -> l.startsWith("answer: ")).findFirst().orElseThrow();
    }

    private static Path onlyStudy(Path runs) throws Exception {
        try (Stream<Path> s = Files.list(runs)) {
            List<Path> studies = s.filter(p -> p.getFileName().toString().endsWith("-bpe")).toList();
            assertEquals(1, studies.size(), studies.toString());
            return studies.get(0);
        }
    }
}
