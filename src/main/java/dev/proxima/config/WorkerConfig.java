package dev.proxima.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code proxima.worker}.
 *
 * @param devices training devices, one worker each: {@code cpu}, {@code cpu:N} or {@code gpu:N}
 * @param count worker actors of a replayed {@code search}
 * @param retryInterval how often a worker re-sends an unacknowledged result or re-asks for work
 * @param processes where a training search's workers run: {@code per-device} (a JVM each) or {@code in-process}
 */
public record WorkerConfig(List<String> devices, int count, Duration retryInterval, String processes) {
    public boolean perDevice() {
        return processes.equals("per-device");
    }
}
