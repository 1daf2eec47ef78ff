package dev.proxima.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code proxima.worker}.
 *
 * @param devices training devices, one worker each: {@code cpu}, {@code cpu:N} or {@code gpu:N}
 * @param count worker actors of a replayed {@code search}
 * @param retryInterval how often a worker re-sends an unacknowledged result or re-asks for work
 */
public record WorkerConfig(List<String> devices, int count, Duration retryInterval) {}
