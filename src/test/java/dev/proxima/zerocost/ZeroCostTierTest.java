package dev.proxima.zerocost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.proxima.evaluation.Evaluation;
import dev.proxima.evaluation.EvaluationFailedException;
import dev.proxima.evaluation.EvaluationRequest;
import dev.proxima.evaluation.StopSignal;
import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.Resume;
import dev.proxima.proxy.TrainingRecipe;
import dev.proxima.space.nb201.Nb201Space;
import dev.proxima.training.DataSplit;
import dev.proxima.training.DjlEngines;
import dev.proxima.training.DjlTrainingEvaluator;
import dev.proxima.training.ImageDatasets;
import dev.proxima.training.TrainingData;
import dev.proxima.training.TrainingMetrics;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** A 0-epoch tier named after a scorer, scored by the device's evaluator in a real search. */
class ZeroCostTierTest {

    @Test
    void zeroEpochTiersAndFusionEvidenceAreScoredByTheirScorersAndAnUnknownNameFailsTheTrial() {
        DjlEngines.start("PyTorch", 2);
        TrainingData data = new TrainingData(new DataSplit(ImageDatasets.fashionMnist(ImageDatasets.DEBIAN_FASHION_MNIST).train(),
                1_000, 3));
        TrainingRecipe small = new TrainingRecipe(8, 1, 0, 0.05, 64, 0.1, 0.9, 5e-4, 0, 0);
        Nb201Space space = new Nb201Space();
        String cell = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|skip_connect~2|";
        try (DjlTrainingEvaluator evaluator = new DjlTrainingEvaluator(data, Device.cpu(), null, 0, new ZeroCostTier(data, 1))) {
            Evaluation synflow = evaluator.evaluate(new EvaluationRequest(1, 1, space.parse(cell), new Fidelity("synflow", 0, small)),
                    (epoch, score) -> { }, new StopSignal()).toCompletableFuture().join();
            assertTrue(synflow.score() > 0, "synflow of the proxy network: " + synflow.score());
            assertEquals(synflow.score(), synflow.metrics().get("synflow"));
            // Eproxy's loss is lower-is-better: the trial's score is its negation (on 28x28 input, taps resized to 8x8)
            Evaluation eproxy = evaluator.evaluate(new EvaluationRequest(3, 1, space.parse(cell), new Fidelity("eproxy", 0, small)),
                    (epoch, score) -> { }, new StopSignal()).toCompletableFuture().join();
            assertTrue(eproxy.metrics().get("eproxy") > 0, eproxy.metrics().toString());
            assertEquals(-eproxy.metrics().get("eproxy"), eproxy.score());

            // fusion evidence: a trained trial also reports the zero-cost scores it was asked for, as measured,
            // and pays for them; the same scores as the 0-epoch tiers give for the same network
            Evaluation trained = evaluator.evaluate(new EvaluationRequest(4, 1, space.parse(cell), new Fidelity("e1", 1, small),
                    Resume.NONE, List.of("synflow", "eproxy")), (epoch, score) -> { },
                    new StopSignal()).toCompletableFuture().join();
            assertEquals(synflow.metrics().get("synflow"), trained.metrics().get("synflow"), 1e-9 * synflow.score());
            assertEquals(eproxy.metrics().get("eproxy"), trained.metrics().get("eproxy"), 1e-6);
            assertTrue(trained.metrics().containsKey("val_acc"), trained.metrics().toString());
            assertTrue(trained.costSeconds() > trained.metrics().get(TrainingMetrics.EVIDENCE_SECONDS),
                    "the scores' time is part of the trial's cost");
            assertTrue(trained.metrics().get(TrainingMetrics.EVIDENCE_SECONDS) > 0);

            CompletionException e = assertThrows(CompletionException.class, () -> evaluator.evaluate(
                    new EvaluationRequest(2, 1, space.parse(cell), new Fidelity("screen", 0, small)),
                    (epoch, score) -> { }, new StopSignal()).toCompletableFuture().join());
            assertTrue(e.getCause() instanceof EvaluationFailedException && e.getCause().getMessage().startsWith("tier 'screen'"),
                    String.valueOf(e.getCause()));
        }
    }
}
