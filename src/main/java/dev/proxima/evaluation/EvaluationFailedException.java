package dev.proxima.evaluation;

/** An evaluation ended without a score, for a reason worth recording with the trial. */
public final class EvaluationFailedException extends RuntimeException {
    private final double costSeconds;

    public EvaluationFailedException(String reason, double costSeconds) {
        super(reason);
        this.costSeconds = costSeconds;
    }

    /** The failure of an evaluation that was asked to stop; its reason starts with "stopped". */
    public static EvaluationFailedException stopped(String why, double costSeconds) {
        return new EvaluationFailedException("stopped: " + why, costSeconds);
    }

    /** Device-seconds spent before the failure. */
    public double costSeconds() {
        return costSeconds;
    }
}
