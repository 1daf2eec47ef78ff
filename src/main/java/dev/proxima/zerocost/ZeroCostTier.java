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
import java.util.LinkedHashMap;
import java.util.List;
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
        Nb201Cell cell = cell(request);
        ZeroCostScorer scorer;
        try {
            scorer = scorers(request, device).create(request.fidelity().name());
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

    /** Undefined values (NASWOT's -Infinity for a cell whose output ignores its input) are kept: they rank last. */
    @Override
    public Map<String, Double> scores(EvaluationRequest request, List<String> names, Device device) {
        long start = System.nanoTime();
        Nb201Cell cell = cell(request);
        ZeroCostScorers scorers = scorers(request, device);
        Map<String, Double> values = new LinkedHashMap<>();
        for (String name : names) {
            try {
                values.put(name, scorers.create(name).score(cell));
            } catch (RuntimeException e) {
                throw new EvaluationFailedException("zero-cost score " + name + ": " + e.getMessage(), seconds(start));
            }
        }
        return values;
    }

    private static Nb201Cell cell(EvaluationRequest request) {
        if (!(request.architecture() instanceof Nb201Cell cell)) {
            throw new EvaluationFailedException("zero-cost scorers build nb201 cells only, got "
                    + request.architecture().space(), 0);
        }
        return cell;
    }

    /** Scorers of the network the request's fidelity trains (its channels, cells and resolution). */
    private ZeroCostScorers scorers(EvaluationRequest request, Device device) {
        TrainingRecipe r = request.fidelity().recipe();
        ImageData train = data.train(r.dataFraction(), r.resolution());
        Nb201Network shape = new Nb201Network(r.initialChannels(), r.cellsPerStage(), train.height(), train.channels(),
                train.classes());
        return new ZeroCostScorers(shape, ZeroCostData.batch(train, shape, Math.min(BATCH, train.size()), seed), BATCH,
                seed, device);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
