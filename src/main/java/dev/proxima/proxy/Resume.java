package dev.proxima.proxy;

/**
 * Where an evaluation starts: from scratch ({@link #NONE}), or from the checkpoint of a lower-tier
 * trial at an epoch of the shared schedule. The one place of the rule "resume only from a trial, and
 * only past epoch 0": any other combination reads as from scratch.
 *
 * @param fromTrial the trial whose checkpoint is continued, or -1
 * @param startEpoch the epoch of the fidelity's schedule training starts at; 0 from scratch
 */
public record Resume(long fromTrial, int startEpoch) {
    /** From scratch. */
    public static final Resume NONE = new Resume(-1, 0);

    public Resume {
        if (fromTrial < 0 || startEpoch <= 0) {
            fromTrial = -1;
            startEpoch = 0;
        }
    }

    /** True when training continues a lower tier's checkpoint. */
    public boolean isResuming() {
        return fromTrial >= 0;
    }
}
