package dev.proxima.zerocost;

import ai.djl.Device;
import dev.proxima.evaluation.Evaluation;
import dev.proxima.evaluation.EvaluationFailedException;
import dev.proxima.evaluation.EvaluationRequest;
import dev.proxima.proxy.TrainingRecipe;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Network;
import dev.proxima.training.ImageData;
import dev.proxima.training.TrainingData;
import dev.proxima.training.TrainingFreeScorer;
import java.util.Map;

/**
 * A zero-cost scorer as the cheapest tier of a real search's ladder: a 0-epoch tier named after a
 * scorer ({@code synflow}, {@code naswot}, ...) scores the network the tiers above will train (the
 * tier's channels, cells and resolution on the dataset's images), with a fixed batch of its
 * training images. The score is the trial's score (negated for a lower-is-better scorer).
 */
public final class ZeroCostTier implements TrainingFreeScorer {
    /** Images the data-dependent scorers see. */
    static final int BATCH = 64;

    private final TrainingData data;
    private final long seed;

    public ZeroCostTier(TrainingData data, long seed) {
        this.data = data;
        this.seed = seed;
    }

    @Override
    public Evaluation score(EvaluationRequest request, Device device) {
        long start = System.nanoTime();
        if (!(request.architecture() instanceof Nb201Cell cell)) {
            throw new EvaluationFailedException("zero-cost scorers build nb201 cells only, got "
                    + request.architecture().space(), 0);
        }
        TrainingRecipe r = request.fidelity().recipe();
        ImageData train = data.train(r.dataFraction(), r.resolution());
        Nb201Network shape = new Nb201Network(r.initialChannels(), r.cellsPerStage(), train.height(), train.channels(),
                train.classes());
        ZeroCostScorer scorer;
        try {
            scorer = new ZeroCostScorers(shape, ZeroCostData.batch(train, shape, Math.min(BATCH, train.size()), seed), BATCH,
                    seed, device).create(request.fidelity().name());
        } catch (IllegalArgumentException e) {
            throw new EvaluationFailedException("tier '" + request.fidelity().name() + "': " + e.getMessage(), 0);
        }
        double value;
        try {
            value = scorer.score(cell);
        } catch (RuntimeException e) {
            throw new EvaluationFailedException(scorer.name() + ": " + e.getMessage(), seconds(start));
        }
        if (!Double.isFinite(value)) {
            throw new EvaluationFailedException(scorer.name() + " is " + value
                    + (value == Double.NEGATIVE_INFINITY ? " (no unit sees the input)" : ""), seconds(start));
        }
        return new Evaluation(scorer.higherIsBetter() ? value : -value, seconds(start), Map.of(scorer.name(), value));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
