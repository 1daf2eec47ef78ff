package dev.proxima.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.ProxyLadder;
import dev.proxima.search.Strategy;
import dev.proxima.space.nb201.Nb201Space;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChoicesTest {
    private static final ProxyLadder THREE_TIERS = new ProxyLadder(List.of(new Fidelity("e1", 1), new Fidelity("e2", 2),
            new Fidelity("e3", 3)));

    private static Strategy strategy(String key, String value) {
        ProximaConfig config = ProximaConfig.load(Optional.empty()).with(key, value);
        return config.settings().strategies(new Nb201Space(), THREE_TIERS).get();
    }

    @Test
    void everyRegisteredControllerHasAFactory() {
        for (String name : Choices.CONTROLLERS) {
            assertNotNull(strategy(ConfigKeys.CONTROLLER, name).controller(), name);
        }
    }

    @Test
    void everyRegisteredRuleHasAFactoryThatDescribesItself() {
        for (String name : Choices.STOPPING_RULES) {
            String described = strategy(ConfigKeys.STOPPING_RULE, name).stopping().describe();
            assertTrue(name.equals("none") || described.startsWith(name), name + ": " + described);
        }
        for (String name : Choices.PROMOTION_RULES) {
            String described = strategy(ConfigKeys.PROMOTION_RULE, name).promotions().describe();
            assertTrue(described.startsWith(name), name + ": " + described);
        }
    }

    @Test
    void aRefusalNamesTheAlternativesAndTheNearestOne() {
        assertEquals("'medain' is not one of none, asha, median or tier-quantile; did you mean 'median'?",
                Choices.STOPPING_RULES.refusal("medain"));
        assertEquals("'xyz' is not one of off or isomorphic", Choices.DEDUP.refusal("xyz"));
    }
}
