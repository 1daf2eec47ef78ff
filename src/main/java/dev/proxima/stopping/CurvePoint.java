package dev.proxima.stopping;

import java.util.List;

/**
 * One progress report of a running trial: its validation score after {@code epoch} epochs of its
 * schedule, with the best and the mean of the reports up to this one (kept so rules compare
 * curves in logarithmic time).
 */
public record CurvePoint(double epoch, double score, double best, double mean) {

    /** The point that follows {@code curve} when {@code score} is reported after {@code epoch} epochs. */
    public static CurvePoint next(List<CurvePoint> curve, double epoch, double score) {
        if (curve.isEmpty()) {
            return new CurvePoint(epoch, score, score, score);
        }
        CurvePoint last = curve.get(curve.size() - 1);
        int n = curve.size();
        return new CurvePoint(epoch, score, Math.max(last.best(), score), (last.mean() * n + score) / (n + 1));
    }

    /** The last report made at or before {@code epoch}, or null when the curve had none by then. */
    public static CurvePoint at(List<CurvePoint> curve, double epoch) {
        int i = indexAt(curve, epoch);
        return i < 0 ? null : curve.get(i);
    }

    /** The index of the last report made at or before {@code epoch}, or -1 (binary search; curves grow in epoch). */
    public static int indexAt(List<CurvePoint> curve, double epoch) {
        int lo = 0;
        int hi = curve.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (curve.get(mid).epoch() <= epoch) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** True when the curve has reported at or beyond {@code epoch}. */
    public static boolean reached(List<CurvePoint> curve, double epoch) {
        return !curve.isEmpty() && curve.get(curve.size() - 1).epoch() >= epoch;
    }
}
