package dev.proxima.replay;

import dev.proxima.fusion.RankVote;
import dev.proxima.search.TrialRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How well different rules would have picked the answer among the candidates replayed runs had
 * scored at their top tier by a moment of virtual time, where every candidate's result is known: the
 * oracle (the best result among them), the top tier's own score, and the equal-weight rank vote of
 * that score with each of the table's zero-cost score columns (and with all of them), ranked among
 * those candidates. It asks what evidence fusion could win at the answer, apart from the search.
 *
 * @param candidates mean top-tier candidates per run at that moment
 * @param oracle mean best result among them
 * @param bySelector mean result of each rule's pick, by rule name
 */
public record AnswerAudit(String name, double atSeconds, int runs, double candidates, double oracle,
        Map<String, Double> bySelector) {

    public static AnswerAudit of(String name, List<Simulator.Run> runs, int topTier, String topTierName, double atSeconds,
            String resultColumn, List<String> scoreColumns) {
        List<List<String>> votes = new ArrayList<>();
        scoreColumns.forEach(c -> votes.add(List.of(c)));
        if (scoreColumns.size() > 1) {
            votes.add(scoreColumns);
        }
        Map<String, Double> sums = new LinkedHashMap<>();
        sums.put(topTierName, 0.0);
        votes.forEach(v -> sums.put(topTierName + "+" + String.join("+", v), 0.0));
        double candidates = 0;
        double oracle = 0;
        int counted = 0;
        for (Simulator.Run run : runs) {
            List<TrialRecord> scored = run.core().book().at(topTier).stream().filter(TrialRecord::isScored)
                    .filter(t -> t.finishedAtMillis() <= atSeconds * 1000)
                    .filter(t -> t.metrics().containsKey(resultColumn)).toList();
            if (scored.isEmpty()) {
                continue;
            }
            counted++;
            candidates += scored.size();
            double[] truth = scored.stream().mapToDouble(t -> t.metrics().get(resultColumn)).toArray();
            double[] own = scored.stream().mapToDouble(TrialRecord::score).toArray();
            oracle += Arrays.stream(truth).max().orElseThrow();
            sums.merge(topTierName, truth[argmax(own)], Double::sum);
            for (List<String> vote : votes) {
                List<double[]> voters = new ArrayList<>(List.of(own));
                for (String column : vote) {
                    voters.add(scored.stream().mapToDouble(t -> t.metrics().getOrDefault(column, Double.NaN)).toArray());
                }
                double[] fused = RankVote.of(voters, voters.stream().map(v -> true).toList());
                sums.merge(topTierName + "+" + String.join("+", vote), truth[argmax(fused)], Double::sum);
            }
        }
        int n = Math.max(counted, 1);
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((k, v) -> means.put(k, v / n));
        return new AnswerAudit(name, atSeconds, counted, candidates / n, oracle / n, means);
    }

    /** The first index of the largest value (NaN never wins). */
    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best] || Double.isNaN(v[best])) {
                best = i;
            }
        }
        return best;
    }

    /** One line for the replay report. */
    public String describe(String resultColumn) {
        return String.format(Locale.ROOT, "answers %s at %.0f s (%d runs, %.1f top-tier candidates/run), mean %s of the pick: "
                + "oracle %.3f; ", name, atSeconds, runs, candidates, resultColumn, oracle)
                + bySelector.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()))
                        .collect(Collectors.joining("; "));
    }
}
