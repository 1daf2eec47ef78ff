package dev.proxima.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks of command-line values that picocli's types do not cover; each failure is one line naming the option. */
final class Args {
    private Args() {}

    /** A bad command-line value: exit code 2, like a configuration problem. */
    static final class Problem extends IllegalArgumentException {
        Problem(String message) {
            super(message);
        }
    }

    static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new Problem(option + " must be >= " + min + ", got " + value);
        }
    }

    static void allAtLeast(String option, List<Integer> values, int min) {
        if (values.isEmpty()) {
            throw new Problem(option + " needs at least one value");
        }
        for (int v : values) {
            atLeast(option, v, min);
        }
    }

    static void between(String option, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new Problem(option + " must be between " + fmt(min) + " and " + fmt(max) + ", got " + fmt(value));
        }
    }

    static void positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new Problem(option + " must be > 0, got " + fmt(value));
        }
    }

    static void oneOf(String option, List<String> values, List<String> allowed) {
        for (String v : values) {
            if (!allowed.contains(v)) {
                throw new Problem(option + ": '" + v + "' is not one of " + String.join(", ", allowed));
            }
        }
    }

    /** A file the command will write: its folder must exist and be writable, and it must not be a folder itself. */
    static void outputFile(String option, Path file) {
        if (file == null) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            throw new Problem(option + " " + file + ": is a directory, not a file");
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw new Problem(option + " " + file + ": the folder " + parent + " does not exist");
        }
        if (!Files.isWritable(parent) || (Files.exists(file) && !Files.isWritable(file))) {
            throw new Problem(option + " " + file + ": cannot write there");
        }
    }

    /** A file the command will read. */
    static void inputFile(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new Problem(option + " " + file + ": is a directory, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new Problem(option + " " + file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new Problem(option + " " + file + ": not readable");
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
