package dev.proxima.cli;

import dev.proxima.proxy.ProxyLadder;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchSummary;
import dev.proxima.search.TrialStatus;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * One progress line for long runs: rewritten in place on a terminal, printed every
 * {@code quietMillis} otherwise (logs, CI).
 */
final class Progress {
    /** How often a progress line is printed when stdout is not a terminal. */
    static final long QUIET_MILLIS = 5_000;

    private final PrintStream out;
    private final boolean terminal;
    private final ProxyLadder ladder;
    private final String resultColumn;
    private final double deviceBudget;
    private final long quietMillis;
    private long lastPrint;
    private boolean dirty;

    Progress(PrintStream out, ProxyLadder ladder, String resultColumn, double deviceBudget, long quietMillis) {
        this.out = out;
        this.ladder = ladder;
        this.terminal = System.console() != null;
        this.resultColumn = resultColumn;
        this.deviceBudget = deviceBudget;
        this.quietMillis = quietMillis;
    }

    synchronized void update(SearchSummary s) {
        long now = System.currentTimeMillis();
        if (now - lastPrint < (terminal ? 200 : quietMillis)) {
            return;
        }
        lastPrint = now;
        String line = line(s);
        if (terminal) {
            out.print("\r" + line + "   ");
            dirty = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Prints a line for every promotion and every early rejection, with the rule's reason. */
    synchronized void events(List<SearchEvent> events) {
        for (SearchEvent e : events) {
            String line = null;
            if (e instanceof SearchEvent.TrialProposed p && p.promotedFrom() >= 0) {
                line = String.format(Locale.ROOT, "promoted: trial %d -> trial %d at tier %d (%s)", p.promotedFrom(),
                        p.trialId(), p.tier(), p.fidelity());
            } else if (e instanceof SearchEvent.TrialStopRequested r) {
                line = String.format(Locale.ROOT, "rejected: trial %d on %s by %s: %s", r.trialId(), r.workerId(), r.rule(),
                        r.reason());
            }
            if (line != null) {
                if (dirty) {
                    out.println();
                    dirty = false;
                }
                out.println(line);
            }
        }
        out.flush();
    }

    synchronized void done() {
        if (dirty) {
            out.println();
        }
    }

    private static String metric(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private String line(SearchSummary s) {
        String top = ladder.tier(ladder.top()).name();
        String best = s.best().filter(b -> b.tier() == ladder.top())
                .map(b -> String.format(Locale.ROOT, "best %s %.2f (%s %s)", top, b.score(), resultColumn,
                        metric(b.metrics().get(resultColumn))))
                .orElse("no " + top + " result yet");
        String device = deviceBudget > 0 ? String.format(Locale.ROOT, "%.0f/%.0f", s.deviceSeconds(), deviceBudget)
                : String.format(Locale.ROOT, "%.0f", s.deviceSeconds());
        return String.format(Locale.ROOT, "[%5.0fs] trials %d done, %d stopped early, %d failed, %d running | %s | device-s %s",
                s.elapsedSeconds(), s.completed() + s.counts().get(TrialStatus.REUSED), s.counts().get(TrialStatus.STOPPED),
                s.counts().get(TrialStatus.FAILED), s.counts().get(TrialStatus.RUNNING), best, device);
    }
}
