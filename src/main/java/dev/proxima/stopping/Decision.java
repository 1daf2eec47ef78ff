package dev.proxima.stopping;

/**
 * What a {@link StoppingRule} says about a running trial: go on, or stop it now. A stop carries the
 * rule's name and a reason a person can read; both go into the trial's history.
 */
public record Decision(boolean stop, String rule, String reason) {
    public static final Decision CONTINUE = new Decision(false, "", "");

    public static Decision stop(String rule, String reason) {
        return new Decision(true, rule, reason);
    }
}
