package dev.proxima.journal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses a file that is no SQLite database, or one cut short, before SQLite opens it: SQLite
 * would create its side files ({@code -wal}, {@code -shm}) next to a WAL-mode file on opening,
 * even one it then cannot read, so a refused file's folder would not stay as it was. (Deleting
 * them afterwards is no cure: a live writer may have just made them.) Header layout:
 * sqlite.org/fileformat.html, section 1.3.
 */
final class SqliteFileCheck {
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 100;

    private SqliteFileCheck() {}

    static void check(Path file) throws IOException {
        byte[] header = new byte[HEADER];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(header, 0, HEADER);
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (read < HEADER || header[i] != MAGIC[i]) {
                throw new IllegalArgumentException(file + ": not a Proxima journal (" + (read == 0 ? "an empty file"
                        : "not an SQLite database") + ")");
            }
        }
        ByteBuffer b = ByteBuffer.wrap(header);
        int pageSize = Short.toUnsignedInt(b.getShort(16));
        long bytesPerPage = pageSize == 1 ? 65_536 : pageSize;
        long pages = Integer.toUnsignedLong(b.getInt(28));
        boolean sizeValid = pages > 0 && b.getInt(24) == b.getInt(92);
        // with a write-ahead log beside it the file may lag its header while a live writer checkpoints
        boolean settled = !Files.exists(Path.of(file + "-wal"));
        long size = Files.size(file);
        if (settled && sizeValid && size < pages * bytesPerPage) {
            throw new IllegalArgumentException(file + ": the journal is truncated (" + size + " of " + pages * bytesPerPage
                    + " bytes); restore it from a copy");
        }
    }
}
