package dev.proxima.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.lab.DiscreteProxySearch.Candidate;
import dev.proxima.lab.DiscreteProxySearch.Genome;
import dev.proxima.zerocost.EproxySettings;
import dev.proxima.zerocost.EproxySettings.Target;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Aging evolution over Eproxy settings, with synthetic fitness functions (no networks). */
class DiscreteProxySearchTest {
    private static final ToDoubleFunction<EproxySettings> LEARNING_RATE = EproxySettings::learningRate;

    @Test
    void evolutionClimbsAFitnessThatRandomDrawsOnlyReachByLuck() {
        DiscreteProxySearch search = new DiscreteProxySearch(120, 10, 5, 0.2, 0.2, EproxySettings.CHANNELS);
        // fitness: learning rate plus one point per branch whose head has 128 channels
        ToDoubleFunction<EproxySettings> fitness = s -> s.learningRate()
                + s.branches().stream().filter(b -> b.headChannels() == 128).count();
        DiscreteProxySearch.Result r = search.run(fitness, 7, c -> {});
        List<Candidate> h = r.history();
        assertEquals(120, h.size());
        double firstRandom = h.subList(0, 10).stream().mapToDouble(Candidate::fitness).average().orElseThrow();
        double lastEvolved = h.subList(100, 120).stream().mapToDouble(Candidate::fitness).average().orElseThrow();
        assertTrue(lastEvolved > firstRandom + 1, "random " + firstRandom + ", evolved " + lastEvolved);
        assertEquals(h.stream().mapToDouble(Candidate::fitness).max().orElseThrow(), r.best().fitness());
    }

    @Test
    void sameSeedSameSearchAndNanCountsAsMinusOne() {
        DiscreteProxySearch search = new DiscreteProxySearch(30, 8, 3, 0.2, 0.2, List.of(16, 32));
        ToDoubleFunction<EproxySettings> nanBelowOne = s -> s.learningRate() < 1 ? Double.NaN : -0.5;
        DiscreteProxySearch.Result a = search.run(nanBelowOne, 3, c -> {});
        DiscreteProxySearch.Result b = search.run(nanBelowOne, 3, c -> {});
        assertEquals(a.history(), b.history());
        assertEquals(-0.5, a.best().fitness(), "a defined -0.5 beats NaN (= -1)");
        assertEquals(-1, new Candidate(0, EproxySettings.DEFAULT, Double.NaN).rank());
        assertTrue(a.history().stream().flatMap(c -> c.settings().branches().stream())
                .allMatch(br -> List.of(16, 32).contains(br.headChannels()) && List.of(16, 32).contains(br.targetChannels())),
                "channels stay in the searched domain");
    }

    @Test
    void randomSettingsCoverTheDomainAndMutationRateControlsChange() {
        DiscreteProxySearch none = new DiscreteProxySearch(10, 5, 2, 0, 0.2, EproxySettings.CHANNELS);
        DiscreteProxySearch all = new DiscreteProxySearch(10, 5, 2, 1, 0.2, EproxySettings.CHANNELS);
        SplittableRandom rng = new SplittableRandom(1);
        int onBits = 0;
        for (int i = 0; i < 400; i++) {
            Genome g = none.random(rng);
            onBits += g.genes().stream().mapToInt(b -> b.targets().size()).sum();
            assertEquals(g, none.mutate(g, rng), "mutation rate 0 changes nothing");
            Genome flipped = all.mutate(g, rng);
            for (int b = 0; b < 3; b++) {
                EnumSet<Target> complement = EnumSet.complementOf(toEnumSet(g.genes().get(b).targets()));
                assertEquals(complement, flipped.genes().get(b).targets(), "rate 1 flips every target bit");
            }
        }
        double rate = onBits / (400.0 * 3 * Target.values().length);
        assertTrue(Math.abs(rate - 0.2) < 0.03, "each target family on with p = 0.2: " + rate);
    }

    @Test
    void refusesAnImpossibleSearch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DiscreteProxySearch(10, 4, 5, 0.2, 0.2, EproxySettings.CHANNELS));
        assertTrue(e.getMessage().contains("tournament <= population"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DiscreteProxySearch(10, 4, 2, 0.2, 0.2, List.of(100)));
    }

    private static EnumSet<Target> toEnumSet(java.util.Set<Target> s) {
        return s.isEmpty() ? EnumSet.noneOf(Target.class) : EnumSet.copyOf(s);
    }
}
