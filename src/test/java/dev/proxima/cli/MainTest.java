package dev.proxima.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    private static Cli.Result run(String... args) {
        return Cli.run(args);
    }

    private static void assertOneLine(String err, String start) {
        assertTrue(err.startsWith(start), err);
        assertEquals(1, err.strip().lines().count(), err);
    }

    @Test
    void replayPrintsATableAndWritesTheCsv() throws Exception {
        Path csv = dir.resolve("report.csv");
        Cli.Result r = run("replay", "--seeds", "3", "--controller", "random", "--budget-seconds", "2000", "--csv", csv.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("random"), r.out());
        assertEquals(3, Files.readAllLines(csv).size(), "header plus checkpoints 1000 and 2000");
    }

    @Test
    void replaySaysWhenTheBudgetRanOutAndShowsOnlyTopTierScores() {
        Cli.Result r = run("replay", "--seeds", "2", "--controller", "random", "--workers", "8");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("random: the budget ran out at "), r.out());
        Cli.Result ladder = run("replay", "--seeds", "2", "--controller", "", "--budget-seconds", "300", "--pipeline",
                "conf/nb201-synflow-rea.conf");
        assertEquals(0, ladder.code(), ladder.err());
        // at 300 s some runs have no 12-epoch result yet: the column shows hp12 scores, never a synflow value
        java.util.regex.Pattern score = java.util.regex.Pattern.compile(" (\\S+) \\(hp12\\) ");
        List<String> rows = ladder.out().lines().filter(l -> l.startsWith("nb201-synflow-rea ")).toList();
        assertEquals(1, rows.size(), ladder.out());
        for (String row : rows) {
            java.util.regex.Matcher m = score.matcher(row);
            assertTrue(m.find(), row);
            assertTrue(m.group(1).equals("-") || Double.parseDouble(m.group(1)) <= 100, "an accuracy or '-': " + row);
        }
    }

    @Test
    void rankComparesTableColumnsWithGroundTruthAndWritesCsvAndJson() throws Exception {
        Path csv = dir.resolve("rank.csv");
        Path json = dir.resolve("rank.json");
        Cli.Result r = run("rank", "--sample", "300", "--proxy", "table:val_acc_12,table:params_mb", "--truth",
                "test_acc_200,val_acc_12", "--csv", csv.toString(), "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(5, lines.size(), "header plus 2 proxies x 2 truths");
        String self = lines.stream().filter(l -> l.startsWith("table:val_acc_12,table,val_acc_12,")).findFirst().orElseThrow();
        assertTrue(self.contains(",1.000000,1.000000,"), "a column agrees with itself: " + self);
        double rho = Double.parseDouble(lines.stream().filter(l -> l.startsWith("table:val_acc_12,table,test_acc_200,"))
                .findFirst().orElseThrow().split(",")[5]);
        // 0.772 over all 15,625 cells (the data README's 0.87 is test_acc_12's)
        assertTrue(rho > 0.6 && rho < 0.85, "12-epoch validation vs 200-epoch test accuracy: " + rho);
        assertTrue(Files.readString(json).contains("\"kendall\""));
    }

    @Test
    void dpsSearchesEproxySettingsAndRankScoresTheWinnerFromItsFile() throws Exception {
        Path out = dir.resolve("dps.json");
        Cli.Result r = run("dps", "--configs", "2", "--population", "2", "--tournament", "1", "--fitness-archs", "4",
                "--held-out", "4", "--channels", "16", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("best setting #"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("eproxy+dps ") && l.contains(" 4 ")), r.out());
        JsonObject doc = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertEquals(2, doc.getAsJsonArray("history").size());
        assertTrue(doc.getAsJsonObject("held_out").has("eproxy+dps"), doc.toString());
        Cli.Result rank = run("rank", "--sample", "4", "--proxy", "eproxy:" + out);
        assertEquals(0, rank.code(), rank.err());
        // The file name is longer than the default proxy column: the header widens so the columns stay aligned.
        String header = rank.out().lines().filter(l -> l.startsWith("proxy ")).findFirst().orElseThrow();
        String row = rank.out().lines().filter(l -> l.startsWith("eproxy:" + out + " ")).findFirst().orElseThrow();
        assertEquals(header.length(), row.length(), rank.out());
        Path missing = dir.resolve("missing.json");
        Cli.Result bad = run("rank", "--sample", "4", "--proxy", "eproxy:" + missing);
        assertEquals(2, bad.code());
        assertOneLine(bad.err(), "proxima: error: --proxy eproxy: " + missing + ": no such file");
    }

    @Test
    void aFusedSearchPrintsTheEvidenceOfItsAnswerAndTheJournalRebuildsIt() throws Exception {
        Path runs = dir.resolve("fused");
        Cli.Result r = run("search", "--evaluator", "replay", "--config", "conf/nb201-fusion-rea.conf", "--budget-seconds", "3000",
                "--speedup", "100000", "--runs-dir", runs.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("fusion: rank-vote(synflow, naswot, hp12; tier weights) deciding the answer (at hp12), "
                + "the reward"), r.out());
        String evidence = r.out().lines().filter(l -> l.startsWith("  evidence: ")).findFirst().orElseThrow(() ->
                new AssertionError(r.out()));
        assertTrue(evidence.matches("  evidence: synflow \\S+ \\(percentile [01]\\.\\d+ of \\d+\\), naswot \\S+ \\(percentile "
                + "[01]\\.\\d+ of \\d+\\), hp12 \\S+ \\(percentile [01]\\.\\d+ of \\d+\\) -> fused [01]\\.\\d+"), evidence);
        try (var folders = Files.list(runs)) {
            Path run = folders.findFirst().orElseThrow();
            List<String> trials = Files.readAllLines(run.resolve("trials.csv"));
            assertTrue(trials.get(0).contains(",naswot,fused,"), trials.get(0));
            assertEquals(Files.readString(run.resolve("trials.csv")), run("export", run.toString()).out(),
                    "fused scores follow from the journal alone");
            assertTrue(run("status", run.toString()).out().contains(evidence), "status names the same evidence");
        }
    }

    @Test
    void theRankVoteOfTwelveEpochAccuracyAndNaswotRanksBetterThanEitherAlone() {
        Cli.Result r = run("rank", "--sample", "500", "--proxy", "table:val_acc_12,table:naswot,vote:table:val_acc_12+table:naswot");
        assertEquals(0, r.code(), r.err());
        double[] spearman = r.out().lines().filter(l -> l.startsWith("table:") || l.startsWith("vote:"))
                .mapToDouble(l -> Double.parseDouble(l.trim().split("\\s+")[3])).toArray();
        assertEquals(3, spearman.length, r.out());
        assertTrue(spearman[2] > Math.max(spearman[0], spearman[1]) + 0.05, r.out());
    }

    @Test
    void replayOfTheLearningCurveSubsetReportsEachRunsFinalCurveValue() {
        Cli.Result r = run("replay", "--config", "conf/nb201-curves.conf", "--controller", "random", "--seeds", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("result curve_final"), r.out());
    }

    @Test
    void searchWithFourWorkersPrintsTheBestArchitectureAndWhereItsResultsAre() throws Exception {
        Cli.Result r = run("search", "--evaluator", "replay", "--max-trials", "40", "--budget-seconds", "0", "--speedup", "100000", "--runs-dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4 workers"), r.out());
        assertTrue(r.out().contains("best architecture: |"), r.out());
        try (var runs = Files.list(dir)) {
            Path run = runs.findFirst().orElseThrow();
            List<String> trials = Files.readAllLines(run.resolve("trials.csv"));
            assertEquals(40, trials.stream().filter(t -> t.contains(",completed,")).count(), "40 evaluations");
            assertEquals(trials.size() - 1, trials.stream().filter(t -> t.matches("\\d+,(completed|reused),.*")).count(),
                    "every trial ended with a score");
            assertTrue(Files.readString(run.resolve("summary.txt")).contains("best architecture"));
            assertTrue(Files.readAllLines(run.resolve("events.log")).size() >= 81);
            Cli.Result status = run("status", run.toString());
            assertEquals(0, status.code(), status.err());
            String best = Files.readAllLines(run.resolve("summary.txt")).stream().filter(l -> l.startsWith("best architecture"))
                    .findFirst().orElseThrow();
            assertTrue(status.out().contains(best), "status rebuilt from the journal names the same best: " + status.out());
            assertTrue(status.out().contains(": finished,"), status.out());
            Cli.Result csv = run("export", run.toString());
            assertEquals(Files.readString(run.resolve("trials.csv")), csv.out(), "the journal rebuilds trials.csv exactly");
            Path json = dir.resolve("trials.json");
            assertEquals(0, run("export", run.toString(), "--format", "json", "--out", json.toString()).code());
            assertEquals(trials.size() - 1, JsonParser.parseString(Files.readString(json)).getAsJsonObject()
                    .getAsJsonArray("trials").size());
            try (dev.proxima.journal.SqliteJournal journal = dev.proxima.journal.SqliteJournal.open(run.resolve("journal.db"))) {
                assertEquals(Files.readAllLines(run.resolve("events.log")).size(), journal.events().size(),
                        "every event is in the journal too");
                assertTrue(journal.config().contains("max-trials = 40") || journal.config().contains("max-trials=40"),
                        journal.config());
            }
        }
    }

    @Test
    void aSearchJournaledInPostgresqlIsReadAndRefusedForResumeByItsRunId() throws Exception {
        dev.proxima.journal.PostgresJournal.Server pg = dev.proxima.testing.Postgres.server();
        Path conf = dir.resolve("pg.conf");
        Files.writeString(conf, "proxima.journal { store = postgresql, postgresql { url = \"" + pg.url()
                + "\", user = " + pg.user() + ", password = \"secret-not-stored\" } }\n");
        Cli.Result r = run("search", "--evaluator", "replay", "--max-trials", "30", "--budget-seconds", "0", "--speedup",
                "100000", "--runs-dir", dir.resolve("runs").toString(), "--config", conf.toString());
        assertEquals(0, r.code(), r.err());
        Path folder;
        try (var runs = Files.list(dir.resolve("runs"))) {
            folder = runs.findFirst().orElseThrow();
        }
        assertFalse(Files.exists(folder.resolve("journal.db")), "the journal is on the server, not in the folder");
        String id = "postgresql:" + folder.getFileName();
        Cli.Result status = run("status", id, "--config", conf.toString());
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().startsWith(id + ": finished,"), status.out());
        Cli.Result csv = run("export", id, "--config", conf.toString());
        assertEquals(Files.readString(folder.resolve("trials.csv")), csv.out(), "the server's journal rebuilds trials.csv");
        Cli.Result resume = run("search", "--resume", id, "--config", conf.toString());
        assertEquals(2, resume.code());
        assertOneLine(resume.err(), "proxima: error: " + id + ": the search finished already (trials budget used up)");
        try (dev.proxima.journal.EventJournal journal = dev.proxima.journal.PostgresJournal.open(pg,
                folder.getFileName().toString())) {
            assertFalse(journal.config().contains("secret-not-stored"), "no password in the stored configuration");
        }
    }

    @Test
    void aBadTableInAConfigFileNamesFileLineAndColumn() throws Exception {
        Path table = dir.resolve("t.csv");
        Files.writeString(table, "index,arch,val_acc_12,test_acc_200\n0,000000,x,1\n");
        Path conf = dir.resolve("my.conf");
        Files.writeString(conf, "proxima.replay.table { file = \"" + table + "\", metric-columns = [test_acc_200], "
                + "score-columns = [], fidelities = [{name = hp12, epochs = 12, column = val_acc_12}] }\n");
        Cli.Result r = run("replay", "--seeds", "1", "--config", conf.toString());
        assertEquals(2, r.code());
        assertOneLine(r.err(), "proxima: error: " + table + " line 2, column 'val_acc_12': 'x' is not a number");
    }

    @Test
    void aBadValueInAConfigFileNamesTheKeyAndTheFileLine() throws Exception {
        Path conf = dir.resolve("evo.conf");
        Files.writeString(conf, "proxima.search {\n  evolution.population-size = 0\n}\n");
        Cli.Result r = run("replay", "--seeds", "1", "--controller", "regularized-evolution", "--config", conf.toString());
        assertEquals(2, r.code());
        assertOneLine(r.err(), "proxima: error: proxima.search.evolution.population-size (" + conf + ": 2): must be >= 1, got 0");
    }

    @Test
    void versionAndHelpWork() {
        assertEquals(0, run("--version").code());
        assertEquals(0, run("replay", "--help").code());
    }
}
