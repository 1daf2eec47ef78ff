package dev.proxima.testing;

import dev.proxima.stopping.CurvePoint;
import dev.proxima.stopping.TierEntry;
import dev.proxima.stopping.TierView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A hand-written {@link TierView}: trials with scripted curves and scores, for rule tests. */
public final class ScriptedTiers implements TierView {
    private final List<List<Trial>> tiers = new ArrayList<>();

    /** One scripted trial; {@code score} NaN = not scored yet. */
    public static final class Trial implements TierEntry {
        private final long id;
        private final int tier;
        private final List<CurvePoint> curve = new ArrayList<>();
        private double score = Double.NaN;
        private boolean promoted;

        Trial(long id, int tier) {
            this.id = id;
            this.tier = tier;
        }

        /** Appends one report per value, at epochs 1, 2, ... */
        public Trial curve(double... values) {
            for (double v : values) {
                curve.add(CurvePoint.next(curve, curve.size() + 1, v));
            }
            return this;
        }

        public Trial scored(double value) {
            score = value;
            return this;
        }

        public Trial promoted() {
            promoted = true;
            return this;
        }

        @Override
        public long trialId() {
            return id;
        }

        @Override
        public int tier() {
            return tier;
        }

        @Override
        public boolean isScored() {
            return !Double.isNaN(score);
        }

        @Override
        public double score() {
            return score;
        }

        @Override
        public boolean isPromoted() {
            return promoted;
        }

        @Override
        public List<CurvePoint> curve() {
            return List.copyOf(curve);
        }
    }

    public ScriptedTiers(int tiers) {
        for (int t = 0; t < tiers; t++) {
            this.tiers.add(new ArrayList<>());
        }
    }

    /** Adds a trial with the next id at {@code tier}. */
    public Trial add(int tier) {
        Trial t = new Trial(tiers.stream().mapToInt(List::size).sum() + 1, tier);
        tiers.get(tier).add(t);
        return t;
    }

    @Override
    public int tiers() {
        return tiers.size();
    }

    @Override
    public List<Trial> at(int tier) {
        return List.copyOf(tiers.get(tier));
    }

    @Override
    public Iterable<Trial> ranked(int tier) {
        return tiers.get(tier).stream().filter(Trial::isScored)
                .sorted(Comparator.comparingDouble(Trial::score).reversed().thenComparingLong(Trial::trialId)).toList();
    }

    @Override
    public int scoredCount(int tier) {
        return (int) tiers.get(tier).stream().filter(Trial::isScored).count();
    }

    @Override
    public java.util.Optional<Trial> bestUnpromoted(int tier) {
        for (Trial t : ranked(tier)) {
            if (!t.isPromoted()) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public int promotedAbove(int tier, long trialId) {
        int n = 0;
        for (Trial t : ranked(tier)) {
            if (t.trialId() == trialId) {
                break;
            }
            n += t.isPromoted() ? 1 : 0;
        }
        return n;
    }
}
