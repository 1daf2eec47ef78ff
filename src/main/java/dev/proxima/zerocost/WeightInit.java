package dev.proxima.zerocost;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.proxima.zerocost.EproxySettings.Init;
import java.util.SplittableRandom;

/** Seeded weight initialisation as PyTorch's {@code nn.init} schemes draw it, so scores are reproducible. */
final class WeightInit {
    private WeightInit() {}

    /**
     * Overwrites a convolution or linear weight ([out, in, k...]) with values drawn by {@code init};
     * {@code absolute} keeps |w| (synflow's linearised network).
     */
    static void weight(NDArray w, Init init, SplittableRandom rng, boolean absolute) {
        Shape s = w.getShape();
        double fanIn = (double) s.size() / s.get(0);
        double fanOut = (double) s.size() / s.get(1);
        double[] values = new double[Math.toIntExact(s.size())];
        for (int i = 0; i < values.length; i++) {
            double v = switch (init) {
                case PYTORCH_DEFAULT -> uniform(rng, 1 / Math.sqrt(fanIn)); // kaiming_uniform_(a=sqrt(5))
                case XAVIER_UNIFORM -> uniform(rng, Math.sqrt(6 / (fanIn + fanOut)));
                case XAVIER_NORMAL -> rng.nextGaussian() * Math.sqrt(2 / (fanIn + fanOut));
                case KAIMING_UNIFORM -> uniform(rng, Math.sqrt(6 / fanOut));
                case KAIMING_NORMAL -> rng.nextGaussian() * Math.sqrt(2 / fanOut);
            };
            values[i] = absolute ? Math.abs(v) : v;
        }
        set(w, values);
    }

    /** A layer's bias: PyTorch's default U(+-1/sqrt(fan_in)) under {@code PYTORCH_DEFAULT}, else 0 (as init_net sets it). */
    static void bias(NDArray b, Init init, double fanIn, SplittableRandom rng) {
        double[] values = new double[Math.toIntExact(b.size())];
        if (init == Init.PYTORCH_DEFAULT) {
            for (int i = 0; i < values.length; i++) {
                values[i] = uniform(rng, 1 / Math.sqrt(fanIn));
            }
        }
        set(b, values);
    }

    private static double uniform(SplittableRandom rng, double bound) {
        return (2 * rng.nextDouble() - 1) * bound;
    }

    private static void set(NDArray a, double[] values) {
        if (a.getDataType() == DataType.FLOAT64) {
            a.set(values);
            return;
        }
        float[] single = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            single[i] = (float) values[i];
        }
        a.set(single);
    }
}
