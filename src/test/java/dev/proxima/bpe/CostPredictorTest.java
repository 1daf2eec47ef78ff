package dev.proxima.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostPredictorTest {
    static final BpeSpace SPACE = BpeSpaceTest.SPACE;

    /** A machine whose time grows linearly with epochs and data, with resolution^1.5, and a little with small batches. */
    static double seconds(BpeSetting s) {
        return 0.8 * SPACE.value(s, 0) * Math.pow(SPACE.value(s, 3), 1.5) * SPACE.value(s, 4) * Math.pow(SPACE.value(s, 1), -0.2);
    }

    @Test
    void beforeAnyMeasurementItOnlyOrdersAndLetsEverySettingThrough() {
        CostPredictor p = new CostPredictor(SPACE, List.of());
        assertFalse(p.calibrated());
        BpeSetting cheap = SPACE.minCost();
        BpeSetting dear = cheap.with(0, 2).with(3, 1).with(4, 1);
        assertTrue(p.seconds(cheap) < p.seconds(dear));
        assertTrue(p.fits(dear, 0.001), "without a scale nothing is known to be over the budget");
    }

    @Test
    void measurementsCalibrateTheScaleAndCorrectTheExponents() {
        List<SettingResult> measured = new ArrayList<>();
        for (BpeSetting s : SPACE.grid(SPACE.minCost(), List.of(0, 1, 3, 4), 1)) {
            if (measured.size() < 12) {
                measured.add(new SettingResult(s, 0.5, 0.4, seconds(s), 12));
            }
        }
        CostPredictor p = new CostPredictor(SPACE, measured);
        assertTrue(p.calibrated());
        BpeSetting unseen = SPACE.minCost().with(0, 2).with(1, 0).with(3, 1).with(4, 1);
        double predicted = p.seconds(unseen);
        assertEquals(seconds(unseen), predicted, 0.25 * seconds(unseen), "an unmeasured setting within 25%");
        assertFalse(p.fits(unseen, seconds(unseen) / 3));
        assertTrue(p.fits(unseen, seconds(unseen) * 3));
    }
}
