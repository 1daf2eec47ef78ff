package dev.proxima.zerocost;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import dev.proxima.training.DataSplit;
import dev.proxima.training.ImageData;
import dev.proxima.zerocost.EproxySettings.Branch;
import dev.proxima.zerocost.EproxySettings.Target;
import java.util.EnumMap;
import java.util.SplittableRandom;

/**
 * Eproxy's fixed synthetic targets: one [16, 512, 8, 8] map per family, generated once from a seed
 * as GenNAS generates them ({@code utils/tricks.py}); a branch's target is level x the sum of its
 * families' first {@code targetChannels} channels, as GenNAS-Zero slices its stored maps.
 */
final class EproxyTargets {
    static final int BATCH = 16;
    static final int SIZE = 8;
    static final int CHANNELS = 512;
    private static final int PHASES = 32; // GenNAS's num_pos_feats: 32 y-channels and 32 x-channels per frequency

    private final EnumMap<Target, float[]> maps = new EnumMap<>(Target.class);

    private final ImageData images;
    private final long seed;
    private final Device device;

    /** @param images the 16 images every architecture sees (the "net" family is computed from them) */
    EproxyTargets(ImageData images, long seed, Device device) {
        if (images.size() != BATCH) {
            throw new IllegalArgumentException("Eproxy trains on " + BATCH + " images, got " + images.size());
        }
        this.images = images;
        this.seed = seed;
        this.device = device;
    }

    /** A family's map, generated on first use from its own stream of the seed. */
    private float[] map(Target t) {
        return maps.computeIfAbsent(t, family -> {
            SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + family.ordinal() + 1);
            return switch (family) {
                case WAVE_L -> waves(frequencies(0.0125, 0.0125), rng);
                case WAVE_M -> waves(frequencies(0.125, 0.025), rng);
                case WAVE_H -> waves(frequencies(0.375, 0.0125), rng);
                case DOT -> dots(rng);
                case NET -> randomNetwork(images, rng, device);
            };
        });
    }

    /** The branch's target, [16, targetChannels, 8, 8] flattened. */
    float[] target(Branch branch) {
        int c = branch.targetChannels();
        int plane = SIZE * SIZE;
        float[] out = new float[BATCH * c * plane];
        for (Target t : branch.targets()) {
            float[] map = map(t);
            for (int b = 0; b < BATCH; b++) {
                for (int i = 0; i < c * plane; i++) {
                    out[b * c * plane + i] += map[b * CHANNELS * plane + i];
                }
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] *= (float) branch.level();
        }
        return out;
    }

    /** Ten frequency factors from {@code first} in steps of {@code step} (GenNAS's "range" lists). */
    private static double[] frequencies(double first, double step) {
        double[] betas = new double[10];
        for (int i = 0; i < betas.length; i++) {
            betas[i] = first + i * step;
        }
        return betas;
    }

    /**
     * Position-encoding waves, per image (GenNAS's {@code local=True}): for every frequency beta, 32
     * random phases; channel k along y is sin (k even) or cos (k odd) of 2 pi beta (y+1) + phase_k,
     * then the same along x; 640 channels per image, of which a random 512 are kept.
     */
    private static float[] waves(double[] betas, SplittableRandom rng) {
        int plane = SIZE * SIZE;
        int perBeta = 2 * PHASES;
        float[] out = new float[BATCH * CHANNELS * plane];
        float[] all = new float[betas.length * perBeta * plane];
        for (int b = 0; b < BATCH; b++) {
            for (int f = 0; f < betas.length; f++) {
                double[] phase = new double[PHASES];
                for (int k = 0; k < PHASES; k++) {
                    phase[k] = rng.nextDouble() * 2 * Math.PI;
                }
                for (int axis = 0; axis < 2; axis++) {
                    for (int k = 0; k < PHASES; k++) {
                        int channel = f * perBeta + axis * PHASES + k;
                        for (int y = 0; y < SIZE; y++) {
                            for (int x = 0; x < SIZE; x++) {
                                int position = axis == 0 ? y : x;
                                double angle = (position + 1) * 2 * Math.PI * betas[f] + phase[k];
                                all[channel * plane + y * SIZE + x] = (float) (k % 2 == 0 ? Math.sin(angle) : Math.cos(angle));
                            }
                        }
                    }
                }
            }
            int[] keep = DataSplit.permutation(betas.length * perBeta, rng.nextLong());
            for (int c = 0; c < CHANNELS; c++) {
                System.arraycopy(all, keep[c] * plane, out, (b * CHANNELS + c) * plane, plane);
            }
        }
        return out;
    }

    /** +-1 with equal odds at every position of every channel and image (GenNAS's dot map, fully populated). */
    private static float[] dots(SplittableRandom rng) {
        float[] out = new float[BATCH * CHANNELS * SIZE * SIZE];
        for (int i = 0; i < out.length; i++) {
            out[i] = rng.nextBoolean() ? 1f : -1f;
        }
        return out;
    }

    /**
     * The "net" family, which GenNAS-Zero loads from a file it does not publish: here the output of a
     * frozen, randomly initialised CNN (3x3 stride-2 conv to 64, ReLU, 3x3 stride-2 conv to 512) on the
     * same images, resized to 8x8 (nearest; 32x32 input needs none), each channel standardised to
     * mean 0 and variance 1.
     */
    private static float[] randomNetwork(ImageData images, SplittableRandom rng, Device device) {
        try (NDManager m = NDManager.newBaseManager(device)) {
            NDArray x = m.create(images.pixels(), new Shape(BATCH, images.channels(), images.height(), images.width()));
            NDArray h = Activation.relu(conv(m, x, 64, rng));
            NDArray y = EproxyNetwork.nearest(conv(m, h, CHANNELS, rng), SIZE);
            return standardised(y.toFloatArray());
        }
    }

    /** Each channel of a [16, 512, 8, 8] map to mean 0 and variance 1 over images and positions. */
    private static float[] standardised(float[] map) {
        int plane = SIZE * SIZE;
        for (int c = 0; c < CHANNELS; c++) {
            double sum = 0;
            double squares = 0;
            for (int b = 0; b < BATCH; b++) {
                for (int i = 0; i < plane; i++) {
                    double v = map[(b * CHANNELS + c) * plane + i];
                    sum += v;
                    squares += v * v;
                }
            }
            int n = BATCH * plane;
            double mean = sum / n;
            double std = Math.sqrt(Math.max(squares / n - mean * mean, 0)) + 1e-6;
            for (int b = 0; b < BATCH; b++) {
                for (int i = 0; i < plane; i++) {
                    int at = (b * CHANNELS + c) * plane + i;
                    map[at] = (float) ((map[at] - mean) / std);
                }
            }
        }
        return map;
    }

    private static NDArray conv(NDManager m, NDArray x, int out, SplittableRandom rng) {
        int in = Math.toIntExact(x.getShape().get(1));
        float[] w = new float[out * in * 9];
        double bound = 1 / Math.sqrt(in * 9.0);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        NDArray weight = m.create(w, new Shape(out, in, 3, 3));
        return Conv2d.conv2d(x, weight, null, new Shape(2, 2), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
    }
}
