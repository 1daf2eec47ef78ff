package dev.proxima.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.proxima.config.ProximaConfig;
import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.TrainingRecipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeSpaceTest {
    static final Fidelity BASE = new Fidelity("proxy", 2, new TrainingRecipe(8, 1, 0, 0.1, 128, 0.1, 0.9, 5e-4, 0, 0));
    static final BpeSpace SPACE = new BpeSpace(List.of(
            new BpeSpace.Dimension(BpeParameter.EPOCHS, List.of(3.0, 1.0, 2.0)),
            new BpeSpace.Dimension(BpeParameter.BATCH_SIZE, List.of(64.0, 256.0, 128.0)),
            new BpeSpace.Dimension(BpeParameter.LEARNING_RATE, List.of(0.05, 0.1, 0.2)),
            new BpeSpace.Dimension(BpeParameter.RESOLUTION, List.of(14.0, 28.0)),
            new BpeSpace.Dimension(BpeParameter.DATA_FRACTION, List.of(0.05, 0.2))), BASE, 28);

    @Test
    void valuesAreSortedAndTheCheapestFollowsEachParametersCostDirection() {
        assertEquals(List.of(1.0, 2.0, 3.0), SPACE.dimension(0).values());
        BpeSetting cheapest = SPACE.minCost();
        assertEquals("e1-bs256-lr0.1-r14-f0.05", SPACE.name(cheapest), "fewest epochs, largest batch, the base's learning "
                + "rate (cost-neutral), fewest pixels, least data");
        assertEquals(3 * 3 * 3 * 2 * 2, SPACE.gridSize());
    }

    @Test
    void aSettingBecomesAWholeScheduleOverTheBaseRecipe() {
        BpeSetting s = SPACE.settingOf(Map.of(BpeParameter.EPOCHS, 3.0, BpeParameter.BATCH_SIZE, 64.0,
                BpeParameter.LEARNING_RATE, 0.2, BpeParameter.RESOLUTION, 14.0, BpeParameter.DATA_FRACTION, 0.2));
        Fidelity f = SPACE.fidelity(s);
        assertEquals(3, f.epochs());
        assertEquals(3, f.scheduleEpochs());
        assertEquals(new TrainingRecipe(8, 1, 14, 0.2, 64, 0.2, 0.9, 5e-4, 0, 0), f.recipe(), "unsearched keys keep the base's");
        assertEquals(SPACE.name(s), f.name());
    }

    @Test
    void aValueOutsideTheGridIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SPACE.settingOf(Map.of(
                BpeParameter.EPOCHS, 4.0, BpeParameter.BATCH_SIZE, 64.0, BpeParameter.LEARNING_RATE, 0.2,
                BpeParameter.RESOLUTION, 14.0, BpeParameter.DATA_FRACTION, 0.2)));
        assertTrue(e.getMessage().startsWith("epochs = 4 is not among its values"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BpeParameter.BATCH_SIZE.check(12.5));
        assertThrows(IllegalArgumentException.class, () -> new BpeSpace(List.of(
                new BpeSpace.Dimension(BpeParameter.EPOCHS, List.of(1.0)),
                new BpeSpace.Dimension(BpeParameter.EPOCHS, List.of(2.0))), BASE, 28));
    }

    @Test
    void theAnswersFidelityBlockDropsIntoALadderTier(@TempDir Path dir) throws Exception {
        BpeSetting s = SPACE.minCost().with(0, 2).with(3, 1);
        Path conf = Files.writeString(dir.resolve("tier.conf"), "proxima.training.ladder = [" + SPACE.fidelityBlock(s, "bpe")
                + "]\n");
        ConfigFactory.invalidateCaches();
        Fidelity tier = ProximaConfig.load(Optional.of(conf)).settings().training().ladder().tier(0);
        Fidelity expected = SPACE.fidelity(s);
        assertEquals("bpe", tier.name());
        assertEquals(expected.epochs(), tier.epochs());
        assertEquals(expected.recipe(), tier.recipe());
    }
}
