package dev.proxima.supervisor;

import akka.actor.NoSerializationVerificationNeeded;
import dev.proxima.search.SearchSummary;

/** Local (same-JVM) messages of the supervisor: status queries and what it tells its listener. */
public final class SupervisorMessages {
    private SupervisorMessages() {}

    /** Ask for a {@link Status}. */
    public enum GetStatus implements NoSerializationVerificationNeeded { INSTANCE }

    /**
     * The search's summary and the supervisor's time per decision (handling one request or result).
     *
     * @param decisions decisions measured so far
     * @param medianMicros median decision time in microseconds (over the last 2^20 decisions)
     * @param p99Micros 99th percentile decision time in microseconds
     */
    public record Status(SearchSummary summary, long decisions, double medianMicros, double p99Micros, int workers,
            int idleWorkers) implements NoSerializationVerificationNeeded {}

    /** Sent to the listener after every finished trial. */
    public record SearchProgress(SearchSummary summary) implements NoSerializationVerificationNeeded {}

    /** Sent to the listener once, when nothing more will be assigned or awaited. */
    public record SearchFinished(SearchSummary summary) implements NoSerializationVerificationNeeded {}
}
