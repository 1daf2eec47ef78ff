package dev.proxima.evaluation;

import java.util.concurrent.atomic.AtomicReference;

/** Set by the worker when an evaluation must end early; read by the evaluator between batches. */
public final class StopSignal {
    private final AtomicReference<String> reason = new AtomicReference<>();

    /** Asks the evaluation to stop; the first reason given is kept. */
    public void stop(String why) {
        reason.compareAndSet(null, why);
    }

    public boolean isStopped() {
        return reason.get() != null;
    }

    /** Why it was stopped, or null. */
    public String reason() {
        return reason.get();
    }
}
