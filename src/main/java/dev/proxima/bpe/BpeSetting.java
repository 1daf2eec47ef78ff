package dev.proxima.bpe;

import java.util.List;

/**
 * One point of a {@link BpeSpace}: for each of its dimensions, the index of the value chosen
 * (values are kept in ascending order, so a higher level is a larger value).
 */
public record BpeSetting(List<Integer> levels) {
    public BpeSetting {
        levels = List.copyOf(levels);
    }

    public int level(int dimension) {
        return levels.get(dimension);
    }

    /** This setting with {@code dimension} at {@code level}. */
    public BpeSetting with(int dimension, int level) {
        Integer[] copy = levels.toArray(new Integer[0]);
        copy[dimension] = level;
        return new BpeSetting(List.of(copy));
    }
}
