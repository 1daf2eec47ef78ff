package dev.proxima.stopping;

import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** A read-only view of the trials of each ladder tier: what promotion and stopping rules decide on. */
public interface TierView {

    /** Number of tiers of the ladder. */
    int tiers();

    /** The trials that ran or run at {@code tier}, in proposal order. */
    List<? extends TierEntry> at(int tier);

    /** The scored trials of {@code tier}, best first (earlier trial first on ties). */
    Iterable<? extends TierEntry> ranked(int tier);

    /** The best scored trial of {@code tier} that has not moved up yet (in O(log n), for promotion rules). */
    Optional<? extends TierEntry> bestUnpromoted(int tier);

    /** How many promoted trials of {@code tier} rank above {@code trialId} (in O(log n)). */
    int promotedAbove(int tier, long trialId);

    /** How many trials of {@code tier} are scored. */
    int scoredCount(int tier);

    /** {@code value} of the curve point at {@code epoch} of every other trial of {@code trial}'s tier that reached it. */
    default double[] othersAt(TierEntry trial, double epoch, ToDoubleFunction<CurvePoint> value) {
        return at(trial.tier()).stream()
                .filter(other -> other.trialId() != trial.trialId() && CurvePoint.reached(other.curve(), epoch))
                .mapToDouble(other -> value.applyAsDouble(CurvePoint.at(other.curve(), epoch)))
                .toArray();
    }
}
