package dev.proxima.replay;

import dev.proxima.proxy.Fidelity;

/** How many device-seconds evaluating a table row at a fidelity would take. */
public interface CostModel {

    /** Device-seconds, or NaN when the model cannot tell (the trial then fails with {@link #describe()}). */
    double seconds(TableRow row, Fidelity fidelity);

    /** One line that says what the model is, for reports. */
    String describe();
}
