package dev.proxima.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.proxima.config.ConfigKeys;
import dev.proxima.config.ProximaConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.journal.SqliteJournal;
import dev.proxima.replay.Simulator;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchSettings;
import dev.proxima.space.nb201.Nb201Space;
import dev.proxima.testing.Tables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Bad input across every command: each case must exit with its code, print exactly one line on
 * stderr that says what is wrong and where, print no stack trace, create no run folder and leave
 * an existing run untouched. Placeholders in arguments: {@code {conf:TEXT}} is a config file
 * holding TEXT ({@code \n} for new lines), {@code {dir}} a folder, {@code {file}} a plain file,
 * {@code {binary}} a table file of binary bytes.
 */
class BadInputTest {
    private static Path home;
    private static Path runs;
    private static Map<String, String> before;
    private static Path journals;
    private static Map<String, String> journalsBefore;

    @BeforeAll
    static void setUp() throws IOException {
        home = Files.createTempDirectory("proxima-bad-input");
        runs = home.resolve("runs");
        Path existing = Files.createDirectories(runs.resolve("20260101-000000-search"));
        Files.writeString(existing.resolve("trials.csv"), "trial_id,status\n1,completed\n");
        Files.writeString(existing.resolve("summary.txt"), "best architecture: |none~0|\n");
        Files.writeString(home.resolve("plain.txt"), "not a config\n");
        byte[] binary = new byte[512];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 37);
        }
        Files.write(home.resolve("binary.csv"), binary);
        before = checksums(runs);
        journals = Files.createDirectories(home.resolve("journals"));
        writeJournals();
        journalsBefore = checksums(journals);
        System.setProperty("proxima.runs-dir", runs.toString());
        ConfigFactory.invalidateCaches();
    }

    /**
     * Journals to resume: {@code finished} (a replay that spent its 30-trial budget), {@code
     * unfinished} (its first half, as a kill would leave it) and {@code truncated} (half its bytes).
     */
    private static void writeJournals() throws IOException {
        ProximaSettings config = ProximaConfig.load(Optional.empty()).with(ConfigKeys.EVALUATOR, "replay")
                .with(ConfigKeys.REPLAY_BUDGET + "." + ConfigKeys.MAX_TRIALS, 30)
                .with(ConfigKeys.REPLAY_BUDGET + "." + ConfigKeys.MAX_DEVICE_SECONDS, 0).settings();
        SearchSettings settings = config.searchSettings();
        List<SearchEvent> history = new Simulator(new Nb201Space(), Tables.nb201Replay(),
                config.strategies(new Nb201Space(), settings.ladder()), settings, 1, "test_acc_200").run(1).core().history();
        for (String name : List.of("finished", "unfinished")) {
            Path dir = Files.createDirectories(journals.resolve(name));
            try (SqliteJournal j = SqliteJournal.create(dir.resolve("journal.db"), config.proximaText(), "test")) {
                j.append(name.equals("finished") ? history : history.subList(0, history.size() / 2));
            }
        }
        byte[] whole = Files.readAllBytes(journals.resolve("finished/journal.db"));
        Files.createDirectories(journals.resolve("truncated"));
        Files.write(journals.resolve("truncated/journal.db"), java.util.Arrays.copyOf(whole, whole.length / 2));
    }

    @AfterAll
    static void tearDown() throws IOException {
        System.clearProperty("proxima.runs-dir");
        ConfigFactory.invalidateCaches();
        assertEquals(before, checksums(runs), "the existing run and the runs folder are unchanged");
    }

    record Case(String name, int code, String expected, String... args) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // cluster nodes: refused before any node starts
                new Case("join address without a port", 2, "--join: '127.0.0.1' is not HOST:PORT", "worker", "--join",
                        "127.0.0.1"),
                new Case("join port out of range", 2, "--join: port 70000 of '127.0.0.1:70000' is not in 1..65535", "worker",
                        "--join", "127.0.0.1:70000"),
                new Case("supervisor run id", 2, "--run: 'a/b' is not a run id (1 to 40 letters, digits, '-' or '_')",
                        "supervisor", "--run", "a/b"),
                new Case("seed node not HOST:PORT", 2, "proxima.cluster.seed-nodes (command line): 'x:y' has no port number "
                        + "after the colon", "supervisor", "--run", "r", "--seed-nodes", "x:y"),
                new Case("tls without its key store", 2, ": TLS is enabled, so it needs this node's key store (proxima certs "
                        + "makes one)", "supervisor", "--run", "r", "--config", "{conf:proxima.cluster.tls.enabled = true}"),
                new Case("tls with a missing trust store", 2, "proxima.cluster.tls.trust-store ({conf1}: 1): nowhere.p12 is "
                        + "not a readable file", "worker", "--join", "127.0.0.1:25520", "--config",
                        "{conf:proxima.cluster.tls { enabled = true, key-store = " + "\"pom.xml\", trust-store = nowhere.p12 }}"),
                new Case("certs node names", 2, "--nodes: names must differ and not be 'ca' or 'truststore'", "certs",
                        "--out", "{home}/certs", "--nodes", "a,a"),
                // typos and unknown keys
                new Case("typo in a key", 2, "proxima.search.controler ({conf1}: 1): unknown key; did you mean "
                        + "proxima.search.controller?", "search", "--config", "{conf:proxima.search.controler = random}"),
                new Case("unknown key in replay", 2, "proxima.replay.seedz ({conf1}: 1): unknown key; did you mean "
                        + "proxima.replay.seeds?", "replay", "--config", "{conf:proxima.replay.seedz = 3}"),
                new Case("a group set as a value", 2, "proxima.search.stopping ({conf1}: 1): is a group of settings",
                        "replay", "--config", "{conf:proxima.search.stopping = asha}"),
                new Case("unknown key of a ladder tier", 2, "proxima.training.ladder[1].epoch ({conf1}: 1): unknown key; "
                        + "did you mean epochs?", "search", "--config", "{conf:proxima.training.ladder = [{name = a, epoch = 3}]}"),
                new Case("unknown key of a table fidelity", 2, "proxima.replay.table.fidelities[1].colum", "replay", "--config",
                        "{conf:proxima.replay.table.fidelities = [{name = hp12, epochs = 12, colum = val_acc_12}]}"),
                new Case("HOCON syntax error", 2, "{conf1}: 2: expecting a close", "replay", "--config", "{conf:proxima.search {}"),
                new Case("a number that is text", 2, "proxima.search.seed has type STRING rather than NUMBER", "replay",
                        "--config", "{conf:proxima.search.seed = abc}"),
                // config files themselves
                new Case("config file missing", 2, "config file {home}/nope.conf does not exist", "replay", "--config",
                        "{home}/nope.conf"),
                new Case("config file is a directory", 2, "config file {home} is a directory", "replay", "--config", "{home}"),
                // budgets
                new Case("negative replay budget flag", 2, "proxima.replay.budget.max-device-seconds (command line): "
                        + "must be >= 0 (0 = no limit), got -5.0", "replay", "--budget-seconds", "-5"),
                new Case("negative trial budget flag", 2, "proxima.search.budget.max-trials (command line): must be >= 0 "
                        + "(0 = no limit), got -1", "search", "--max-trials", "-1"),
                new Case("negative wall clock", 2, "proxima.search.budget.max-wall-clock ({conf1}: 1): must be >= 0 (0s = "
                        + "no limit), got -5m", "search", "--config", "{conf:proxima.search.budget.max-wall-clock = -5m}"),
                new Case("no budget at all", 2, "proxima.replay.budget (command line): a search needs at least one budget limit",
                        "replay", "--budget-seconds", "0"),
                new Case("wall clock that is not a duration", 2, "max-wall-clock", "search", "--evaluator", "replay",
                        "--wall-clock", "banana"),
                // strategy
                new Case("unknown controller flag", 2, "proxima.search.controller (command line): 'randm' is not one of "
                        + "random, regularized-evolution, reinforce or econas; did you mean 'random'?", "replay", "--controller",
                        "randm"),
                new Case("unknown controller in training mode", 2, "proxima.search.controller ({conf1}: 1): 'bogus' is not "
                        + "one of", "search", "--config", "{conf:proxima.search.controller = bogus}"),
                new Case("population size 0", 2, "proxima.search.evolution.population-size ({conf1}: 2): must be >= 1, got 0",
                        "replay", "--config", "{conf:proxima.search {\\n  evolution.population-size = 0\\n}}"),
                new Case("unknown stopping rule", 2, "proxima.search.stopping.rule ({conf1}: 1): 'patience' is not one of",
                        "search", "--config", "{conf:proxima.search.stopping.rule = patience}"),
                new Case("unknown promotion rule", 2, "proxima.search.promotion.rule ({conf1}: 1): 'ashaa' is not one of "
                        + "none or asha; did you mean 'asha'?", "replay", "--config", "{conf:proxima.search.promotion.rule = ashaa}"),
                new Case("promotion eta 1", 2, "proxima.search.promotion.eta ({conf1}: 1): must be > 1, got 1.0", "search",
                        "--config", "{conf:proxima.search.promotion.eta = 1}"),
                new Case("stopping eta 0.5", 2, "proxima.search.stopping.eta ({conf1}: 1): must be > 1, got 0.5", "replay",
                        "--config", "{conf:proxima.search.stopping.eta = 0.5}"),
                new Case("quantile 1.5", 2, "proxima.search.stopping.quantile ({conf1}: 1): must be in (0, 1), got 1.5",
                        "search", "--config", "{conf:proxima.search.stopping.quantile = 1.5}"),
                new Case("reinforce momentum 1", 2, "proxima.search.reinforce.ema-momentum ({conf1}: 1): must be in [0, 1)",
                        "replay", "--config", "{conf:proxima.search.reinforce.ema-momentum = 1}"),
                new Case("econas quotas that do not fit the ladder", 2, "proxima.search.econas (defaults): the ladder has 1 tiers (hp12)", "search",
                        "--evaluator", "replay", "--controller", "econas", "--config", "{conf:proxima.search.promotion.rule = none}"),
                // evidence fusion
                new Case("fusion evidence that is neither a tier nor a score column", 2, "proxima.search.fusion.evidence "
                        + "({conf1}: 1): 'naswott' is neither a tier of the ladder (hp12) nor one of the score columns of "
                        + "proxima.replay.table (naswot, synflow, logsynflow, nregions); did you mean 'naswot'?", "replay",
                        "--config", "{conf:proxima.search.fusion.evidence = [naswott, hp12]}"),
                new Case("fusion evidence that is no zero-cost scorer", 2, "proxima.search.fusion.evidence ({conf1}: 1): "
                        + "'synflo' is neither a tier of the ladder (proxy) nor one of the zero-cost scorers", "search",
                        "--config", "{conf:proxima.search.fusion.evidence = [synflo, proxy]}"),
                new Case("fusion answering at a tier the ladder lacks", 2, "proxima.search.fusion.answer ({conf1}: 2): "
                        + "'hp200' is not none, top or a tier of the ladder (hp12)", "replay", "--config",
                        "{conf:proxima.search.fusion.evidence = [naswot, hp12]\nproxima.search.fusion.answer = hp200}"),
                new Case("fusion used without evidence", 2, "proxima.search.fusion ({conf1}: 1): answer, reward and promotion "
                        + "fuse evidence, but evidence is empty", "replay", "--config", "{conf:proxima.search.fusion.reward = true}"),
                new Case("fused promotion without a promotion rule", 2, "proxima.search.fusion.promotion ({conf1}: 2): no "
                        + "promotion rule ranks by score (proxima.search.promotion.rule is none); set it to asha", "replay",
                        "--config", "{conf:proxima.search.fusion.evidence = [hp12]\nproxima.search.fusion.promotion = true}"),
                new Case("fused promotion with econas", 2, "proxima.search.fusion.promotion ({conf1}: 3): econas promotes "
                        + "from what it learns: set reward = true", "replay", "--config", "{conf:proxima.search.controller = "
                        + "econas\\nproxima.search.fusion.evidence = [hp12]\\nproxima.search.fusion.promotion = true}"),
                new Case("fused rewards for econas without bottom-tier evidence", 2, "proxima.search.fusion.reward ({conf1}: 4): "
                        + "econas learns from every tier, but no piece of evidence reaches the bottom tier (synflow)", "replay",
                        "--config", "{conf:proxima.search.controller = econas\\nproxima.search.econas { promote = [4], parents = "
                        + "[4, 12] }\\nproxima.replay.ladder = [synflow, hp12]\\nproxima.search.fusion { evidence = [hp12], "
                        + "reward = true }}"),
                new Case("unknown fusion weights", 2, "proxima.search.fusion.weights ({conf1}: 1): 'votes' is not one of "
                        + "tier or piece", "replay", "--config", "{conf:proxima.search.fusion.weights = votes}"),
                new Case("negative score cost", 2, "proxima.replay.table.score-cost-seconds ({conf1}: 1): must be >= 0 "
                        + "seconds, got -1.0", "replay", "--config", "{conf:proxima.replay.table.score-cost-seconds = -1}"),
                new Case("a pipeline with its own table", 2, "--pipeline {conf1}: sets proxima.replay.table differently "
                        + "from the main configuration", "replay", "--pipeline", "{conf:proxima.replay.table.fidelities = "
                        + "[{name = hp12, epochs = 12, column = val_acc_12}]}"),
                new Case("an answer audit at no time", 2, "--answer-audit: simulated seconds must be > 0, got 0.0", "replay",
                        "--answer-audit", "0"),
                new Case("a vote of one proxy", 2, "--proxy: 'vote:table:naswot' needs two or more proxies joined by '+'",
                        "rank", "--proxy", "vote:table:naswot"),
                new Case("a vote with an unknown member", 2, "--proxy: unknown proxy 'synflw' (did you mean 'synflow'?)",
                        "rank", "--proxy", "vote:table:naswot+synflw"),
                new Case("econas with a promotion rule", 2, "proxima.search.promotion.rule ({conf1}: 1): econas decides "
                        + "promotions itself", "replay", "--controller", "econas", "--config",
                        "{conf:proxima.search.promotion.rule = asha}"),
                new Case("unknown dedup", 2, "proxima.replay.dedup (command line): 'maybe' is not one of off or isomorphic",
                        "replay", "--dedup", "maybe"),
                new Case("trial timeout 0", 2, "proxima.search.trial-timeout ({conf1}: 1): must be a positive duration",
                        "search", "--config", "{conf:proxima.search.trial-timeout = 0s}"),
                new Case("report interval 0", 2, "proxima.supervisor.report-interval ({conf1}: 1): must be a positive "
                        + "duration", "search", "--config", "{conf:proxima.supervisor.report-interval = 0s}"),
                new Case("max attempts 0", 2, "proxima.search.max-attempts ({conf1}: 1): must be >= 1, got 0", "replay",
                        "--config", "{conf:proxima.search.max-attempts = 0}"),
                // workers and devices
                new Case("zero replay workers", 2, "proxima.worker.count (command line): must be >= 1, got 0", "search",
                        "--evaluator", "replay", "--workers", "0"),
                new Case("a device that is no device", 2, "proxima.worker.devices (command line): 'banana' is not cpu, "
                        + "cpu:N or gpu:N", "search", "--devices", "cpu,banana"),
                new Case("no devices", 2, "proxima.worker.devices ({conf1}: 1): no device to train on", "search", "--config",
                        "{conf:proxima.worker.devices = []}"),
                new Case("a device named twice", 2, "proxima.worker.devices (command line): a device is named twice", "search",
                        "--devices", "cpu,cpu"),
                new Case("a GPU this machine does not have", 2, "proxima.worker.devices ({conf1}: 1): device 'gpu:7': the "
                        + "engine sees", "search", "--config", "{conf:proxima.worker.devices = [\"gpu:7\"]}"),
                new Case("unknown evaluator", 2, "proxima.search.evaluator (command line): 'simulate' is not one of training "
                        + "or replay", "search", "--evaluator", "simulate"),
                new Case("speedup 0", 2, "proxima.replay.speedup (command line): must be > 0, got 0", "search", "--evaluator",
                        "replay", "--speedup", "0"),
                new Case("runs folder is a file", 2, "proxima.runs-dir {home}/plain.txt: is a file, not a folder", "search",
                        "--evaluator", "replay", "--runs-dir", "{home}/plain.txt"),
                // training settings
                new Case("TensorFlow for training", 2, "proxima.training.engine ({conf1}: 1): DJL's TensorFlow engine cannot "
                        + "train", "search", "--config", "{conf:proxima.training.engine = TensorFlow}"),
                new Case("unknown dataset", 2, "proxima.training.dataset ({conf1}: 1): 'mnist' is not one of fashion-mnist or "
                        + "cifar10", "search", "--config", "{conf:proxima.training.dataset = mnist}"),
                new Case("zero CPU threads", 2, "proxima.training.cpu-threads ({conf1}: 1): must be >= 1, got 0", "search",
                        "--config", "{conf:proxima.training.cpu-threads = 0}"),
                new Case("data fraction above 1", 2, "proxima.training.fidelity ({conf1}: 1): data-fraction must be in (0, 1], "
                        + "got 2.0", "search", "--config", "{conf:proxima.training.fidelity.data-fraction = 2}"),
                new Case("a ladder tier without a name", 2, "proxima.training.ladder ({conf1}: 1): tier 1 needs its own name",
                        "search", "--config", "{conf:proxima.training.ladder = [{epochs = 3}]}"),
                new Case("a zero-epoch tier that is no scorer", 2, "proxima.training.ladder ({conf1}: 1): tier 'free' has 0 "
                        + "epochs", "search", "--config", "{conf:proxima.training.ladder = [{name = free, epochs = 0}, "
                        + "{name = e1, epochs = 1}]}"),
                // replay table and ladder
                new Case("replay tier not in the table", 2, "proxima.replay.ladder ({conf1}: 1): 'hp13' is not among "
                        + "proxima.replay.table.fidelities (hp12, hp200, synflow, naswot); did you mean 'hp12'?", "replay",
                        "--config", "{conf:proxima.replay.ladder = [synflow, hp13]}"),
                new Case("table file missing", 2, "{home}/none.csv.gz: no such file", "replay", "--config",
                        "{conf:proxima.replay.table.file = \"{home}/none.csv.gz\"}"),
                new Case("binary table", 2, "{home}/binary.csv line", "replay", "--config",
                        "{conf:proxima.replay.table.file = \"{home}/binary.csv\"}"),
                new Case("result column not in the table", 2, "proxima.replay.result-column ({conf1}: 1): 'acc' is not among",
                        "replay", "--config", "{conf:proxima.replay.result-column = acc}"),
                new Case("zero seeds", 2, "proxima.replay.seeds (command line): must be >= 1, got 0", "replay", "--seeds", "0"),
                new Case("zero virtual workers", 2, "proxima.replay.workers (command line): must be >= 1, got 0", "replay",
                        "--workers", "0"),
                // replay files
                new Case("CSV in a folder that does not exist", 2, "--csv /proc/x/out.csv: the folder /proc/x does not exist",
                        "replay", "--csv", "/proc/x/out.csv"),
                new Case("pipeline file missing", 2, "--pipeline /nonexistent.conf: no such file", "replay", "--pipeline",
                        "/nonexistent.conf"),
                new Case("pipeline with a typo", 2, "proxima.replay.laddr ({conf1}: 1): unknown key; did you mean "
                        + "proxima.replay.ladder?", "replay", "--seeds", "1", "--pipeline", "{conf:proxima.replay.laddr = [hp12]}"),
                new Case("audit top 0", 2, "--audit-top must be >= 1, got 0", "replay", "--audit-top", "0"),
                // rank and dps
                new Case("rank sample 0", 2, "--sample must be >= 3, got 0", "rank", "--sample", "0"),
                new Case("rank sample larger than the table", 2, "--sample must be between 3 and the table's 15625 rows, got "
                        + "20000", "rank", "--sample", "20000", "--proxy", "table:val_acc_12"),
                new Case("rank unknown proxy", 2, "--proxy: unknown proxy 'synflw' (did you mean 'synflow'?)", "rank",
                        "--proxy", "synflw"),
                new Case("rank table proxy without a column", 2, "--proxy: 'table:' needs a column name", "rank", "--proxy",
                        "table:"),
                new Case("rank unknown truth", 2, "--truth: the table has no column 'nosuch'", "rank", "--sample", "10",
                        "--proxy", "table:val_acc_12", "--truth", "nosuch"),
                new Case("rank unknown table proxy column", 2, "--proxy: the table has no column 'nosuch'", "rank", "--sample",
                        "10", "--proxy", "table:nosuch"),
                new Case("rank top-k 0", 2, "--top-k must be between 0.01 and 100, got 0", "rank", "--top-k", "0"),
                new Case("rank eproxy file missing", 2, "--proxy eproxy: {home}/none.json: no such file", "rank", "--proxy",
                        "eproxy:{home}/none.json"),
                new Case("rank CSV is a folder", 2, "--csv {home}: is a directory, not a file", "rank", "--csv", "{home}"),
                new Case("rank unknown device", 2, "--device: 'tpu' is not cpu or gpu:N", "rank", "--device", "tpu"),
                new Case("dps zero configs", 2, "--configs must be >= 1, got 0", "dps", "--configs", "0"),
                new Case("dps tournament above population", 2, "--tournament 5 is larger than --population 2", "dps",
                        "--population", "2", "--tournament", "5"),
                new Case("dps output folder missing", 2, "--out /proc/x/y.json: the folder /proc/x does not exist", "dps",
                        "--out", "/proc/x/y.json"),
                new Case("dps zero channels", 2, "--channels must be >= 1, got 0", "dps", "--channels", "16,0"),
                // status
                new Case("status of a run that does not exist", 2, "{home}/none: no journal there", "status", "{home}/none"),
                new Case("status of a file that is no journal", 2, "{home}/plain.txt: not a Proxima journal", "status",
                        "{home}/plain.txt"),
                new Case("status without a run", 2, "Missing required parameter: 'RUN'", "status"),
                new Case("export in an unknown format", 2, "--format: 'xml' is not one of csv, json", "export", "{home}/none",
                        "--format", "xml"),
                new Case("export of a run that does not exist", 2, "{home}/none: no journal there", "export", "{home}/none"),
                // resume
                new Case("resume of a folder without a journal", 2, "{home}/journal.db: no journal there", "search",
                        "--resume", "{home}"),
                new Case("resume of a file that is no journal", 2, "{home}/plain.txt: not a Proxima journal", "search",
                        "--resume", "{home}/plain.txt"),
                new Case("resume of a truncated journal", 2, "{home}/journals/truncated/journal.db: ", "search", "--resume",
                        "{home}/journals/truncated"),
                new Case("status of a truncated journal", 2, "{home}/journals/truncated/journal.db: ", "status",
                        "{home}/journals/truncated"),
                new Case("resume of a finished search", 2, "{home}/journals/finished: the search finished already (trials "
                        + "budget used up); nothing to resume", "search", "--resume", "{home}/journals/finished"),
                new Case("resume with another controller", 2, "proxima.search.controller = \"random\" (command line; the run has "
                        + "\"regularized-evolution\") cannot change on resume", "search", "--resume",
                        "{home}/journals/unfinished", "--controller", "random"),
                new Case("resume with another evaluator and seed", 2, "proxima.search.evaluator = \"training\" (command line; the "
                        + "run has \"replay\"), proxima.search.seed = 9 (command line; the run has 1) cannot change", "search",
                        "--resume", "{home}/journals/unfinished", "--evaluator", "training", "--seed", "9"),
                new Case("resume with another ladder in a config file", 2, "proxima.replay.ladder = [\"hp12\",\"hp200\"] ({conf1}: 1; "
                        + "the run has []) cannot change on resume", "search", "--resume", "{home}/journals/unfinished",
                        "--config", "{conf:proxima.replay.ladder = [hp12, hp200]}"),
                new Case("resume with a negative trial budget", 2, "proxima.replay.budget.max-trials (command line): must be "
                        + ">= 0", "search", "--resume", "{home}/journals/unfinished", "--max-trials", "-1"),
                new Case("status of a malformed postgresql run id", 2, "postgresql:a/b: a run id is 1 to 40 letters, digits",
                        "status", "postgresql:a/b"),
                new Case("resume from an unreachable journal server", 2, "postgresql:r1: cannot reach the journal's server "
                        + "jdbc:postgresql://127.0.0.1:1/x", "search", "--resume", "postgresql:r1", "--config",
                        "{conf:proxima.journal.postgresql.url = \"jdbc:postgresql://127.0.0.1:1/x\"}"),
                new Case("search with an unreachable journal server", 2, "cannot reach the journal's server "
                        + "jdbc:postgresql://127.0.0.1:1/x", "search", "--evaluator", "replay", "--config",
                        "{conf:proxima.journal { store = postgresql, postgresql.url = \"jdbc:postgresql://127.0.0.1:1/x\" }}"),
                new Case("unknown journal store", 2, "proxima.journal.store ({conf1}: 1): 'mysql' is not one of", "search",
                        "--evaluator", "replay", "--config", "{conf:proxima.journal.store = mysql}"),
                // bpe
                new Case("bpe epochs of 0", 2, "proxima.bpe.space.epochs ({conf1}: 1): epochs cannot be 0", "bpe", "--config",
                        "{conf:proxima.bpe.space.epochs = [0, 1]}"),
                new Case("bpe data fraction over 1", 2, "proxima.bpe.space.data-fraction ({conf1}: 1): data-fraction cannot be "
                        + "1.5", "bpe", "--config", "{conf:proxima.bpe.space.data-fraction = [0.1, 1.5]}"),
                new Case("bpe resolution 0", 2, "proxima.bpe.space.resolution ({conf1}: 1): resolution cannot be 0 (BPE needs "
                        + "the pixels spelt out, >= 1)", "bpe", "--config", "{conf:proxima.bpe.space.resolution = [0, 28]}"),
                new Case("bpe value listed twice", 2, "proxima.bpe.space.batch-size ({conf1}: 1): a value is listed twice in "
                        + "[64.0, 64.0]", "bpe", "--config", "{conf:proxima.bpe.space.batch-size = [64, 64]}"),
                new Case("bpe unknown key", 2, "proxima.bpe.tolerence ({conf1}: 1): unknown key; did you mean "
                        + "proxima.bpe.tolerance?", "bpe", "--config", "{conf:proxima.bpe.tolerence = 0.1}"),
                new Case("bpe nothing to search", 2, "proxima.bpe.space ({conf1}: 1): no hyper-parameter has values to search",
                        "bpe", "--config", "{conf:proxima.bpe.space { epochs = [], batch-size = [], learning-rate = [], "
                        + "initial-channels = [], resolution = [], data-fraction = [] }}"),
                new Case("bpe unknown pruning", 2, "proxima.bpe.prune-to ({conf1}: 1): 'cheapest' is not min-cost, best or "
                        + "cheapest-near-best", "bpe", "--config", "{conf:proxima.bpe.prune-to = cheapest}"),
                new Case("bpe unknown truth source", 2, "proxima.bpe.truth.source ({conf1}: 1): 'oracle' is neither training "
                        + "nor table", "bpe", "--config", "{conf:proxima.bpe.truth.source = oracle}"),
                new Case("bpe untrained truth", 2, "proxima.bpe.truth.fidelity.epochs ({conf1}: 1): the ground truth must be "
                        + "trained, got 0 epochs", "bpe", "--config", "{conf:proxima.bpe.truth.fidelity.epochs = 0}"),
                new Case("bpe negative budget flag", 2, "proxima.bpe.total-budget (command line): must be >= 0, got -1", "bpe",
                        "--total-budget", "-1"),
                new Case("bpe comparison with an unknown key", 2, "proxima.bpe.compare[1].epoch ({conf1}: 1): unknown key; did "
                        + "you mean epochs?", "bpe", "--config", "{conf:proxima.bpe.compare = [{name = x, epoch = 2}]}"),
                new Case("bpe comparison without a name", 2, "proxima.bpe.compare ({conf1}: 1): entry 1 needs its own name",
                        "bpe", "--config", "{conf:proxima.bpe.compare = [{epochs = 2}]}"),
                new Case("bpe zero settings per round", 2, "proxima.bpe.settings-per-round ({conf1}: 1): must be >= 1, got 0",
                        "bpe", "--config", "{conf:proxima.bpe.settings-per-round = 0}"),
                new Case("bpe replay of a missing table", 2, "{home}/nope.csv: no such study table", "bpe", "--replay",
                        "{home}/nope.csv"),
                new Case("bpe replay of a file that is no study table", 2, "{home}/plain.txt:1: the header must be "
                        + "architecture,set,<hyper-parameters...>,score,seconds,truth, got not a config", "bpe", "--replay",
                        "{home}/plain.txt"),
                new Case("bpe replay with zero seeds", 2, "--seeds must be >= 1, got 0", "bpe", "--replay", "{home}/plain.txt",
                        "--seeds", "0"),
                new Case("bpe with a ladder", 2, "proxima.training.ladder ({conf1}: 1): proxima bpe trains single settings",
                        "bpe", "--config", "{conf:proxima.training.ladder = [{name = a, epochs = 1}, {name = b, epochs = 2}]}"),
                // the daemon and its clients: refused before anything starts or is sent
                new Case("submit a missing file", 2, "CONF nowhere.conf: no such file", "submit", "nowhere.conf"),
                new Case("serve in a file", 2, "pom.xml", "serve", "--dir", "pom.xml"),
                new Case("serve on a port that cannot be", 2, "--cluster-port: 70000 is not in 0..65535", "serve",
                        "--cluster-port", "70000"),
                new Case("page beyond loopback without a token", 2, "proxima.http.host: 0.0.0.0 is reachable beyond this "
                        + "machine, so the page, API and /metrics need a bearer token", "serve", "--config",
                        "{conf:proxima.http.host = \"0.0.0.0\"}"),
                new Case("no daemon answers", 1, "no daemon answers at http://127.0.0.1:1/", "list", "--daemon",
                        "http://127.0.0.1:1/"),
                new Case("status of an unknown id without a daemon", 2, "no-such-run is no run folder, and no daemon answers",
                        "status", "no-such-run", "--daemon", "http://127.0.0.1:1/"),
                // benches
                new Case("bench http zero workers", 2, "--workers must be >= 1, got 0", "bench", "http", "--workers", "0"),
                new Case("bench journal unknown store", 2, "--store: 'h2' is not one of sqlite, postgresql", "bench",
                        "journal", "--store", "h2"),
                new Case("bench actors zero workers", 2, "--workers must be >= 1, got 0", "bench", "actors", "--workers", "0"),
                new Case("bench actors negative workers", 2, "--workers must be >= 1, got -3", "bench", "actors", "--workers",
                        "-3"),
                new Case("bench journal zero events per commit", 2, "--batch must be >= 1, got 0", "bench", "journal",
                        "--batch", "1,0"),
                new Case("bench replay zero seeds", 2, "--seeds must be >= 1, got 0", "bench", "replay", "--seeds", "0"),
                new Case("bench scorers unknown scorer", 2, "--scorers: 'nosuch' is not one of", "bench", "scorers",
                        "--scorers", "nosuch"),
                new Case("bench scorers zero repeats", 2, "--repeats must be >= 1, got 0", "bench", "scorers", "--repeats", "0"),
                new Case("bench training unknown part", 2, "--parts: 'speed' is not one of throughput, stop, memory", "bench",
                        "training", "--parts", "speed"),
                // the command line itself
                new Case("unknown option", 2, "Unknown options: '--sedes', '3' (see 'proxima replay --help')", "replay",
                        "--sedes", "3"),
                new Case("unknown command", 2, "Unmatched argument at index 0: 'serch'", "serch"),
                new Case("option without its value", 2, "Missing required parameter for option '--seeds'", "replay", "--seeds"),
                new Case("option value of the wrong type", 2, "Invalid value for option '--seeds': 'many' is not an int",
                        "replay", "--seeds", "many"),
                new Case("control characters in an argument", 2, "'ev\\x1b[31mil' is not one of", "replay", "--controller",
                        "ev\u001b[31mil"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputGetsOneLineAndTouchesNothing(Case c) throws IOException {
        List<Path> confs = new ArrayList<>();
        String[] args = new String[c.args().length];
        for (int i = 0; i < args.length; i++) {
            args[i] = expand(c.args()[i], confs);
        }
        String expected = expandNames(c.expected(), confs);
        Result r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run(args));
        String err = r.err();
        assertEquals(c.code(), r.code(), err + r.out());
        assertEquals(1, err.lines().count(), "exactly one line on stderr: " + err + " / stdout: " + r.out());
        assertTrue(err.contains(expected), "expected '" + expected + "' in: " + err);
        assertFalse(err.contains("\tat ") || err.contains("Exception") || err.contains("internal error"), err);
        assertTrue(err.chars().allMatch(ch -> ch == '\n' || ch >= 0x20 && ch != 0x7f), "printable: " + err);
        try (Stream<Path> entries = Files.list(runs)) {
            assertEquals(List.of(runs.resolve("20260101-000000-search")), entries.toList(), "no run folder was created");
        }
        assertEquals(before, checksums(runs), "the existing run is untouched");
        assertEquals(journalsBefore, checksums(journals), "the journals are untouched");
    }

    @Test
    void thereAreAtLeastFiftyCases() {
        assertTrue(cases().count() >= 50, "cases: " + cases().count());
    }

    @Test
    void everySubcommandAnswersVersion() {
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"replay", "--version"},
                new String[] {"bench", "actors", "--version"})) {
            Result r = run(args);
            assertEquals(0, r.code(), r.err());
            // the tests run from classes, not the jar: the version comes from the build, as in the container image
            assertTrue(r.out().matches("(?s)proxima \\d+\\.\\d+\\.\\d+\\S*\\R.*"), String.join(" ", args) + ": " + r.out());
        }
    }

    @Test
    void helpListsTheRegisteredControllersAndScorers() {
        Result r = run("search", "--help");
        assertTrue(r.out().replaceAll("\\s+", " ").contains("random, regularized-evolution, reinforce, econas"), r.out());
        Result rank = run("rank", "--help");
        assertTrue(rank.out().replaceAll("\\s+", " ").contains("params, flops, synflow, grad_norm, snip, naswot, eproxy"),
                rank.out());
    }

    private record Result(int code, String out, String err) {}

    /** Runs the CLI in this JVM; stderr is what the command line and anything else printed there. */
    private static Result run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            // made after the streams are swapped, so its writers and everything else print into them
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(System.out, true));
            cli.setErr(new PrintWriter(System.err, true));
            int code = cli.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private static final Pattern CONF = Pattern.compile("\\{conf:(.*)}", Pattern.DOTALL);

    private static String expand(String arg, List<Path> confs) throws IOException {
        Matcher m = CONF.matcher(arg);
        String text = arg;
        if (m.find()) {
            Path conf = Files.createTempFile(home, "case", ".conf");
            Files.writeString(conf, expandNames(m.group(1), confs).replace("\\n", "\n") + "\n");
            confs.add(conf);
            text = arg.substring(0, m.start()) + conf + arg.substring(m.end());
        }
        return expandNames(text, confs);
    }

    private static String expandNames(String text, List<Path> confs) {
        String s = text.replace("{home}", home.toString());
        return confs.isEmpty() ? s : s.replace("{conf1}", confs.get(0).toString());
    }

    private static Map<String, String> checksums(Path dir) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                try {
                    sums.put(dir.relativize(f).toString(), HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return sums;
    }
}
