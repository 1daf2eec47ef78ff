package dev.proxima.store;

import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One run's folder: {@code events.log} (every search event, appended and flushed as it happens, so
 * a crash keeps what was decided), {@code trials.csv} and {@code summary.txt} (rewritten while the
 * search runs and at its end, each by an atomic rename).
 * A run never writes into another run's folder.
 */
public final class RunDirectory implements AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final Path path;
    private final BufferedWriter events;

    private RunDirectory(Path path, StandardOpenOption... modes) throws IOException {
        this.path = path;
        this.events = Files.newBufferedWriter(path.resolve("events.log"), StandardCharsets.UTF_8, modes);
    }

    /** A new, empty run folder {@code <runsDir>/<timestamp>-<kind>[-n]} with its {@code events.log}. */
    public static RunDirectory create(Path runsDir, String kind) {
        Path dir = newFolder(runsDir, kind);
        try {
            return new RunDirectory(dir, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run folder in " + runsDir + ": " + e.getMessage(), e);
        }
    }

    /** A new, empty folder {@code <runsDir>/<timestamp>-<kind>[-n]}, for a command's results that are not a search's. */
    public static Path newFolder(Path runsDir, String kind) {
        try {
            Files.createDirectories(runsDir);
            String base = LocalDateTime.now().format(STAMP) + "-" + kind;
            Path dir = runsDir.resolve(base);
            for (int n = 2; Files.exists(dir); n++) {
                dir = runsDir.resolve(base + "-" + n);
            }
            return Files.createDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run folder in " + runsDir + ": " + e.getMessage(), e);
        }
    }

    /** The folder of a run that goes on (resumed): its {@code events.log} is appended to. */
    public static RunDirectory reopen(Path dir) {
        try {
            return new RunDirectory(dir, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reopen the run folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Refuses, before any work, a runs folder that cannot be one (a file stands there, or it cannot be written). */
    public static void checkParent(Path runsDir) {
        if (Files.exists(runsDir) && !Files.isDirectory(runsDir)) {
            throw new IllegalArgumentException("proxima.runs-dir " + runsDir + ": is a file, not a folder");
        }
        Path existing = runsDir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new IllegalArgumentException("proxima.runs-dir " + runsDir + ": cannot create run folders there");
        }
    }

    public Path path() {
        return path;
    }

    /** Appends events, one line each, and flushes. */
    public synchronized void append(List<SearchEvent> emitted) {
        try {
            for (SearchEvent e : emitted) {
                events.write(e.toString());
                events.newLine();
            }
            events.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + path.resolve("events.log"), e);
        }
    }

    /** Rewrites {@code trials.csv}; a reader sees the old file or the new one, never half of one. */
    public void writeTrials(SearchCore core, List<String> metricColumns) throws IOException {
        replace("trials.csv", TrialsCsv.of(core, metricColumns));
    }

    /** Rewrites {@code summary.txt}, atomically like {@link #writeTrials}. */
    public void writeSummary(String text) throws IOException {
        replace("summary.txt", text);
    }

    private void replace(String name, String text) throws IOException {
        Path tmp = path.resolve(name + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, path.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public synchronized void close() throws IOException {
        events.close();
    }
}
