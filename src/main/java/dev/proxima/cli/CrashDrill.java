package dev.proxima.cli;

import dev.proxima.journal.EventJournal;
import dev.proxima.journal.PostgresJournal;
import dev.proxima.journal.SqliteJournal;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchEvent.CandidateReused;
import dev.proxima.search.SearchEvent.TrialAssigned;
import dev.proxima.search.SearchEvent.TrialCompleted;
import dev.proxima.search.SearchEvent.TrialDiscarded;
import dev.proxima.search.SearchEvent.TrialFailed;
import dev.proxima.search.SearchEvent.TrialProposed;
import dev.proxima.search.SearchEvent.TrialStopped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Kills {@code proxima search --evaluator replay}, run as a child JVM, with SIGKILL at seeded
 * random points (after a random number of completed trials) and resumes it each time, then checks
 * the journal: every trial proposed once and ended at most once, nothing run again after it ended,
 * every result seen before a kill still there after it, the trial budget kept. With one worker the
 * order of results is fixed, so the proposals and the answer must also equal an uninterrupted run's.
 */
final class CrashDrill {
    private static final long POLL_MILLIS = 15;
    private static final long LAUNCH_TIMEOUT_MILLIS = 180_000;

    /**
     * @param args extra {@code proxima search} arguments (controller, pipeline)
     * @param postgresql the server to journal to; null for the SQLite file in the run folder
     */
    record Plan(int workers, int kills, long seed, long maxTrials, double speedup, List<String> args,
            PostgresJournal.Server postgresql) {}

    /** @param problems what the checks found (empty when the drill passed) */
    record Outcome(Path run, List<Integer> killedAfter, int events, long trials, String best, List<String> problems) {}

    private final Plan plan;
    private final Path runsDir;

    CrashDrill(Plan plan, Path runsDir) {
        this.plan = plan;
        this.runsDir = runsDir;
    }

    /** The killed-and-resumed run, checked; with one worker compared with an uninterrupted run too. */
    Outcome run() throws IOException, InterruptedException {
        Path crashed = runsDir.resolve("crashed");
        List<Integer> killedAfter = new ArrayList<>();
        Map<Long, Double> seenCompleted = new HashMap<>();
        List<String> problems = new ArrayList<>();
        Path run = null;
        boolean ended = false;
        for (int target : killPoints()) {
            Process p = launch(run == null ? startArgs(crashed) : resumeArgs(run));
            if (run == null) {
                run = awaitRunFolder(crashed, p);
            }
            // a kill overshoots its point (results keep coming while it lands): each process must
            // complete one trial of its own, so it is killed while it runs, not while it starts
            int point = Math.max(target, seenCompleted.size() + 1);
            if (awaitCompleted(run, point, p) && isLocked(run, problems)) {
                p.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                p.waitFor();
                killedAfter.add(point);
                try (EventJournal j = open(run)) {
                    completed(j.events()).forEach(seenCompleted::put);
                }
            } else {
                finish(p, problems, "a launch");
                ended = true; // the search ended before this kill point
                break;
            }
        }
        if (!ended) {
            finish(launch(resumeArgs(run)), problems, "the last resume");
        }
        List<SearchEvent> events;
        try (EventJournal j = open(run)) {
            events = j.events();
        }
        problems.addAll(check(events, seenCompleted, plan.maxTrials()));
        String best = best(events);
        if (plan.workers() == 1) {
            Path reference = runsDir.resolve("uninterrupted");
            Process p = launch(startArgs(reference));
            Path referenceRun = awaitRunFolder(reference, p);
            finish(p, problems, "the uninterrupted run");
            try (EventJournal j = open(referenceRun)) {
                List<SearchEvent> expected = j.events();
                if (!proposals(expected).equals(proposals(events))) {
                    problems.add("the proposals differ from the uninterrupted run's (" + proposals(expected).size() + " vs "
                            + proposals(events).size() + ")");
                }
                if (!best(expected).equals(best)) {
                    problems.add("the answer differs: uninterrupted " + best(expected) + ", resumed " + best);
                }
            }
        }
        long trials = events.stream().filter(TrialProposed.class::isInstance).count();
        return new Outcome(run, killedAfter, events.size(), trials, best, problems);
    }

    /** Distinct numbers of completed trials after which to kill, seeded, ascending. */
    private List<Integer> killPoints() {
        Random random = new Random(plan.seed());
        TreeSet<Integer> points = new TreeSet<>();
        int room = (int) Math.max(plan.kills(), plan.maxTrials() * 3 / 5); // well before the end, while trials run
        while (points.size() < plan.kills()) {
            points.add(1 + random.nextInt(room));
        }
        return List.copyOf(points);
    }

