package dev.proxima.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One worker JVM per device, each a node that joined this JVM's cluster over 127.0.0.1: started,
 * started again at once when it recycled itself (exit code 3), started again with backoff when it
 * failed, given up when it failed {@link #MAX_FAILURES} times in a row or was refused, and asked to
 * leave (SIGTERM: it hands its trial back) when the search ends.
 */
public final class WorkerProcesses implements AutoCloseable {
    /** Quick failures in a row after which a device's worker is given up. */
    static final int MAX_FAILURES = 5;
    /** A process that lived this long before failing resets the count of failures in a row. */
    private static final long HEALTHY_MILLIS = 60_000;

    private final Function<String, List<String>> command;
    private final Map<String, String> environment;
    private final Path logDir;
    private final Consumer<String> say;
    private final Consumer<String> giveUp;
    private final List<Slot> slots = new ArrayList<>();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "worker-processes");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger recycled = new AtomicInteger();
    private final long firstBackoffMillis;
    private volatile boolean closing;

    private final class Slot {
        final String device;
        final Path log;
        volatile Process process;
        volatile long startedAt;
        int failures;

        Slot(String device) {
            this.device = device;
            this.log = logDir.resolve("worker-" + device.replaceAll("[^A-Za-z0-9]", "-") + ".log");
        }
    }

    /**
     * @param command the command line of the worker JVM for a device
     * @param environment set in each worker's environment
     * @param say a line for the user (a worker recycled, restarted, given up)
     * @param giveUp called when a device's worker is given up, with why
     */
    public WorkerProcesses(List<String> devices, Function<String, List<String>> command, Map<String, String> environment,
            Path logDir, Consumer<String> say, Consumer<String> giveUp) {
        this(devices, command, environment, logDir, say, giveUp, 1_000);
    }

    /** @param firstBackoffMillis the wait before the first restart of a failed worker; it doubles up to 30 s */
    WorkerProcesses(List<String> devices, Function<String, List<String>> command, Map<String, String> environment,
            Path logDir, Consumer<String> say, Consumer<String> giveUp, long firstBackoffMillis) {
        this.firstBackoffMillis = firstBackoffMillis;
        this.command = command;
        this.environment = environment;
        this.logDir = logDir;
        this.say = say;
        this.giveUp = giveUp;
        devices.forEach(d -> slots.add(new Slot(d)));
    }

    public void start() {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + logDir + ": " + e.getMessage(), e);
        }
        slots.forEach(this::launch);
    }

    /** Worker processes that ended to be replaced (trial count or memory bound). */
    public int recycled() {
        return recycled.get();
    }

    public Path logDir() {
        return logDir;
    }

    private synchronized void launch(Slot slot) {
        if (closing) {
            return;
        }
        ProcessBuilder b = new ProcessBuilder(command.apply(slot.device)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(slot.log.toFile()));
        b.environment().putAll(environment);
        try {
            slot.process = b.start();
        } catch (IOException e) {
            giveUp.accept("cannot start the worker for " + slot.device + ": " + e.getMessage());
            return;
        }
        slot.startedAt = System.currentTimeMillis();
        slot.process.onExit().thenAccept(p -> exited(slot, p.exitValue()));
    }

    private void exited(Slot slot, int code) {
        if (closing) {
            return;
        }
        long alive = System.currentTimeMillis() - slot.startedAt;
        if (code == ExitReason.RECYCLED.code()) {
            recycled.incrementAndGet();
            slot.failures = 0;
            launch(slot);
            return;
        }
        if (code == ExitReason.REFUSED.code() || code == 2) {
            giveUp.accept("the worker for " + slot.device + " cannot work for this search (exit code " + code + "); see "
                    + slot.log);
            return;
        }
        slot.failures = alive >= HEALTHY_MILLIS ? 1 : slot.failures + 1;
        if (slot.failures >= MAX_FAILURES) {
            giveUp.accept("the worker for " + slot.device + " failed " + slot.failures + " times in a row (last exit code "
                    + code + "); see " + slot.log);
            return;
        }
        long delay = Math.min(30_000, firstBackoffMillis << (slot.failures - 1));
        say.accept("the worker for " + slot.device + " ended with exit code " + code + " after " + alive / 1000
                + " s; starting it again in " + delay / 1000.0 + " s (its trial goes back to the queue)");
        restarts.schedule(() -> launch(slot), delay, TimeUnit.MILLISECONDS);
    }

    /** Asks every worker to leave (SIGTERM), waits up to {@code waitMillis}, then kills what is left. */
    public void close(long waitMillis) {
        synchronized (this) {
            closing = true;
        }
        restarts.shutdownNow();
        List<Process> live = slots.stream().map(s -> s.process).filter(p -> p != null && p.isAlive()).toList();
        live.forEach(Process::destroy);
        long end = System.currentTimeMillis() + waitMillis;
        for (Process p : live) {
            try {
                if (!p.waitFor(Math.max(0, end - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        close(30_000);
    }
}
