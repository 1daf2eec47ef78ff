package dev.proxima.fusion;

import java.util.Arrays;

/**
 * The values one piece of evidence took over the candidates seen so far, kept sorted so that a
 * value's percentile is two binary searches. Inserting shifts the array: a search sees thousands
 * of candidates, not millions, so that stays cheaper than a tree.
 */
final class Population {
    private double[] sorted = new double[64];
    private int size;

    void add(double value) {
        if (size == sorted.length) {
            sorted = Arrays.copyOf(sorted, size * 2);
        }
        int at = upperBound(value);
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = value;
        size++;
    }

    int size() {
        return size;
    }

    /**
     * Where {@code value} (one of the population's own values) stands, from 0 (the lowest) to 1 (the
     * highest); ties share their mid-rank, and a population of one puts its value at 0.5.
     */
    double percentile(double value) {
        if (size <= 1) {
            return 0.5;
        }
        int below = lowerBound(value);
        int equal = Math.max(1, upperBound(value) - below);
        return (below + (equal - 1) / 2.0) / (size - 1);
    }

    /** First index whose value is >= {@code value} ({@link Double#compare} order: -Infinity first). */
    private int lowerBound(double value) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(sorted[mid], value) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index whose value is > {@code value}. */
    private int upperBound(double value) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(sorted[mid], value) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
