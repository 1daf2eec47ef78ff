package dev.proxima.zerocost;

import ai.djl.Device;
import dev.proxima.space.nb201.Nb201Network;
import dev.proxima.training.ImageData;
import java.util.List;
import java.util.Set;

/**
 * Creates zero-cost scorers by name.
 *
 * @param shape the network every cell is built into (NAS-Bench-201's own: {@link Nb201Network#CIFAR10})
 * @param batch the fixed images data-dependent scorers see (see {@link ZeroCostData#batch}); gradient
 *     scorers use the first {@code gradientBatch} of them
 * @param seed initialisation seed of the scored networks
 */
public record ZeroCostScorers(Nb201Network shape, ImageData batch, int gradientBatch, long seed, Device device) {
    /** Every scorer, cheapest first. */
    public static final List<String> NAMES = List.of("params", "flops", "synflow", "grad_norm", "snip", "naswot", "eproxy");
    /** The scorers whose lower values predict better networks (their {@link ZeroCostScorer#higherIsBetter()} is false). */
    public static final Set<String> LOWER_IS_BETTER = Set.of("eproxy");

    public ZeroCostScorer create(String name) {
        return switch (name) {
            case "params" -> new ModelSize(shape, false);
            case "flops" -> new ModelSize(shape, true);
            case "synflow" -> new Synflow(shape, seed, device);
            case "naswot" -> new Naswot(shape, batch, seed, device);
            case "eproxy" -> eproxy(EproxySettings.DEFAULT);
            case "grad_norm" -> new GradientSaliency(GradientSaliency.Kind.GRAD_NORM, shape, first(gradientBatch), seed, device);
            case "snip" -> new GradientSaliency(GradientSaliency.Kind.SNIP, shape, first(gradientBatch), seed, device);
            default -> throw new IllegalArgumentException("unknown zero-cost scorer '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }

    /** Eproxy with the given settings (the name {@code eproxy} means {@link EproxySettings#DEFAULT}). */
    public Eproxy eproxy(EproxySettings settings) {
        return new Eproxy(settings, shape, batch, seed, device);
    }

    private ImageData first(int n) {
        int[] indices = new int[Math.min(n, batch.size())];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i;
        }
        return batch.select(indices);
    }
}
