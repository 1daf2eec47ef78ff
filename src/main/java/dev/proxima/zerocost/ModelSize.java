package dev.proxima.zerocost;

import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Network;

/** The size baselines: trainable parameters ({@code params}) or multiply-accumulates ({@code flops}), counted, not run. */
public final class ModelSize implements ZeroCostScorer {
    private final Nb201Network shape;
    private final boolean flops;

    public ModelSize(Nb201Network shape, boolean flops) {
        this.shape = shape;
        this.flops = flops;
    }

    @Override
    public String name() {
        return flops ? "flops" : "params";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public double score(Nb201Cell cell) {
        return flops ? shape.megaFlops(cell) : shape.megaParams(cell);
    }
}
