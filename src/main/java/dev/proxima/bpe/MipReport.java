package dev.proxima.bpe;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** MIP's results as text: each round's evaluations and importance table, the answer, the frontier. */
public final class MipReport {
    private MipReport() {}

    /** One line per evaluated setting. */
    public static String evaluation(BpeSpace space, SettingResult r, String note) {
        return String.format(Locale.ROOT, "  %-40s rho %6.3f  tau %6.3f  %7.2f s/arch%s", space.name(r.setting()), r.spearman(),
                r.kendall(), r.secondsPerArchitecture(), note.isEmpty() ? "" : "  " + note);
    }

    /** A round: the importance of every active parameter (fANOVA share, permutation check, marginals) and what was pruned. */
    public static String round(BpeSpace space, MipRound round) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "round %d: %d settings evaluated, searching %s%n", round.index(),
                round.evaluated().size(), round.active().stream().map(d -> space.dimension(d).parameter().key()).toList()));
        if (round.finalGrid()) {
            return b.append("  (final round: the last parameter's values gridded)\n").toString();
        }
        if (round.importance().isEmpty()) {
            return b.append("  (no forest: fewer than two settings evaluated)\n").toString();
        }
        b.append(String.format(Locale.ROOT, "  %-18s %8s %12s   %s%n", "parameter", "fANOVA", "permutation", "marginal rho by value"));
        List<Importance> sorted = round.importance().stream().sorted(Comparator.comparingDouble(Importance::fanova).reversed())
                .toList();
        for (Importance i : sorted) {
            BpeSpace.Dimension d = space.dimension(i.dimension());
            StringBuilder m = new StringBuilder();
            for (int l = 0; l < d.size(); l++) {
                m.append(String.format(Locale.ROOT, "%s%s: %.3f", l == 0 ? "" : ", ", BpeParameter.format(d.value(l)),
                        i.marginal()[l]));
            }
            b.append(String.format(Locale.ROOT, "  %-18s %8.3f %12.5f   %s%n", d.parameter().key(), i.fanova(), i.permutation(), m));
        }
        BpeSpace.Dimension pruned = space.dimension(round.pruned());
        b.append(String.format(Locale.ROOT, "  pruned %s, fixed at %s%n", pruned.parameter().key(),
                BpeParameter.format(pruned.value(round.prunedLevel()))));
        return b.toString();
    }

    /** The answer and the Spearman-against-cost frontier. */
    public static String summary(BpeSpace space, MipResult result, double budgetPerArchitecture) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "MIP ended: %s; %d settings evaluated, %.0f device-seconds (%.2f device-hours)%n",
                result.stopped(), result.evaluated().size(), result.deviceSeconds(), result.deviceSeconds() / 3600));
        if (result.best().isEmpty()) {
            b.append(String.format(Locale.ROOT, "no evaluated setting fits %.1f s per architecture%n", budgetPerArchitecture));
        } else {
            SettingResult best = result.best().get();
            b.append(String.format(Locale.ROOT, "answer: %s (rho %.3f, tau %.3f, %.2f s per architecture)%n",
                    space.describe(best.setting()), best.spearman(), best.kendall(), best.secondsPerArchitecture()));
            b.append("  as a ladder tier: ").append(space.fidelityBlock(best.setting(), "bpe")).append('\n');
        }
        b.append("frontier (no cheaper setting ranks better):\n");
        for (SettingResult r : result.frontier()) {
            b.append(evaluation(space, r, "")).append('\n');
        }
        return b.toString();
    }

    /** Every round's importance table as CSV: round,parameter,fanova,permutation,pruned,fixed_at. */
    public static String roundsCsv(BpeSpace space, MipResult result) {
        StringBuilder b = new StringBuilder("round,parameter,fanova,permutation,pruned,fixed_at\n");
        for (MipRound r : result.rounds()) {
            for (Importance i : r.importance()) {
                boolean pruned = i.dimension() == r.pruned();
                BpeSpace.Dimension d = space.dimension(i.dimension());
                b.append(String.format(Locale.ROOT, "%d,%s,%.5f,%.6f,%s,%s%n", r.index(), d.parameter().key(), i.fanova(),
                        i.permutation(), pruned, pruned ? BpeParameter.format(d.value(r.prunedLevel())) : ""));
            }
        }
        return b.toString();
    }
}
