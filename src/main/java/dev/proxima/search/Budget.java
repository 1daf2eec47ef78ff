package dev.proxima.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Limits of a search. A limit of 0 means "no limit". Results that arrive after the device-second
 * or wall-clock budget ran out are discarded, as in the NAS-Bench-201 protocol, where a trial
 * whose cost would exceed the budget does not count.
 *
 * @param maxTrials evaluations to start (re-tries of a lost attempt and reused results not counted)
 * @param maxDeviceSeconds evaluation cost summed over all workers, in (simulated) device-seconds
 * @param maxWallSeconds seconds on the search's clock since it started (virtual time in a replay)
 */
public record Budget(long maxTrials, double maxDeviceSeconds, double maxWallSeconds) {

    /** Which limit ran out. {@code TRIALS} lets started trials finish; the other two end the search at once. */
    public enum Limit {
        TRIALS, DEVICE_SECONDS, WALL_CLOCK,
        /** Not a budget: under dedup, uniform draws found no candidate without a result; started trials finish. */
        SPACE;

        /** True for the limits that end the search at once; the others let started trials finish. */
        public boolean endsAtOnce() {
            return this == DEVICE_SECONDS || this == WALL_CLOCK;
        }

        /** "trials budget used up", "space exhausted". */
        public String describe() {
            return this == SPACE ? "space exhausted (no candidate without a result left)"
                    : name().toLowerCase(Locale.ROOT).replace('_', '-') + " budget used up";
        }
    }

    public Budget {
        if (maxTrials < 0 || maxDeviceSeconds < 0 || maxWallSeconds < 0 || Double.isNaN(maxDeviceSeconds)
                || Double.isNaN(maxWallSeconds)) {
            throw new IllegalArgumentException("budget limits must be >= 0 (0 = none), got " + maxTrials + " trials, "
                    + maxDeviceSeconds + " device-seconds, " + maxWallSeconds + " wall-clock seconds");
        }
        if (maxTrials == 0 && maxDeviceSeconds == 0 && maxWallSeconds == 0) {
            throw new IllegalArgumentException("a search needs at least one budget limit (trials, device-seconds or wall-clock)");
        }
    }

    /** "40 trials, 12000 device-s, 600 s wall-clock": the limits that are set. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (maxTrials > 0) {
            parts.add(maxTrials + " trials");
        }
        if (maxDeviceSeconds > 0) {
            parts.add(String.format(Locale.ROOT, "%.0f device-s", maxDeviceSeconds));
        }
        if (maxWallSeconds > 0) {
            parts.add(String.format(Locale.ROOT, "%.0f s wall-clock", maxWallSeconds));
        }
        return String.join(", ", parts);
    }

    boolean trialsExhausted(long started) {
        return maxTrials > 0 && started >= maxTrials;
    }

    boolean deviceSecondsExceeded(double used) {
        return maxDeviceSeconds > 0 && used > maxDeviceSeconds;
    }

    boolean wallClockExceeded(double elapsedSeconds) {
        return maxWallSeconds > 0 && elapsedSeconds > maxWallSeconds;
    }
}
