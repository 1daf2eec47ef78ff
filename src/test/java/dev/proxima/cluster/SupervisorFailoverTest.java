package dev.proxima.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.journal.EventJournal;
import dev.proxima.journal.PostgresJournal;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchEvent.SearchResumed;
import dev.proxima.search.SearchEvent.TrialCompleted;
import dev.proxima.testing.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two supervisor-role nodes and a worker node (three JVMs) with the PostgreSQL journal: SIGKILL of
 * the node that runs the supervisor singleton moves it to the other supervisor node, which goes on
 * with the search from the journal; the search finishes with every trial completed exactly once.
 */
class SupervisorFailoverTest {
    private static final String RUN = "failover";
    private static final int TRIALS = 24;

    @Test
    void theSearchMovesToTheOtherSupervisorNodeAndLosesNothing(@TempDir Path dir) throws Exception {
        PostgresJournal.Server server = Postgres.server();
        int p1 = Node.freePort();
        int p2 = Node.freePort();
        String seeds = "127.0.0.1:" + p1 + ",127.0.0.1:" + p2;
        Path conf = dir.resolve("cluster.conf");
        Files.writeString(conf, """
                proxima.search.evaluator = replay
                proxima.replay.budget { max-trials = %d, max-device-seconds = 0 }
                proxima.replay.speedup = 150
                proxima.runs-dir = "%s"
                proxima.worker { count = 2, retry-interval = 500ms }
                proxima.journal { store = postgresql, postgresql { url = "%s", user = "%s", password = "%s" } }
                akka.cluster.split-brain-resolver.stable-after = 2s
                """.formatted(TRIALS, dir.resolve("runs"), server.url(), server.user(), server.password()));
        try (Node first = Node.start(dir, "supervisor-1", "supervisor", "--config", conf.toString(), "--run", RUN,
                "--port", String.valueOf(p1), "--seed-nodes", seeds)) {
            first.await("workers join with", 60_000);
            try (Node second = Node.start(dir, "supervisor-2", "supervisor", "--config", conf.toString(), "--run", RUN,
                    "--port", String.valueOf(p2), "--seed-nodes", seeds)) {
                try {
                    // the standby protects the search once every node counts it: Up, and the news gossiped; the
                    // worker joins only then, so no trial runs before (a slow join once let the whole search finish)
                    first.await("Leader is moving node \\[akka://proxima@127.0.0.1:" + p2 + "\\] to \\[Up\\]", 60_000);
                    Node.sleep(2_000);
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\nthe second node's output:\n" + second.output(), e);
                }
                try (Node worker = Node.start(dir, "worker", "worker", "--config", conf.toString(), "--join", seeds)) {
                    worker.await("joined the cluster", 60_000);
                    Node.until(() -> completed(server).size() >= 4, 60_000, "four trials completed");
                    Map<Long, Double> before = completed(server);
                    long killedAt = System.currentTimeMillis();
                    first.kill();
                    try {
                        Node.until(() -> events(server).stream().anyMatch(e -> e instanceof SearchResumed r
                                && r.atMillis() > killedAt), 60_000, "the search resumed on the second supervisor node");
                    } catch (AssertionError e) {
                        throw new AssertionError(e.getMessage() + "; the second supervisor node's output:\n" + second.output()
                                + "\nthe worker's:\n" + worker.output(), e);
                    }
                    long resumedAt = events(server).stream().filter(e -> e instanceof SearchResumed r && r.atMillis() > killedAt)
                            .mapToLong(SearchEvent::atMillis).min().orElseThrow();
                    assertTrue(before.size() < TRIALS, "the search was over before the kill");
                    System.out.printf("kill -9 of the singleton's node after %d completed trials: the search resumed on the "
                            + "other supervisor node %d ms later%n", before.size(), resumedAt - killedAt);
                    assertEquals(Optional.of(0), second.waitFor(120_000), second.output());
                    assertTrue(second.output().contains(TRIALS + " trials evaluated"), second.output());

                    Map<Long, Integer> completions = new HashMap<>();
                    Map<Long, Double> after = new HashMap<>();
                    for (SearchEvent e : events(server)) {
                        if (e instanceof TrialCompleted t) {
                            completions.merge(t.trialId(), 1, Integer::sum);
                            after.put(t.trialId(), t.score());
                        }
                    }
                    assertTrue(completions.values().stream().allMatch(n -> n == 1), "completed twice: " + completions);
                    before.forEach((id, score) -> assertEquals(score, after.get(id), "trial " + id + " changed or was lost"));
                    worker.terminate();
                    worker.waitFor(30_000);
                }
            }
        }
    }

    private static Map<Long, Double> completed(PostgresJournal.Server server) {
        Map<Long, Double> out = new HashMap<>();
        for (SearchEvent e : events(server)) {
            if (e instanceof TrialCompleted t) {
                out.put(t.trialId(), t.score());
            }
        }
        return out;
    }

    private static List<SearchEvent> events(PostgresJournal.Server server) {
        if (!PostgresJournal.exists(server, RUN)) {
            return List.of();
        }
        try (EventJournal j = PostgresJournal.open(server, RUN)) {
            return j.events();
        } catch (Exception e) {
            return List.of();
        }
    }
}
