package dev.proxima.cluster;

import akka.actor.CoordinatedShutdown;

/** Why a node's process ends, and the exit code that tells a service manager or launcher. */
public enum ExitReason implements CoordinatedShutdown.Reason {
    /** Left on request (SIGTERM) or because its search ended. */
    LEFT(0),
    /** Ends to be started again: its trial count or memory reached the configured bound. */
    RECYCLED(3),
    /** The supervisor cannot use it (another evaluator): restarting it would not help. */
    REFUSED(4),
    /** Downed by the split-brain resolver, or its actor system ended otherwise. */
    REMOVED(5),
    /**
     * A worker whose cluster has no supervisor-role node left (the daemon or the supervisor was
     * lost, no standby): started again, it joins the one that comes back.
     */
    ORPHANED(6);

    private final int code;

    ExitReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * The reason a finished shutdown had, as an exit code: ours, {@link #REMOVED} when the cluster
     * downed the node or the system ended without a shutdown, else {@link #LEFT} (a JVM signal).
     */
    public static int codeOf(CoordinatedShutdown shutdown) {
        return shutdown.getShutdownReason().map(r -> r instanceof ExitReason e ? e.code()
                : r == CoordinatedShutdown.clusterDowningReason() ? REMOVED.code() : LEFT.code()).orElse(REMOVED.code());
    }
}
