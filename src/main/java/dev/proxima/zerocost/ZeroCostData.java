package dev.proxima.zerocost;

import dev.proxima.space.nb201.Nb201Network;
import dev.proxima.training.DataSplit;
import dev.proxima.training.ImageData;
import java.util.Arrays;

/** The fixed batch that data-dependent scorers see, adapted to the network's input. */
public final class ZeroCostData {
    private ZeroCostData() {}

    /**
     * {@code size} images drawn once with {@code seed} from {@code source}, resized to the network's
     * resolution and given its input channels (a grey image repeated on each), in a fixed order.
     */
    public static ImageData batch(ImageData source, Nb201Network shape, int size, long seed) {
        if (size < 2 || size > source.size()) {
            throw new IllegalArgumentException("zero-cost batch of " + size + " images from a set of " + source.size());
        }
        int[] chosen = Arrays.copyOf(DataSplit.permutation(source.size(), seed), size);
        return source.select(chosen).resized(shape.resolution()).withChannels(shape.inputChannels());
    }

    static void requireFits(ImageData batch, Nb201Network shape) {
        if (batch.channels() != shape.inputChannels() || batch.height() != shape.resolution()
                || batch.width() != shape.resolution()) {
            throw new IllegalArgumentException("zero-cost batch of " + batch.channels() + "x" + batch.height() + "x"
                    + batch.width() + " images does not fit a network for " + shape.inputChannels() + "x"
                    + shape.resolution() + "x" + shape.resolution());
        }
    }
}
