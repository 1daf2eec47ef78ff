package dev.proxima.fusion;

import dev.proxima.proxy.ProxyLadder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a search knows about each candidate, and the rank vote over it. A candidate is a lineage of
 * trials: a bottom-tier trial and the trials it was promoted to. Each piece of evidence has one
 * population, the candidates seen so far that have it (every screened candidate for a zero-cost
 * score, the promoted ones for a trained tier's), and a candidate's fused score averages its
 * percentiles in the populations of its pieces (per tier first, or piece by piece:
 * {@link Fusion.Weights}), so it is defined at any moment of a search and moves as more candidates
 * are seen. (Percentiles within each tier's own candidates were measured too: among promoted
 * candidates they spread the zero-cost scores over the whole scale and cost the answer 0.1-0.6
 * points on NAS-Bench-201; README, "Evidence fusion".) Fed only by the core's {@code TrialCompleted} events, in
 * event order, so a search rebuilt from its journal fuses exactly as before.
 */
public final class EvidenceBook {
    private final Fusion fusion;
    /** A piece of evidence -> the tier that yields it; zero-cost scores come with tier 0. */
    private final Map<String, Integer> tierOf = new HashMap<>();
    private final Map<String, Population> populations = new HashMap<>();
    private final Map<Long, Long> rootOf = new HashMap<>();
    private final Map<Long, Map<String, Double>> byCandidate = new HashMap<>();
    private long version;

    public EvidenceBook(Fusion fusion, ProxyLadder ladder) {
        this.fusion = fusion;
        for (String source : fusion.evidence()) {
            tierOf.put(source, ladder.indexOf(source).orElse(0));
            populations.put(source, new Population());
        }
    }

    /**
     * A trial of the tier named {@code tierName} was scored: its candidate gains the tier's score and
     * every metric named as evidence, each piece once per candidate.
     *
     * @param promotedFrom the lower-tier trial it was promoted from, or -1 for a new candidate
     */
    public void scored(long trialId, long promotedFrom, String tierName, double score, Map<String, Double> metrics) {
        if (!fusion.enabled()) {
            return;
        }
        long root = promotedFrom >= 0 ? rootOf.getOrDefault(promotedFrom, promotedFrom) : trialId;
        rootOf.put(trialId, root);
        Map<String, Double> evidence = byCandidate.computeIfAbsent(root, r -> new LinkedHashMap<>());
        for (String source : fusion.evidence()) {
            Double value = source.equals(tierName) ? Double.valueOf(score) : metrics.get(source);
            if (value != null && !value.isNaN() && !evidence.containsKey(source)) {
                evidence.put(source, value);
                populations.get(source).add(oriented(source, value));
                version++;
            }
        }
    }

    /**
     * The fused score of the trial's candidate from its evidence of tiers up to {@code tier} (zero-cost
     * scores included): candidates compared at one tier then vote with the same pieces. NaN when it
     * has none. Builds nothing: rankings and the answer ask it for every candidate of a tier.
     */
    public double fused(long trialId, int tier) {
        return vote(trialId, tier, null);
    }

    /** {@link #fused} with the pieces it averages, in the configured order. */
    public FusedScore explain(long trialId, int tier) {
        List<FusedScore.Piece> pieces = new ArrayList<>();
        double score = vote(trialId, tier, pieces);
        return new FusedScore(score, List.copyOf(pieces));
    }

    /** The vote; each piece that counts also goes to {@code pieces} unless it is null. */
    private double vote(long trialId, int tier, List<FusedScore.Piece> pieces) {
        Long root = rootOf.get(trialId);
        Map<String, Double> evidence = root == null ? Map.of() : byCandidate.getOrDefault(root, Map.of());
        double[] sum = new double[tier + 1];
        int[] n = new int[tier + 1];
        for (String source : fusion.evidence()) {
            Double value = evidence.get(source);
            int from = tierOf.get(source);
            if (value != null && from <= tier) {
                Population p = populations.get(source);
                double percentile = p.percentile(oriented(source, value));
                if (pieces != null) {
                    pieces.add(new FusedScore.Piece(source, value, percentile, p.size()));
                }
                sum[from] += percentile;
                n[from]++;
            }
        }
        return average(sum, n);
    }

    /** Per tier first (each tier reached one vote) or over all pieces alike. */
    private double average(double[] sum, int[] n) {
        double total = 0;
        int votes = 0;
        for (int t = 0; t < sum.length; t++) {
            if (n[t] == 0) {
                continue;
            }
            if (fusion.weights() == Fusion.Weights.PIECE) {
                total += sum[t];
                votes += n[t];
            } else {
                total += sum[t] / n[t];
                votes++;
            }
        }
        return votes == 0 ? Double.NaN : total / votes;
    }

    /** Changes whenever a population does (a cached ranking older than this is stale). */
    public long version() {
        return version;
    }

    private double oriented(String source, double value) {
        return fusion.lowerIsBetter().contains(source) ? -value : value;
    }
}
