package dev.proxima.config;

import java.util.List;

/**
 * {@code proxima.search.fusion} as written; {@link ProximaSettings} resolves it against the ladder
 * (tier names, the answer tier) and the zero-cost scores the evaluator can provide.
 *
 * @param answer "none", "top" or a tier's name
 */
public record FusionConfig(List<String> evidence, String weights, String answer, boolean reward, boolean promotion) {
    public FusionConfig {
        evidence = List.copyOf(evidence);
    }
}
