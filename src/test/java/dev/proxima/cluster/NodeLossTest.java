package dev.proxima.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchEvent.AttemptAbandoned;
import dev.proxima.search.SearchEvent.TrialAssigned;
import dev.proxima.search.SearchEvent.TrialCompleted;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A supervisor and worker nodes, each a JVM of its own on 127.0.0.1, replaying the benchmark
 * table: a worker killed with SIGKILL mid-trial (its trial runs again on another node, once), a
 * worker that joins mid-search (it gets work at once), and a worker stopped with SIGTERM mid-trial
 * (it hands its trial back instead of leaving it to the trial timeout).
 */
class NodeLossTest {
    private static final long STABLE_AFTER_MILLIS = 2_000;
    private static final long START_MILLIS = 60_000;

    @Test
    void aLostNodesTrialRunsOnceElsewhereAJoinerGetsWorkAndALeaverHandsItsTrialBack(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("cluster.conf");
        Files.writeString(conf, """
                proxima.search.evaluator = replay
                proxima.replay.budget { max-trials = 16, max-device-seconds = 0 }
                proxima.replay.speedup = 60
                proxima.runs-dir = "%s"
                proxima.worker { count = 1, retry-interval = 500ms }
                proxima.cluster.leave-grace = 300ms
                proxima.search.trial-timeout = 10m
                akka.cluster.split-brain-resolver.stable-after = %dms
                """.formatted(dir.resolve("runs"), STABLE_AFTER_MILLIS));
        String port = String.valueOf(Node.freePort());
        String join = "127.0.0.1:" + port;
        Path journal = dir.resolve("runs").resolve("loss").resolve("journal.db");
        try (Node supervisor = Node.start(dir, "supervisor", "supervisor", "--config", conf.toString(), "--run", "loss",
                "--port", port);
                Node a = Node.start(dir, "worker-a", "worker", "--config", conf.toString(), "--join", join);
                Node b = Node.start(dir, "worker-b", "worker", "--config", conf.toString(), "--join", join)) {
            supervisor.await("workers join with", START_MILLIS);
            String idA = a.await("joined the cluster as akka://proxima@(\\S+)", START_MILLIS) + "/replay:0";
            String idB = b.await("joined the cluster as akka://proxima@(\\S+)", START_MILLIS) + "/replay:0";

            // SIGKILL of a worker node while it holds a trial
            TrialAssigned held = awaitHeld(journal, idA);
            long killedAt = System.currentTimeMillis();
            a.kill();
            AttemptAbandoned lost = awaitEvent(journal, AttemptAbandoned.class,
                    e -> e.trialId() == held.trialId() && e.attempt() == held.attempt());
            long requeueMillis = lost.atMillis() - killedAt;
            System.out.printf("kill -9 of %s: trial %d back in the queue after %d ms (stable-after %d ms)%n", idA,
                    held.trialId(), requeueMillis, STABLE_AFTER_MILLIS);
            assertTrue(requeueMillis < STABLE_AFTER_MILLIS + 10_000, "re-queued only after " + requeueMillis + " ms");
            TrialCompleted redone = awaitEvent(journal, TrialCompleted.class, e -> e.trialId() == held.trialId());
            assertEquals(idB, redone.workerId(), "the lost trial finishes on the surviving worker");

            // a node that joins mid-search
            try (Node c = Node.start(dir, "worker-c", "worker", "--config", conf.toString(), "--join", join)) {
                String idC = c.await("joined the cluster as akka://proxima@(\\S+)", START_MILLIS) + "/replay:0";
                long joinedAt = System.currentTimeMillis(); // no earlier than its Up, as the test sees it
                TrialAssigned first = awaitEvent(journal, TrialAssigned.class, e -> e.workerId().equals(idC));
                System.out.printf("%s joined: first trial assigned %d ms after the test saw it up%n", idC,
                        first.atMillis() - joinedAt);
                assertTrue(first.atMillis() - joinedAt < 3_000, "the joiner waited " + (first.atMillis() - joinedAt) + " ms");

                // SIGTERM of a worker node while it holds a trial: handed back after the grace period, not lost
                TrialAssigned busy = awaitHeld(journal, idB);
                long termAt = System.currentTimeMillis();
                b.terminate();
                SearchEvent ended = awaitEvent(journal, SearchEvent.class, e -> endsAttempt(e, busy));
                // a trial that ends within the grace period is reported; one that does not is handed back
                assertTrue(ended instanceof TrialCompleted || ((AttemptAbandoned) ended).reason().contains("handed back"),
                        "neither finished nor handed back: " + ended);
                System.out.printf("SIGTERM of %s: trial %d %s after %d ms%n", idB, busy.trialId(),
                        ended instanceof AttemptAbandoned back ? back.reason() : "finished within the grace period",
                        ended.atMillis() - termAt);
                // 143 = 128 + SIGTERM, what a JVM ended by the signal exits with once its shutdown hooks ran
                assertEquals(Optional.of(143), b.waitFor(30_000), b.output());

                assertEquals(Optional.of(0), supervisor.waitFor(120_000), supervisor.output());
                assertTrue(supervisor.output().contains("16 trials evaluated"), supervisor.output());
                c.terminate();
                assertEquals(Optional.of(143), c.waitFor(30_000), c.output());
            }
            Map<Long, Integer> completions = new HashMap<>();
            for (SearchEvent e : Node.events(journal)) {
                if (e instanceof TrialCompleted t) {
                    completions.merge(t.trialId(), 1, Integer::sum);
                }
            }
            assertTrue(completions.values().stream().allMatch(n -> n == 1), "a trial completed twice: " + completions);
            assertEquals(1, completions.get(held.trialId()));
        }
    }

    /** An attempt assigned to {@code workerId} that has not ended yet. */
    private static TrialAssigned awaitHeld(Path journal, String workerId) {
        TrialAssigned[] found = new TrialAssigned[1];
        Node.until(() -> {
            List<SearchEvent> events = Node.events(journal);
            for (int i = events.size() - 1; i >= 0; i--) {
                if (events.get(i) instanceof TrialAssigned t && t.workerId().equals(workerId)) {
                    boolean ended = events.subList(i + 1, events.size()).stream().anyMatch(e -> endsAttempt(e, t));
                    // at least a second left of it, so the kill lands while it runs
                    if (!ended && System.currentTimeMillis() - t.atMillis() < 500) {
                        found[0] = t;
                        return true;
                    }
                    return false;
                }
            }
            return false;
        }, 60_000, "a trial running on " + workerId);
        return found[0];
    }

    private static boolean endsAttempt(SearchEvent e, TrialAssigned t) {
        return (e instanceof TrialCompleted c && c.trialId() == t.trialId() && c.attempt() == t.attempt())
                || (e instanceof AttemptAbandoned a && a.trialId() == t.trialId() && a.attempt() == t.attempt());
    }

    private static <E extends SearchEvent> E awaitEvent(Path journal, Class<E> type, java.util.function.Predicate<E> match) {
        Object[] found = new Object[1];
        Node.until(() -> {
            for (SearchEvent e : Node.events(journal)) {
                if (type.isInstance(e) && match.test(type.cast(e))) {
                    found[0] = e;
                    return true;
                }
            }
            return false;
        }, 60_000, "a " + type.getSimpleName() + " in " + journal);
        return type.cast(found[0]);
    }
}
