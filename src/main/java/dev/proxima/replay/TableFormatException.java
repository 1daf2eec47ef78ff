package dev.proxima.replay;

/** A benchmark file that cannot be read as configured; the message names file, line and column. */
public final class TableFormatException extends IllegalArgumentException {
    public TableFormatException(String message) {
        super(message);
    }
}
