package dev.proxima.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.controller.RegularizedEvolutionController;
import dev.proxima.proxy.Fidelity;
import dev.proxima.search.Budget;
import dev.proxima.search.DedupPolicy;
import dev.proxima.search.SearchSettings;
import dev.proxima.search.Strategy;
import dev.proxima.space.nb201.Nb201Space;
import dev.proxima.testing.Tables;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerAuditTest {
    @Test
    void theOracleBoundsEveryRuleAndTheTopTierScoreAtTheEndIsTheSearchsOwnAnswer() {
        Nb201Space space = new Nb201Space();
        SearchSettings settings = new SearchSettings(0, new Fidelity("hp12", 12), new Budget(0, 3_000, 0), 3_600_000, 3,
                DedupPolicy.OFF);
        Simulator sim = new Simulator(space, Tables.nb201Replay(), () -> Strategy.of(new RegularizedEvolutionController(space,
                10, 3)), settings, 1, "test_acc_200");
        List<Simulator.Run> runs = List.of(sim.run(1), sim.run(2), sim.run(3));
        AnswerAudit audit = AnswerAudit.of("rea", runs, 0, "hp12", 1e9, "test_acc_200", List.of("naswot", "synflow"));
        double answers = runs.stream().mapToDouble(r -> r.core().best().orElseThrow().metrics().get("test_acc_200")).average()
                .orElseThrow();
        assertEquals(answers, audit.bySelector().get("hp12"), 1e-9);
        assertEquals(List.of("hp12", "hp12+naswot", "hp12+synflow", "hp12+naswot+synflow"), List.copyOf(audit.bySelector().keySet()));
        audit.bySelector().values().forEach(v -> assertTrue(v <= audit.oracle() + 1e-9, v + " > oracle " + audit.oracle()));
        AnswerAudit early = AnswerAudit.of("rea", runs, 0, "hp12", 500, "test_acc_200", List.of("naswot"));
        assertTrue(early.candidates() < audit.candidates(), "fewer candidates were scored by 500 s");
    }
}
