package dev.proxima.cluster;

import dev.proxima.cli.Main;
import dev.proxima.journal.EventJournal;
import dev.proxima.journal.SqliteJournal;
import dev.proxima.search.SearchEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code proxima} command running in a child JVM of its own (a real cluster node), its output in a log file. */
public final class Node implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private Node(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static Node start(Path dir, String name, String... args) {
        return start(dir, name, Map.of(), args);
    }

    public static Node start(Path dir, String name, Map<String, String> env, String... args) {
        return startWithHeap(dir, name, env, "256m", args);
    }

    /** @param heap the child's -Xmx (a node that loads a training dataset needs more than the default 256m) */
    public static Node startWithHeap(Path dir, String name, Map<String, String> env, String heap, String... args) {
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx" + heap, "-Dai.djl.offline=true",
                "-Dproxima.home=" + Path.of("").toAbsolutePath(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            b.environment().putAll(env);
            Process p = b.start();
            return new Node(name, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nobody listens on now, on 127.0.0.1. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The first group of the first output line matching {@code regex}, waiting for it. */
    public String await(String regex, long timeoutMillis) {
        Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            Matcher m = p.matcher(output());
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            if (!process.isAlive()) {
                break;
            }
            sleep(50);
        }
        Matcher m = p.matcher(output());
        if (m.find()) {
            return m.groupCount() > 0 ? m.group(1) : m.group();
        }
        throw new AssertionError(name + " did not print /" + regex + "/ within " + timeoutMillis + " ms"
                + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")") + "; its output:\n" + output());
    }

    /** SIGKILL: no shutdown hook, no goodbye to the cluster. */
    public void kill() {
        process.destroyForcibly();
        waitFor(10_000);
    }

    /** SIGTERM: the JVM's shutdown hook runs the node's coordinated shutdown. */
    public void terminate() {
        process.destroy();
    }

    public Optional<Integer> waitFor(long timeoutMillis) {
        try {
            return process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            waitFor(10_000);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** Waits until {@code condition} holds; fails with {@code what} after the timeout. */
    public static void until(BooleanSupplier condition, long timeoutMillis, String what) {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            sleep(100);
        }
    }

    /** A SQLite journal's events while its search runs (none while it is being created). */
    public static List<SearchEvent> events(Path journal) {
        if (!Files.exists(journal)) {
            return List.of();
        }
        try (EventJournal j = SqliteJournal.open(journal)) {
            return j.events();
        } catch (Exception e) {
            return List.of(); // being created: try again
        }
    }
}
