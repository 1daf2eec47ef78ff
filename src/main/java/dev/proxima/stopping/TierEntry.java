package dev.proxima.stopping;

import java.util.List;

/** What a rule may read about one trial: its tier, its learning curve and, once scored, its score. */
public interface TierEntry {

    long trialId();

    /** The ladder tier the trial runs at, 0 = the bottom. */
    int tier();

    /** True once the trial has a score at its tier (completed, or reused from an isomorphic trial). */
    boolean isScored();

    /** The score at the tier; NaN unless {@link #isScored()}. */
    double score();

    /** True once the trial has been promoted to the next tier. */
    boolean isPromoted();

    /** Validation scores reported while it ran, in order. */
    List<CurvePoint> curve();
}
