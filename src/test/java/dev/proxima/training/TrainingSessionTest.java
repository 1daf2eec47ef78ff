package dev.proxima.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Device;
import dev.proxima.proxy.TrainingRecipe;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Space;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSessionTest {
    /** A small network and a slice of Fashion-MNIST to train it on. */
    private record Fixture(Nb201Cell cell, TrainingRecipe recipe, ImageData train, ImageData validation, int[] order) {
        static Fixture make() {
            DjlEngines.start("PyTorch", 2);
            TrainingData data = new TrainingData(new DataSplit(
                    ImageDatasets.fashionMnist(ImageDatasets.DEBIAN_FASHION_MNIST).train(), 1_000, 7));
            TrainingRecipe r = new TrainingRecipe(8, 1, 14, 0.03, 64, 0.1, 0.9, 5e-4, 0, 0);
            ImageData train = data.train(r.dataFraction(), r.resolution());
            return new Fixture((Nb201Cell) new Nb201Space().parse(DjlCandidateTrainerTest.CELL), r, train,
                    data.validation(r.resolution()), DataSplit.permutation(train.size(), 1));
        }

        TrainingSession session(int totalSteps, int firstStep, long seed, Path checkpoint) throws Exception {
            return new TrainingSession(cell, recipe, train, validation, totalSteps, firstStep, Device.cpu(),
                    new SplittableRandom(seed), checkpoint);
        }

        TrainingSession fresh(int totalSteps) {
            return TrainingSession.fresh(cell, recipe, train, validation, totalSteps, Device.cpu(), new SplittableRandom(1));
        }

        /** Steps {@code from} to {@code to} of one session. */
        void steps(TrainingSession s, int from, int to) {
            for (int step = from; step < to; step++) {
                s.step(order, step * 64);
            }
        }
    }

    @Test
    void aLoadedCheckpointPredictsExactlyAsTheSavedNetwork(@TempDir Path dir) throws Exception {
        Fixture f = Fixture.make();
        double saved;
        try (TrainingSession s = f.fresh(100)) {
            f.steps(s, 0, f.train().size() / 64);
            saved = s.validate();
            s.save(dir.resolve("c.params"));
        }
        try (TrainingSession s = f.session(100, 20, 2, dir.resolve("c.params"))) {
            assertEquals(saved, s.validate(), 1e-9);
        }
    }

    /**
     * Momentum travels with a checkpoint: 2 steps, save, load, 2 more steps lands on the same
     * network as 4 uninterrupted steps. Without the momentum (DJL's own SGD hides it) the resumed
     * steps would start from zero velocity and land elsewhere, which the last check shows.
     */
    @Test
    void aResumedSessionContinuesExactlyWithItsMomentum(@TempDir Path dir) throws Exception {
        Fixture f = Fixture.make();
        Path start = dir.resolve("start.params");
        try (TrainingSession s = f.fresh(4)) {
            s.save(start); // the same initial weights for every run below
        }
        byte[] uninterrupted = run(f, start, 0, 4, dir.resolve("a.params"));
        run(f, start, 0, 2, dir.resolve("half.params"));
        byte[] resumed = run(f, dir.resolve("half.params"), 2, 4, dir.resolve("b.params"));
        assertArrayEquals(uninterrupted, resumed);

        // the same two steps from the half-way weights without their momentum end elsewhere
        Path noMomentum = dir.resolve("half-no-momentum.params");
        try (TrainingSession s = f.session(4, 0, 1, start)) {
            f.steps(s, 0, 2);
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(noMomentum))) {
                s.parametersOnly(out);
            }
        }
        byte[] zeroVelocity = run(f, noMomentum, 2, 4, dir.resolve("c.params"));
        assertFalse(Arrays.equals(uninterrupted, zeroVelocity), "momentum changes where the steps land");
    }

    /** Steps {@code from} to {@code to} of one 4-step schedule from {@code checkpoint}; returns the saved file's bytes. */
    private static byte[] run(Fixture f, Path checkpoint, int from, int to, Path out) throws Exception {
        try (TrainingSession s = f.session(4, from, 1, checkpoint)) {
            f.steps(s, from, to);
            s.save(out);
        }
        return Files.readAllBytes(out);
    }
}
