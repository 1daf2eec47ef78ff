package dev.proxima.training;

import java.util.List;

/** The metrics a trained evaluation reports, as they appear in {@code trials.csv}. */
public final class TrainingMetrics {
    private TrainingMetrics() {}

    /** Validation accuracy in percent: the score of a trained trial. */
    public static final String VAL_ACC = "val_acc";
    /** Training loss of the last batch. */
    public static final String TRAIN_LOSS = "train_loss";
    /** Trainable parameters in millions. */
    public static final String PARAMS_MB = "params_mb";
    /** Training images per second of this attempt. */
    public static final String IMAGES_PER_SECOND = "images_per_second";
    /** 1 when the attempt continued a lower tier's checkpoint, else 0. */
    public static final String RESUMED = "resumed";

    /** The epoch an attempt continued from, left by an earlier attempt of the same trial (killed, lost); else 0. */
    public static final String CONTINUED_FROM_EPOCH = "continued_from_epoch";

    /**
     * Seconds the attempt spent on the zero-cost scores fusion asked for (part of its cost; only on
     * bottom-tier trials of a fused search, in {@code export --format json}).
     */
    public static final String EVIDENCE_SECONDS = "evidence_seconds";

    /** Every metric, in the order of the {@code trials.csv} columns. */
    public static final List<String> ALL = List.of(VAL_ACC, TRAIN_LOSS, PARAMS_MB, IMAGES_PER_SECOND, RESUMED,
            CONTINUED_FROM_EPOCH);
}