    /** The journal of a run folder: its file, or the run of the same name on the server. */
    private EventJournal open(Path run) {
        return plan.postgresql() == null ? SqliteJournal.open(run.resolve(SearchCommand.JOURNAL))
                : PostgresJournal.open(plan.postgresql(), run.getFileName().toString());
    }

    private EventJournal openForAppend(Path run) {
        return plan.postgresql() == null ? SqliteJournal.openForAppend(run.resolve(SearchCommand.JOURNAL))
                : PostgresJournal.openForAppend(plan.postgresql(), run.getFileName().toString());
    }

    private List<String> resumeArgs(Path run) throws IOException {
        if (plan.postgresql() == null) {
            return List.of("search", "--resume", run.toString());
        }
        return List.of("search", "--resume", JournalTarget.POSTGRESQL + run.getFileName(), "--runs-dir",
                run.getParent().toString(), "--config", journalConfig().toString());
    }

    /** A config file pointing the child's journal at the plan's server. */
    private Path journalConfig() throws IOException {
        Path conf = runsDir.resolve("journal.conf");
        PostgresJournal.Server s = plan.postgresql();
        Files.writeString(conf, "proxima.journal { store = postgresql, postgresql { url = \"" + s.url() + "\", user = \""
                + s.user() + "\", password = \"" + s.password() + "\" } }\n");
        return conf;
    }

    private List<String> startArgs(Path dir) throws IOException {
        List<String> args = new ArrayList<>(List.of("search", "--evaluator", "replay", "--runs-dir", dir.toString(),
                "--workers", Integer.toString(plan.workers()), "--seed", Long.toString(plan.seed()), "--max-trials",
                Long.toString(plan.maxTrials()), "--budget-seconds", "0", "--wall-clock", "0s", "--speedup",
                Double.toString(plan.speedup())));
        args.addAll(plan.args());
        if (plan.postgresql() != null) {
            args.addAll(List.of("--config", journalConfig().toString()));
        }
        return args;
    }

    /** {@code proxima} in a child JVM on this JVM's class path; its output goes to a log beside the runs. */
    private Process launch(List<String> args) throws IOException {
        return launch(runsDir.resolve("drill.log"), args);
    }

