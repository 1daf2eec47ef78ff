package dev.proxima.stopping;

import java.util.OptionalLong;

/**
 * Which scored trial, if any, should move up the ladder next. Asked whenever a worker needs work,
 * before a new candidate is proposed: a promotion is the more valuable job when one is due.
 */
public interface PromotionRule {

    /** The trial to promote now, or empty to let the controller propose a new candidate. */
    OptionalLong nextPromotion(TierView view);

    /** One line for logs and reports. */
    String describe();

    /** Never promotes: every candidate stays at the bottom tier. */
    PromotionRule NEVER = new PromotionRule() {
        @Override
        public OptionalLong nextPromotion(TierView view) {
            return OptionalLong.empty();
        }

        @Override
        public String describe() {
            return "none";
        }
    };
}
