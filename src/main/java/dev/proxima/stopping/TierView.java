package dev.proxima.stopping;

import java.util.List;

/** A read-only view of the trials of each ladder tier: what promotion and stopping rules decide on. */
public interface TierView {

    /** Number of tiers of the ladder. */
    int tiers();

    /** The trials that ran or run at {@code tier}, in proposal order. */
    List<? extends TierEntry> at(int tier);

    /** The scored trials of {@code tier}, best first (earlier trial first on ties). */
    Iterable<? extends TierEntry> ranked(int tier);

    /** How many trials of {@code tier} are scored. */
    int scoredCount(int tier);
}
