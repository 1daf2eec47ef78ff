package dev.proxima.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.ProxyLadder;
import dev.proxima.stopping.AshaPromotion;
import dev.proxima.testing.ScriptedTiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FusedTierViewTest {
    private static final ProxyLadder LADDER = new ProxyLadder(List.of(new Fidelity("synflow", 0), new Fidelity("hp12", 12)));

    @Test
    void ashaPromotesTheBestFusedCandidateAndSeesPromotionsAsTheyHappen() {
        ScriptedTiers tiers = new ScriptedTiers(2);
        EvidenceBook evidence = new EvidenceBook(new Fusion(List.of("synflow", "naswot"), Fusion.Weights.PIECE, -1, false, true,
                Set.of()), LADDER);
        double[][] scores = {{9, 100}, {8, 900}, {1, 800}, {2, 200}}; // (synflow, naswot) of trials 1..4
        List<ScriptedTiers.Trial> trials = new ArrayList<>();
        for (double[] s : scores) {
            ScriptedTiers.Trial t = tiers.add(0).scored(s[0]);
            trials.add(t);
            evidence.scored(t.trialId(), -1, "synflow", s[0], Map.of("naswot", s[1]));
        }
        FusedTierView view = new FusedTierView(tiers, id -> trials.get((int) id - 1), evidence);
        AshaPromotion asha = new AshaPromotion(2); // quota floor(4 / 2) = 2
        // by synflow alone trial 1 is best; fused, trial 2 (second by synflow, first by naswot) is
        assertEquals(2, asha.nextPromotion(view).getAsLong());
        assertEquals(1, asha.nextPromotion(tiers).getAsLong());
        trials.get(1).promoted();
        assertEquals(1, view.promotedAbove(0, 1));
        // fused: trial 2 (0.833), then 1 and 3 tie (0.5, the earlier first), then 4
        assertEquals(1, asha.nextPromotion(view).getAsLong());
        trials.get(0).promoted();
        assertEquals(-1, asha.nextPromotion(view).orElse(-1), "two promoted of four fill ASHA's quota");
    }
}
