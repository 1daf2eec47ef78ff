package dev.proxima.evaluation;

/** An evaluation ended without a score, for a reason worth recording with the trial. */
public final class EvaluationFailedException extends RuntimeException {
    private final double costSeconds;

    public EvaluationFailedException(String reason, double costSeconds) {
        super(reason);
        this.costSeconds = costSeconds;
    }

    /** Device-seconds spent before the failure. */
    public double costSeconds() {
        return costSeconds;
    }
}
