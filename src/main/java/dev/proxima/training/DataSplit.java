package dev.proxima.training;

import java.util.SplittableRandom;

/**
 * A fixed, seeded split of a training set into training and validation parts. Every trial of a
 * search sees the same split, and a data fraction always takes the same leading part of the same
 * shuffled training part, so candidates are compared on identical data.
 */
public final class DataSplit {
    private final ImageData train;
    private final ImageData validation;

    /** @param validationSize images held out for validation, drawn with {@code seed} */
    public DataSplit(ImageData full, int validationSize, long seed) {
        if (validationSize < 1 || validationSize >= full.size()) {
            throw new IllegalArgumentException("validation size must be in [1, " + (full.size() - 1) + "], got " + validationSize);
        }
        int[] order = permutation(full.size(), seed);
        int[] val = new int[validationSize];
        int[] tr = new int[full.size() - validationSize];
        System.arraycopy(order, 0, val, 0, validationSize);
        System.arraycopy(order, validationSize, tr, 0, tr.length);
        this.validation = full.select(val);
        this.train = full.select(tr);
    }

    public static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    public ImageData validation() {
        return validation;
    }

    /** The first {@code fraction} of the (already shuffled) training part; at least one image. */
    public ImageData train(double fraction) {
        if (fraction >= 1.0) {
            return train;
        }
        int n = Math.max(1, (int) Math.round(train.size() * fraction));
        int[] first = new int[n];
        for (int i = 0; i < n; i++) {
            first[i] = i;
        }
        return train.select(first);
    }
}
