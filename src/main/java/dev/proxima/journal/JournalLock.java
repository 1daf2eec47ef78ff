package dev.proxima.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Only one process writes a journal: the writer holds an OS lock on {@code <journal>.lock}, which
 * the OS drops when the process dies (kill -9 included), so a stale lock never blocks a resume.
 * Readers ({@code status}, {@code export}) take no lock. The lock file stays empty: taking the
 * lock changes no byte of the run folder.
 */
final class JournalLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private JournalLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws IllegalArgumentException when another live search (or this one) writes the journal */
    static JournalLock acquire(Path journal) {
        Path file = journal.resolveSibling(journal.getFileName() + ".lock");
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IllegalArgumentException(journal + ": cannot lock the journal (" + e.getMessage() + ")", e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new JournalLock(channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // held by this JVM: the same answer as for another process
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException(journal + ": cannot lock the journal: " + e.getMessage(), e);
        }
        close(channel);
        throw new IllegalArgumentException(journal + ": a live search is writing this journal; wait for it to end "
                + "(or stop it), then resume");
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was locked
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the journal lock: " + e.getMessage(), e);
        }
    }
}
