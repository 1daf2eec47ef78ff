package dev.proxima.stopping;

/**
 * Early rejection, decided on every progress report (like Ray Tune's {@code on_trial_result}). A
 * rule is a pure function of the report and the tier's trials: it keeps no state and writes
 * nothing, so a search rebuilt from its events decides exactly as before.
 */
public interface StoppingRule {

    /**
     * @param trial the running trial; its curve already ends with the new report
     * @param view every trial of every tier, the running one included
     */
    Decision onProgress(TierEntry trial, TierView view);

    /** One line for logs and reports, e.g. {@code asha(eta=3, grace=1)}. */
    String describe();

    /** Never stops anything. */
    StoppingRule NEVER = new StoppingRule() {
        @Override
        public Decision onProgress(TierEntry trial, TierView view) {
            return Decision.CONTINUE;
        }

        @Override
        public String describe() {
            return "none";
        }
    };
}
