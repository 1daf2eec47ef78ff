package dev.proxima.fusion;

import dev.proxima.stopping.CurvePoint;
import dev.proxima.stopping.TierEntry;
import dev.proxima.stopping.TierView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * A tier view that ranks each tier by fused score (the evidence of that tier and the ones below),
 * for a promotion rule to promote by: the rule itself is unchanged. A fused ranking can reorder
 * whenever a population grows, so it is rebuilt when the evidence changed since the last look.
 */
public final class FusedTierView implements TierView {
    private final TierView trials;
    private final LongFunction<? extends TierEntry> current;
    private final EvidenceBook evidence;
    private final List<List<Entry>> rankings = new ArrayList<>();
    private final long[] builtAtVersion;
    private final int[] builtAtCount;

    /** @param current the trial's record as it is now (records are replaced as trials change) */
    public FusedTierView(TierView trials, LongFunction<? extends TierEntry> current, EvidenceBook evidence) {
        this.trials = trials;
        this.current = current;
        this.evidence = evidence;
        this.builtAtVersion = new long[trials.tiers()];
        this.builtAtCount = new int[trials.tiers()];
        for (int t = 0; t < trials.tiers(); t++) {
            rankings.add(List.of());
            builtAtVersion[t] = -1;
        }
    }

    /** A trial of the tier with its fused score in place of its own; promotion is looked up live. */
    private final class Entry implements TierEntry {
        private final long trialId;
        private final int tier;
        private final double score;

        Entry(long trialId, int tier, double score) {
            this.trialId = trialId;
            this.tier = tier;
            this.score = score;
        }

        @Override
        public long trialId() {
            return trialId;
        }

        @Override
        public int tier() {
            return tier;
        }

        @Override
        public boolean isScored() {
            return true;
        }

        @Override
        public double score() {
            return score;
        }

        @Override
        public boolean isPromoted() {
            return current.apply(trialId).isPromoted();
        }

        @Override
        public List<CurvePoint> curve() {
            return current.apply(trialId).curve();
        }
    }

    @Override
    public int tiers() {
        return trials.tiers();
    }

    @Override
    public List<? extends TierEntry> at(int tier) {
        return trials.at(tier);
    }

    /** Best fused score first, earlier trial first on ties. */
    @Override
    public List<? extends TierEntry> ranked(int tier) {
        if (builtAtVersion[tier] != evidence.version() || builtAtCount[tier] != trials.scoredCount(tier)) {
            List<Entry> ranking = new ArrayList<>(trials.scoredCount(tier));
            for (TierEntry e : trials.ranked(tier)) {
                ranking.add(new Entry(e.trialId(), tier, evidence.fused(e.trialId(), tier)));
            }
            // NaN (no evidence) last
            ranking.sort(Comparator.comparingDouble((Entry e) -> Double.isNaN(e.score()) ? Double.POSITIVE_INFINITY
                    : -e.score()).thenComparingLong(Entry::trialId));
            rankings.set(tier, ranking);
            builtAtVersion[tier] = evidence.version();
            builtAtCount[tier] = trials.scoredCount(tier);
        }
        return rankings.get(tier);
    }

    @Override
    public Optional<? extends TierEntry> bestUnpromoted(int tier) {
        return ranked(tier).stream().filter(e -> !e.isPromoted()).findFirst();
    }

    @Override
    public int promotedAbove(int tier, long trialId) {
        int promoted = 0;
        for (TierEntry e : ranked(tier)) {
            if (e.trialId() == trialId) {
                return promoted;
            }
            promoted += e.isPromoted() ? 1 : 0;
        }
        return promoted;
    }

    @Override
    public int scoredCount(int tier) {
        return trials.scoredCount(tier);
    }
}
