package dev.proxima.search;

import dev.proxima.controller.Controller;
import dev.proxima.stopping.PromotionRule;
import dev.proxima.stopping.StoppingRule;

/**
 * The three decisions of a search: what to try ({@code controller}), what to move up the ladder
 * ({@code promotions}) and what to stop early ({@code stopping}). All three are consulted by
 * {@link SearchCore} only; none of them acts on its own.
 */
public record Strategy(Controller controller, PromotionRule promotions, StoppingRule stopping) {

    /** A single-tier search: no promotion, no early stopping. */
    public static Strategy of(Controller controller) {
        return new Strategy(controller, PromotionRule.NEVER, StoppingRule.NEVER);
    }
}
