package dev.proxima.supervisor;

import java.util.Arrays;

/** The supervisor's time per decision (nanoseconds), over the most recent {@code capacity} decisions. */
public final class DecisionLatency {
    private final long[] samples;
    private long count;

    public DecisionLatency(int capacity) {
        this.samples = new long[capacity];
    }

    public void record(long nanos) {
        samples[(int) (count++ % samples.length)] = nanos;
    }

    /** Decisions recorded so far (including ones no longer kept). */
    public long count() {
        return count;
    }

    /** The q-quantile (0..1) of the kept samples in microseconds, NaN when there are none. */
    public double quantileMicros(double q) {
        int n = (int) Math.min(count, samples.length);
        if (n == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        return sorted[(int) Math.min(n - 1, Math.floor(q * n))] / 1000.0;
    }
}
