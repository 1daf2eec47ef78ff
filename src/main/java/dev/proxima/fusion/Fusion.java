package dev.proxima.fusion;

import dev.proxima.proxy.ProxyLadder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a search fuses its evidence: an equal-weight rank vote over {@code evidence}, and where the
 * fused score is used. Each piece of evidence is a ladder tier's name (the candidate's score at that
 * tier) or the name of a zero-cost score computed with every bottom-tier trial (a scorer in real
 * training, a score column in replay). Nothing is fitted: every piece has the same weight.
 *
 * @param evidence the pieces of evidence that vote; empty = no fusion
 * @param weights how the pieces' votes add up
 * @param answerTier the search answers with the best fused score among candidates that reached this
 *     tier; -1 = it answers with the best score of its highest tier, as without fusion
 * @param reward the controller learns from fused scores instead of the tier's own score
 * @param promotion the promotion rule ranks a tier by fused score instead of the tier's own score
 * @param lowerIsBetter evidence whose lower values predict better candidates (e.g. {@code eproxy})
 */
public record Fusion(List<String> evidence, Weights weights, int answerTier, boolean reward, boolean promotion,
        Set<String> lowerIsBetter) {
    /** No fusion: every decision uses the tier's own score. */
    public static final Fusion OFF = new Fusion(List.of(), Weights.TIER, -1, false, false, Set.of());

    /** How the pieces' percentiles are averaged; neither looks at ground truth. */
    public enum Weights {
        /**
         * Each tier the candidate reached has one vote, split among its pieces (zero-cost scores
         * computed alongside belong to the bottom tier): adding a second zero-cost score makes the
         * bottom tier an ensemble, it does not outvote the trained tiers.
         */
        TIER,
        /** Every piece has one vote. */
        PIECE
    }

    public Fusion {
        evidence = List.copyOf(evidence);
        lowerIsBetter = Set.copyOf(lowerIsBetter);
        if (new HashSet<>(evidence).size() < evidence.size()) {
            throw new IllegalArgumentException("a piece of evidence is named twice in " + evidence);
        }
        if (evidence.isEmpty() && (answerTier >= 0 || reward || promotion)) {
            throw new IllegalArgumentException("fusion needs evidence to vote: name tiers or zero-cost scores");
        }
    }

    /** True when the search gathers and fuses evidence. */
    public boolean enabled() {
        return !evidence.isEmpty();
    }

    /** True when the search answers with a fused score. */
    public boolean answers() {
        return answerTier >= 0;
    }

    /**
     * The evidence that is not a tier of {@code ladder}: zero-cost scores every bottom-tier trial
     * computes (or, in replay, reads and pays for) besides its own score.
     */
    public List<String> extraScores(ProxyLadder ladder) {
        return evidence.stream().filter(e -> ladder.indexOf(e).isEmpty()).toList();
    }

    /** e.g. {@code rank-vote(synflow, naswot, hp12; tier weights) deciding the answer (at hp12), the reward}. */
    public String describe(ProxyLadder ladder) {
        if (!enabled()) {
            return "none";
        }
        List<String> uses = new ArrayList<>();
        if (answers()) {
            uses.add("the answer (at " + ladder.tier(answerTier).name() + ")");
        }
        if (reward) {
            uses.add("the reward");
        }
        if (promotion) {
            uses.add("promotions");
        }
        return "rank-vote(" + String.join(", ", evidence) + "; " + weights.name().toLowerCase(Locale.ROOT)
                + " weights) deciding " + (uses.isEmpty() ? "nothing (evidence is only recorded)" : String.join(", ", uses));
    }
}