    /** {@code proxima args} in a child JVM on this JVM's class path, its output appended to {@code log}. */
    static Process launch(Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        Files.writeString(log, "$ proxima " + String.join(" ", args) + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private Path awaitRunFolder(Path dir, Process p) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + LAUNCH_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> runs = Files.list(dir)) {
                    var found = runs.filter(r -> Files.exists(r.resolve("events.log"))).findFirst();
                    if (found.isPresent()) {
                        return found.get();
                    }
                }
            }
            if (!p.isAlive()) {
                List<String> log = Files.readAllLines(runsDir.resolve("drill.log"));
                throw new IllegalStateException("the search exited (" + p.exitValue() + ") before making its run folder: "
                        + log.get(log.size() - 1));
            }
            Thread.sleep(POLL_MILLIS);
        }
        p.destroyForcibly();
        throw new IllegalStateException("no run folder in " + dir + " after " + LAUNCH_TIMEOUT_MILLIS + " ms");
    }

    /** Waits until the journal holds {@code target} completed trials (true), or the search exits first (false). */
    private boolean awaitCompleted(Path run, int target, Process p) throws InterruptedException {
        long deadline = System.currentTimeMillis() + LAUNCH_TIMEOUT_MILLIS;
        while (p.isAlive() && System.currentTimeMillis() < deadline) {
            try (EventJournal j = open(run)) {
                if (j.trialsWithStatus("completed") >= target) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // the first process is still creating the journal
            }
            Thread.sleep(POLL_MILLIS);
        }
        if (p.isAlive()) {
            p.destroyForcibly();
            throw new IllegalStateException("the search made no progress for " + LAUNCH_TIMEOUT_MILLIS + " ms");
        }
        return false;
    }

    /**
     * True while the search lives: a second writer (a resume started now) must be refused, not
     * interleaved. A free lock is right only once the search has ended (it closed its journal
     * while its JVM shuts down): then this is no kill point.
     */
    private boolean isLocked(Path run, List<String> problems) {
        try (EventJournal second = openForAppend(run)) {
            if (!ended(second.events())) {
                problems.add("a second writer could open the journal of a live search");
            }
            return false;
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().contains("a live search is writing this journal")) {
                problems.add("a second writer was refused for another reason: " + e.getMessage());
            }
            return true;
        }
    }

    /** The journal of a search that ran out of budget with every trial ended. */
    private static boolean ended(List<SearchEvent> events) {
        long proposed = events.stream().filter(TrialProposed.class::isInstance).count();
        long ended = events.stream().filter(e -> endOf(e) >= 0).count();
        return proposed == ended && events.stream().anyMatch(SearchEvent.BudgetExhausted.class::isInstance);
    }

    private static void finish(Process p, List<String> problems, String what) throws InterruptedException {
        if (!p.waitFor(LAUNCH_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            problems.add(what + " did not finish");
        } else if (p.exitValue() != 0) {
            problems.add(what + " exited with " + p.exitValue() + " (see drill.log)");
        }
    }

    /**
     * What must hold of a journal however often its search was killed: each trial proposed once,
     * ended at most once and never assigned after it ended; each result seen before a kill still
     * there with its score; the trial budget spent exactly.
     */
    static List<String> check(List<SearchEvent> events, Map<Long, Double> seenCompleted, long maxTrials) {
        List<String> problems = new ArrayList<>();
        Set<Long> proposed = new HashSet<>();
        Set<Long> ended = new HashSet<>();
        for (SearchEvent e : events) {
            if (e instanceof TrialProposed p && !proposed.add(p.trialId())) {
                problems.add("trial " + p.trialId() + " proposed twice");
            } else if (e instanceof TrialAssigned a && ended.contains(a.trialId())) {
                problems.add("trial " + a.trialId() + " assigned again after it ended");
            } else if (endOf(e) >= 0 && !ended.add(endOf(e))) {
                problems.add("trial " + endOf(e) + " ended twice");
            }
        }
        Map<Long, Double> completed = completed(events);
        seenCompleted.forEach((id, score) -> {
            if (!score.equals(completed.get(id))) {
                problems.add("trial " + id + " completed with " + score + " before a kill, " + completed.get(id) + " at the end");
            }
        });
        long started = events.stream().filter(e -> e instanceof TrialAssigned a && a.attempt() == 1).count();
        if (started != maxTrials) {
            problems.add(started + " evaluations started, the budget was " + maxTrials);
        }
        if (proposed.size() != ended.size()) {
            problems.add((proposed.size() - ended.size()) + " trials never ended");
        }
        return problems;
    }

    private static long endOf(SearchEvent e) {
        if (e instanceof TrialCompleted c) {
            return c.trialId();
        } else if (e instanceof TrialFailed f) {
            return f.trialId();
        } else if (e instanceof TrialStopped s) {
            return s.trialId();
        } else if (e instanceof TrialDiscarded d) {
            return d.trialId();
        }
        return -1;
    }

    private static Map<Long, Double> completed(List<SearchEvent> events) {
        Map<Long, Double> out = new HashMap<>();
        events.stream().filter(TrialCompleted.class::isInstance).map(TrialCompleted.class::cast)
                .forEach(c -> out.put(c.trialId(), c.score()));
        return out;
    }

    /** What the search decided to evaluate, in order: proposals, promotions and reuses. */
    static List<String> proposals(List<SearchEvent> events) {
        List<String> out = new ArrayList<>();
        for (SearchEvent e : events) {
            if (e instanceof TrialProposed p) {
                out.add(p.trialId() + " " + p.architecture() + " tier " + p.tier() + " from " + p.promotedFrom());
            } else if (e instanceof CandidateReused r) {
                out.add(r.proposalId() + " " + r.architecture() + " tier " + r.tier() + " reuses " + r.sourceTrialId());
            }
        }
        return out;
    }

    /** The best completed trial of the highest tier reached, as "trial N: score". */
    static String best(List<SearchEvent> events) {
        Map<Long, Integer> tiers = new HashMap<>();
        TrialCompleted best = null;
        int bestTier = -1;
        for (SearchEvent e : events) {
            if (e instanceof TrialProposed p) {
                tiers.put(p.trialId(), p.tier());
            } else if (e instanceof TrialCompleted c) {
                int tier = tiers.get(c.trialId());
                if (tier > bestTier || (tier == bestTier && c.score() > best.score())) {
                    best = c;
                    bestTier = tier;
                }
            }
        }
        return best == null ? "none" : "trial " + best.trialId() + " (tier " + bestTier + "): " + best.score();
    }
}
