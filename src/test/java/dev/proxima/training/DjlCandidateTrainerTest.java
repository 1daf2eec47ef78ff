package dev.proxima.training;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real training on Fashion-MNIST (Debian's dataset-fashion-mnist), small enough for CI. */
class DjlCandidateTrainerTest {
    static final String CELL = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|skip_connect~2|";
    private static TrainingData data;
    private final Nb201Space space = new Nb201Space();

    @BeforeAll
    static void load() {
        DjlEngines.start("PyTorch", 2);
        ImageDatasets.TrainTest fmnist = ImageDatasets.fashionMnist(ImageDatasets.DEBIAN_FASHION_MNIST);
        data = new TrainingData(new DataSplit(fmnist.train(), 2_000, 7));
    }

    static Fidelity tiny(int epochs, double fraction, int validateEvery) {
        return new Fidelity("tiny", epochs, new TrainingRecipe(8, 1, 14, fraction, 64, 0.1, 0.9, 5e-4, 0, validateEvery));
    }

    @Test
    void aTinyTrainingRunBeatsChanceClearlyAndReportsEveryEpoch() {
        List<double[]> curve = new ArrayList<>();
        Evaluation e = new DjlCandidateTrainer(data, Device.cpu()).train(
                new EvaluationRequest(1, 1, space.parse(CELL), tiny(2, 0.05, 0)),
                (epoch, score) -> curve.add(new double[] {epoch, score}), new StopSignal());
        assertTrue(e.score() > 50, "10 classes: chance is 10%, got " + e.score());
        assertEquals(2, curve.size());
        assertEquals(2.0, curve.get(1)[0]);
        assertEquals(e.score(), curve.get(1)[1]);
        assertTrue(e.costSeconds() > 0);
    }

    @Test
    void aPromotionAlongOneScheduleResumesFromTheLowerTiersCheckpoint(@TempDir Path checkpoints) {
        TrainingRecipe recipe = new TrainingRecipe(8, 1, 14, 0.05, 64, 0.1, 0.9, 5e-4, 0, 0);
        DjlCandidateTrainer trainer = new DjlCandidateTrainer(data, Device.cpu(), checkpoints, 0);
        Evaluation lower = trainer.train(new EvaluationRequest(10, 1, space.parse(CELL), new Fidelity("e1", 1, 3, recipe)),
                (epoch, score) -> { }, new StopSignal());
        assertTrue(Files.isRegularFile(checkpoints.resolve("trial-10.params")), "the tier below keeps its weights");

        List<Double> epochs = new ArrayList<>();
        Evaluation upper = trainer.train(new EvaluationRequest(11, 1, space.parse(CELL), new Fidelity("e3", 3, 3, recipe), new Resume(10, 1)),
                (epoch, score) -> epochs.add(epoch), new StopSignal());
        assertEquals(1.0, upper.metrics().get("resumed"));
        assertEquals(List.of(2.0, 3.0), epochs, "only the epochs after the checkpoint are trained");
        assertTrue(upper.score() > lower.score() - 5, "resumed training starts from trained weights: " + lower.score()
                + " -> " + upper.score());
        assertTrue(Files.notExists(checkpoints.resolve("trial-11.params")), "the top of the schedule needs no checkpoint");

        Evaluation scratch = trainer.train(new EvaluationRequest(12, 1, space.parse(CELL), new Fidelity("e3", 3, 3, recipe), new Resume(99, 1)),
                (epoch, score) -> { }, new StopSignal());
        assertEquals(0.0, scratch.metrics().get("resumed"), "a missing checkpoint means training from scratch");
    }

    @Test
    void runsThatShareACheckpointFolderNeverReadEachOthersWeights(@TempDir Path checkpoints) {
        TrainingRecipe recipe = new TrainingRecipe(4, 1, 14, 0.02, 64, 0.1, 0.9, 5e-4, 0, 0);
        DjlCandidateTrainer trainer = new DjlCandidateTrainer(data, Device.cpu(), checkpoints, 0);
        Fidelity e1 = new Fidelity("e1", 1, 2, recipe);
        Fidelity e2 = new Fidelity("e2", 2, 2, recipe);
        trainer.train(new EvaluationRequest(5, 1, space.parse(CELL), e1, Resume.NONE, List.of(), "night-a"),
                (epoch, score) -> { }, new StopSignal());
        assertTrue(Files.isRegularFile(checkpoints.resolve("night-a-trial-5.params")));
        Evaluation other = trainer.train(new EvaluationRequest(6, 1, space.parse(CELL), e2, new Resume(5, 1), List.of(),
                "night-b"), (epoch, score) -> { }, new StopSignal());
        assertEquals(0.0, other.metrics().get("resumed"), "run b has no trial 5 of its own");
        Evaluation same = trainer.train(new EvaluationRequest(6, 1, space.parse(CELL), e2, new Resume(5, 1), List.of(),
                "night-a"), (epoch, score) -> { }, new StopSignal());
        assertEquals(1.0, same.metrics().get("resumed"));
    }

    @Test
    void aNewAttemptContinuesFromTheEpochAnInterruptedOneReached(@TempDir Path checkpoints) {
        TrainingRecipe recipe = new TrainingRecipe(8, 1, 14, 0.05, 64, 0.1, 0.9, 5e-4, 0, 0);
        DjlCandidateTrainer trainer = new DjlCandidateTrainer(data, Device.cpu(), checkpoints, 1);
        Fidelity three = new Fidelity("e3", 3, 3, recipe);
        // attempt 1 is cut short after epoch 2, as a shutdown (or a kill) would: its checkpoint stays
        EvaluationFailedException cut = assertThrows(EvaluationFailedException.class, () -> trainer.train(
                new EvaluationRequest(20, 1, space.parse(CELL), three), (epoch, score) -> {
                    if (epoch == 2.0) {
                        Thread.currentThread().interrupt();
                    }
                }, new StopSignal()));
        assertTrue(Thread.interrupted(), cut.getMessage());
        assertTrue(Files.isRegularFile(checkpoints.resolve("trial-20-epoch-2.params")), "the latest epoch is kept");
        assertTrue(Files.notExists(checkpoints.resolve("trial-20-epoch-1.params")), "older epochs are not");

        List<Double> epochs = new ArrayList<>();
        Evaluation second = trainer.train(new EvaluationRequest(20, 2, space.parse(CELL), three),
                (epoch, score) -> epochs.add(epoch), new StopSignal());
        assertEquals(List.of(3.0), epochs, "attempt 2 trains only the epoch attempt 1 did not finish");
        assertEquals(2.0, second.metrics().get(TrainingMetrics.CONTINUED_FROM_EPOCH));
        assertTrue(second.score() > 50, "from trained weights: " + second.score());
        assertTrue(Files.notExists(checkpoints.resolve("trial-20-epoch-2.params")), "a finished trial leaves none");
    }

    @Test
    void aStopRequestEndsTrainingAtTheNextBatch() {
        StopSignal stop = new StopSignal();
        List<Double> reports = new ArrayList<>();
        EvaluationFailedException e = assertThrows(EvaluationFailedException.class, () ->
                new DjlCandidateTrainer(data, Device.cpu()).train(new EvaluationRequest(2, 1, space.parse(CELL), tiny(50, 0.05, 5)),
                        (epoch, score) -> {
                            reports.add(epoch);
                            stop.stop("test");
                        }, stop));
        assertEquals("stopped: test", e.getMessage());
        assertEquals(1, reports.size(), "no batch ran after the stop");
    }

    @Test
    void aDivergingRunFailsWithTheReason() {
        Fidelity explosive = new Fidelity("explosive", 1, new TrainingRecipe(8, 1, 14, 0.02, 64, 1e9, 0.9, 0, 0, 0));
        EvaluationFailedException e = assertThrows(EvaluationFailedException.class, () ->
                new DjlCandidateTrainer(data, Device.cpu()).train(new EvaluationRequest(3, 1, space.parse(CELL), explosive),
                        (epoch, score) -> { }, new StopSignal()));
        assertTrue(e.getMessage().startsWith("loss is "), e.getMessage());
        assertTrue(e.costSeconds() > 0);
    }
}
