package dev.proxima.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident memory (Java heap and native memory, libtorch's included). */
public final class ResidentMemory {
    private ResidentMemory() {}

    /** This process's resident set size in MiB; 0 where the OS does not say (no /proc). */
    static long mib() {
        return mib(ProcessHandle.current().pid());
    }

    /** Resident set size of process {@code pid} in MiB; 0 when it is gone or the OS does not say. */
    public static long mib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, the process ended, or an unexpected format: nothing to measure
        }
        return 0;
    }
}
