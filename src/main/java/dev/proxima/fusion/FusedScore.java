package dev.proxima.fusion;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A candidate's fused score and the evidence it came from, for reports: why it ranks where it does.
 *
 * @param score the mean percentile of the pieces below (0 = last everywhere, 1 = first everywhere); NaN without evidence
 */
public record FusedScore(double score, List<Piece> pieces) {

    /**
     * One piece of evidence.
     *
     * @param value the candidate's value (as measured, before any sign flip)
     * @param percentile where it stands among the {@code seen} candidates that have this piece, 0..1 (best = 1)
     */
    public record Piece(String source, double value, double percentile, int seen) {}

    /** e.g. {@code naswot 815.94 (0.99 of 354), hp12 84.89 (1.00 of 41) -> fused 0.995}. */
    public String describe() {
        return pieces.stream().map(p -> String.format(Locale.ROOT, "%s %.6g (percentile %.3f of %d)", p.source(),
                p.value(), p.percentile(), p.seen())).collect(Collectors.joining(", "))
                + String.format(Locale.ROOT, " -> fused %.4f", score);
    }
}
