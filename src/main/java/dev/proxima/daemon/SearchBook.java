package dev.proxima.daemon;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The daemon's searches on disk: one folder each under {@code DIR/searches/} (the search's run
 * folder: its journal, events.log, trials.csv), holding what was submitted ({@value #SUBMITTED})
 * and the daemon's record of it ({@value #RECORD}, rewritten by an atomic rename). A restarted
 * daemon reads them back and resumes every search that was queued or running.
 */
public final class SearchBook {
    public static final String SUBMITTED = "submitted.conf";
    public static final String RECORD = "daemon.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** Where a search stands. */
    public enum State { QUEUED, RUNNING, FINISHED, CANCELLED, FAILED;
        /** The word the API and the CLI use. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public boolean ended() {
            return this == FINISHED || this == CANCELLED || this == FAILED;
        }
    }

    /** The daemon's record of one search; {@code why} says why it failed or was cancelled. */
    public record Entry(String id, String name, int priority, long order, State state, long submittedAtMillis, String why) {
        public Entry with(State newState, String reason) {
            return new Entry(id, name, priority, order, newState, submittedAtMillis, reason);
        }
    }

    private final Path searches;

    public SearchBook(Path dir) {
        this.searches = dir.resolve("searches");
    }

    public Path searchesDir() {
        return searches;
    }

    public Path folder(String id) {
        return searches.resolve(id);
    }

    /** Every search recorded, in submission order; a folder without a readable record is one clear line. */
    public List<Entry> entries() {
        if (!Files.isDirectory(searches)) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> folders = Files.list(searches)) {
            for (Path f : folders.filter(Files::isDirectory).toList()) {
                Path record = f.resolve(RECORD);
                if (!Files.isRegularFile(record)) {
                    continue; // a submission that crashed before its record was written: nothing was started
                }
                try {
                    Entry e = GSON.fromJson(Files.readString(record, StandardCharsets.UTF_8), Entry.class);
                    if (e == null || e.id() == null || e.state() == null || !e.id().equals(f.getFileName().toString())) {
                        throw new IllegalArgumentException(record + ": not a daemon record (id and state expected)");
                    }
                    out.add(e);
                } catch (JsonParseException x) {
                    throw new IllegalArgumentException(record + ": unreadable daemon record: " + x.getMessage(), x);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + searches + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparingLong(Entry::order));
        return out;
    }

    /** The next submission's order: after every recorded one. */
    public long nextOrder() {
        return entries().stream().mapToLong(Entry::order).max().orElse(0) + 1;
    }

    public void write(Entry e) {
        Path record = folder(e.id()).resolve(RECORD);
        Path tmp = record.resolveSibling(RECORD + ".tmp");
        try {
            Files.writeString(tmp, GSON.toJson(e) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException x) {
                Files.move(tmp, record, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException x) {
            throw new UncheckedIOException("cannot write " + record + ": " + x.getMessage(), x);
        }
    }

    public String submitted(String id) {
        try {
            return Files.readString(folder(id).resolve(SUBMITTED), StandardCharsets.UTF_8);
        } catch (IOException x) {
            throw new UncheckedIOException("cannot read " + folder(id).resolve(SUBMITTED) + ": " + x.getMessage(), x);
        }
    }
}
