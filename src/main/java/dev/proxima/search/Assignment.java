package dev.proxima.search;

import dev.proxima.proxy.Fidelity;
import dev.proxima.space.Architecture;

/** What a worker has to do now: one attempt of one trial. */
public record Assignment(long trialId, int attempt, String workerId, Architecture architecture, Fidelity fidelity,
        long deadlineMillis) {}
