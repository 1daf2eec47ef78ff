package dev.proxima.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's rules with real child processes that exit as a worker JVM would. */
class WorkerProcessesLauncherTest {
    @Test
    void aRecycledWorkerStartsAgainAtOnceAndARefusedOneIsGivenUp(@TempDir Path dir) throws Exception {
        AtomicInteger starts = new AtomicInteger();
        CompletableFuture<String> gaveUp = new CompletableFuture<>();
        // recycles (3) twice, then is refused (4)
        WorkerProcesses p = new WorkerProcesses(List.of("cpu:0"), d -> List.of("sh", "-c",
                "echo started; exit " + (starts.incrementAndGet() <= 2 ? 3 : 4)), Map.of(), dir, line -> { },
                gaveUp::complete, 10);
        p.start();
        String why = gaveUp.get(30, TimeUnit.SECONDS);
        assertTrue(why.startsWith("the worker for cpu:0 cannot work for this search (exit code 4)"), why);
        assertEquals(3, starts.get());
        assertEquals(2, p.recycled());
        assertEquals(3, Files.readString(dir.resolve("worker-cpu-0.log")).lines().filter("started"::equals).count(),
                "each start appends to the device's log");
        p.close(1_000);
    }

    @Test
    void aFailingWorkerIsStartedAgainWithBackoffAndGivenUpAfterFiveQuickFailures(@TempDir Path dir) throws Exception {
        AtomicInteger starts = new AtomicInteger();
        List<String> said = new CopyOnWriteArrayList<>();
        CompletableFuture<String> gaveUp = new CompletableFuture<>();
        WorkerProcesses p = new WorkerProcesses(List.of("gpu:1"), d -> {
            starts.incrementAndGet();
            return List.of("sh", "-c", "exit 1");
        }, Map.of(), dir, said::add, gaveUp::complete, 10);
        p.start();
        String why = gaveUp.get(30, TimeUnit.SECONDS);
        assertEquals("the worker for gpu:1 failed 5 times in a row (last exit code 1); see " + dir.resolve("worker-gpu-1.log"),
                why);
        assertEquals(WorkerProcesses.MAX_FAILURES, starts.get());
        assertEquals(4, said.size(), "a line for each restart: " + said);
        assertTrue(said.get(3).contains("starting it again in 0.08 s"), said.get(3)); // 10, 20, 40, 80 ms
        p.close(1_000);
    }

    @Test
    void closingAsksEveryWorkerToLeaveAndStartsNoneAgain(@TempDir Path dir) throws Exception {
        AtomicInteger starts = new AtomicInteger();
        WorkerProcesses p = new WorkerProcesses(List.of("cpu:0", "cpu:1"), d -> {
            starts.incrementAndGet();
            return List.of("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.05; done");
        }, Map.of(), dir, line -> { }, why -> { }, 10);
        p.start();
        Thread.sleep(300);
        long start = System.nanoTime();
        p.close(5_000);
        assertTrue((System.nanoTime() - start) / 1e9 < 4, "the workers left on SIGTERM, none was killed after the wait");
        Thread.sleep(200);
        assertEquals(2, starts.get(), "nothing started again after close");
    }
}
