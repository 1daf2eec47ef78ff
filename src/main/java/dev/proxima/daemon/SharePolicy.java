package dev.proxima.daemon;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which search a free worker serves next: priority first (a higher one always wins while it has
 * work), then a fair share of device-seconds among the searches of that priority: the worker goes
 * to the search whose device-seconds, counting what its workers are spending now (each at the
 * search's mean trial cost so far), are lowest; then to the one with fewer workers, then the
 * earlier submission. So new searches of one priority split the pool evenly, and one with dearer
 * trials gets fewer workers rather than more of the pool's time.
 * Asked at every trial boundary of every worker, so the shares converge while searches come and go.
 * Pure: the daemon's actors only carry its answer out.
 */
public final class SharePolicy {
    private SharePolicy() {}

    /**
     * A search that could take a worker.
     *
     * @param deviceSeconds what it has used so far (its results)
     * @param workers the workers serving it now, the one being lent left out
     * @param meanTrialSeconds its results' mean cost, 0 before the first
     * @param hasWork false while it can give a worker nothing (finished, or waiting for results it
     *     cannot do without); such a search is passed over
     * @param order its submission order (lower = earlier)
     */
    public record Claim(String id, int priority, double deviceSeconds, int workers, double meanTrialSeconds,
            boolean hasWork, long order) {
        /** Device-seconds with the work in flight counted at the mean cost. */
        double committed() {
            return deviceSeconds + workers * meanTrialSeconds;
        }
    }

    private static final Comparator<Claim> ORDER = Comparator.comparingInt((Claim c) -> -c.priority())
            .thenComparingDouble(Claim::committed).thenComparingInt(Claim::workers).thenComparingLong(Claim::order);

    /** The search the free worker should serve: the first of {@link #ranked} with work; empty when none has any. */
    public static Optional<String> next(List<Claim> claims) {
        return ranked(claims).stream().filter(Claim::hasWork).findFirst().map(Claim::id);
    }

    /** Every claim in the order the policy prefers them. */
    public static List<Claim> ranked(List<Claim> claims) {
        return claims.stream().sorted(ORDER).toList();
    }
}
