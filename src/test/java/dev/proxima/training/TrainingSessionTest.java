package dev.proxima.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import dev.proxima.proxy.TrainingRecipe;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Space;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSessionTest {

    @Test
    void aLoadedCheckpointPredictsExactlyAsTheSavedNetwork(@TempDir Path dir) throws Exception {
        DjlEngines.start("PyTorch", 2);
        TrainingData data = new TrainingData(new DataSplit(
                ImageDatasets.fashionMnist(ImageDatasets.DEBIAN_FASHION_MNIST).train(), 1_000, 7));
        TrainingRecipe r = new TrainingRecipe(8, 1, 14, 0.03, 64, 0.1, 0.9, 5e-4, 0, 0);
        Nb201Cell cell = (Nb201Cell) new Nb201Space().parse(DjlCandidateTrainerTest.CELL);
        ImageData train = data.train(r.dataFraction(), r.resolution());
        ImageData validation = data.validation(r.resolution());
        int[] order = DataSplit.permutation(train.size(), 1);
        double saved;
        try (TrainingSession s = TrainingSession.fresh(cell, r, train, validation, 100, Device.cpu(), new SplittableRandom(1))) {
            for (int step = 0; step < train.size() / 64; step++) {
                s.step(order, step * 64);
            }
            saved = s.validate();
            s.save(dir.resolve("c.params"));
        }
        try (TrainingSession s = new TrainingSession(cell, r, train, validation, 100, 20, Device.cpu(), new SplittableRandom(2),
                dir.resolve("c.params"))) {
            assertEquals(saved, s.validate(), 1e-9);
        }
    }
}
