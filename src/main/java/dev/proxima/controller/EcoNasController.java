package dev.proxima.controller;

import dev.proxima.space.Architecture;
import dev.proxima.space.SearchSpace;
import dev.proxima.stopping.PromotionRule;
import dev.proxima.stopping.TierView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * EcoNAS hierarchical evolution (Zhou et al. 2020, official {@code search/main.py}), made
 * asynchronous. Each round is a quota of jobs: {@code children} new candidates (tier 0) and, per
 * tier, {@code promote[t]} promotions from tier t to t+1 (defaults 16, 8 and 4 with three tiers,
 * all scaled by a multiplier). Round 0 is {@code children} random candidates.
 *
 * <p>There is no barrier: a free worker gets the most valuable job the round still owes, at once —
 * a promotion from the highest tier that has an eligible candidate (the best-scoring one at that
 * tier that is alive and not yet promoted), else the next child. When a round has issued all its
 * children and no owed promotion is eligible, the next round begins and the rest is forfeited.
 * Children come from tournaments per tier ({@code parents[t]} children bred from tier t's group,
 * 6/5/5 by default; an empty group hands its share to the next lower non-empty one): a tournament
 * draws {@code floor(n/4)+1} members of the tier's n alive scored trials with replacement and keeps
 * the best; its child is one mutation. A trial whose training was issued {@code agingRounds} or
 * more rounds ago is dead: never promoted, never a parent.
 *
 * <p>The controller is also the search's {@link PromotionRule}; all its state is derived from
 * {@link #issued} and {@link #observe(Observation)}, so a recovered search decides the same.
 */
public final class EcoNasController implements Controller, PromotionRule {
    private final SearchSpace space;
    private final int children;
    private final int[] promote;
    private final int[] parents;
    private final int agingRounds;

    private record Scored(long trialId, Architecture architecture, double score) {}

    /** Scored, unpromoted trials per tier, best first; one per isomorphism class. */
    private final List<List<Scored>> groups = new ArrayList<>();
    /** Canonical hashes that ever entered each tier's group. */
    private final List<Set<String>> classes = new ArrayList<>();
    private final Map<Long, Integer> issuedRound = new HashMap<>();
    private final Set<Long> promoted = new HashSet<>();
    private int round;
    private int childrenIssued;
    private int[] promotedThisRound;
    /** The round's counters before the last child was issued, to take it back if it turns out reused. */
    private RoundState beforeLastChild;

    private record RoundState(long trialId, int round, int childrenIssued, int[] promotedThisRound) {}

    /**
     * @param tiers number of ladder tiers
     * @param children new candidates per round
     * @param promote promotions per round out of each tier but the top (length tiers-1)
     * @param parents children bred from each tier's group per round (length tiers, summing to {@code children})
     * @param agingRounds rounds after which a trial can no longer be promoted or chosen as a parent
     */
    public EcoNasController(SearchSpace space, int tiers, int children, int[] promote, int[] parents, int agingRounds) {
        if (tiers < 1 || children < 1 || promote.length != tiers - 1 || parents.length != tiers || agingRounds < 1) {
            throw new IllegalArgumentException("econas needs children >= 1, aging-rounds >= 1, one promote quota per "
                    + "tier but the top (" + (tiers - 1) + ") and one parent quota per tier (" + tiers + "), got "
                    + promote.length + " and " + parents.length);
        }
        int sum = 0;
        for (int p : parents) {
            sum += p;
        }
        if (sum != children) {
            throw new IllegalArgumentException("econas parent quotas " + java.util.Arrays.toString(parents)
                    + " must add up to children per round " + children);
        }
        this.space = space;
        this.children = children;
        this.promote = promote.clone();
        this.parents = parents.clone();
        this.agingRounds = agingRounds;
        this.promotedThisRound = new int[promote.length];
        for (int t = 0; t < tiers; t++) {
            groups.add(new ArrayList<>());
            classes.add(new HashSet<>());
        }
    }

    /** The paper's constants for a three-tier ladder, scaled by {@code multiplier}: 16 children, promote 8 and 4, parents 6/5/5, aging 10. */
    public static EcoNasController paperDefaults(SearchSpace space, int multiplier) {
        return new EcoNasController(space, 3, 16 * multiplier, new int[] {8 * multiplier, 4 * multiplier},
                new int[] {6 * multiplier, 5 * multiplier, 5 * multiplier}, 10);
    }

    @Override
    public OptionalLong nextPromotion(TierView view) {
        for (int t = promote.length - 1; t >= 0; t--) {
            if (promotedThisRound[t] < owed(t)) {
                for (Scored s : groups.get(t)) {
                    if (isAlive(s.trialId())) {
                        return OptionalLong.of(s.trialId());
                    }
                }
            }
        }
        return OptionalLong.empty();
    }

    @Override
    public Architecture propose(RandomGenerator rng) {
        boolean nextRound = childrenIssued >= children;
        int roundOfChild = nextRound ? round + 1 : round;
        int index = nextRound ? 0 : childrenIssued;
        if (roundOfChild == 0) {
            return space.sample(rng);
        }
        int tier = parentTier(index);
        List<Scored> group = alive(tier, roundOfChild);
        for (int t = tier - 1; group.isEmpty() && t >= 0; t--) {
            group = alive(t, roundOfChild);
        }
        if (group.isEmpty()) {
            return space.sample(rng);
        }
        int draws = group.size() / 4 + 1;
        int bestRank = Integer.MAX_VALUE;
        for (int i = 0; i < draws; i++) {
            bestRank = Math.min(bestRank, rng.nextInt(group.size()));
        }
        return space.mutate(group.get(bestRank).architecture(), rng);
    }

    /** Which tier the {@code index}-th child of a round takes its parent from. */
    private int parentTier(int index) {
        int seen = 0;
        for (int t = 0; t < parents.length; t++) {
            seen += parents[t];
            if (index < seen) {
                return t;
            }
        }
        return 0;
    }

    private List<Scored> alive(int tier, int atRound) {
        return groups.get(tier).stream().filter(s -> atRound - issuedRound.get(s.trialId()) < agingRounds).toList();
    }

    private boolean isAlive(long trialId) {
        return round - issuedRound.get(trialId) < agingRounds;
    }

    @Override
    public void issued(long trialId, Architecture architecture, int tier, long promotedFrom) {
        if (promotedFrom >= 0) {
            promoted.add(promotedFrom);
            groups.get(tier - 1).removeIf(s -> s.trialId() == promotedFrom);
            promotedThisRound[tier - 1]++;
        } else {
            beforeLastChild = new RoundState(trialId, round, childrenIssued, promotedThisRound.clone());
            if (childrenIssued >= children) {
                startRound();
            }
            childrenIssued++;
        }
        issuedRound.put(trialId, round);
        if (childrenIssued >= children && java.util.stream.IntStream.range(0, promote.length)
                .allMatch(t -> promotedThisRound[t] >= owed(t))) {
            startRound();
        }
    }

    /** Promotions round {@link #round} owes out of tier t; the random initial round owes none. */
    private int owed(int t) {
        return round == 0 ? 0 : promote[t];
    }

    private void startRound() {
        round++;
        childrenIssued = 0;
        promotedThisRound = new int[promote.length];
    }

    @Override
    public void observe(Observation o) {
        if (promoted.contains(o.trialId())) {
            return; // promoted before its result arrived (cannot happen: only scored trials are promoted)
        }
        // A class enters a tier's group once: an isomorphic duplicate would otherwise take another
        // promotion slot and come back as a free duplicate one tier up. A reused child (no training)
        // is not one of the round's children either, so a round's quota buys new candidates.
        if (!classes.get(o.tier()).add(o.architecture().canonicalHash()) || o.reused()) {
            if (o.reused() && beforeLastChild != null && beforeLastChild.trialId() == o.trialId()) {
                // the core reuses right after proposing, before anything else is issued
                round = beforeLastChild.round();
                childrenIssued = beforeLastChild.childrenIssued();
                promotedThisRound = beforeLastChild.promotedThisRound();
                beforeLastChild = null;
            }
            return;
        }
        List<Scored> group = groups.get(o.tier());
        group.add(new Scored(o.trialId(), o.architecture(), o.score()));
        group.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingLong(Scored::trialId));
    }

    @Override
    public void observe(Architecture architecture, double score) {
        throw new UnsupportedOperationException("econas observes every tier through observe(Observation)");
    }

    /** The round being issued (0 = the random initial round). */
    public int round() {
        return round;
    }

    @Override
    public String describe() {
        return "econas(children=" + children + ", promote=" + java.util.Arrays.toString(promote) + ", parents="
                + java.util.Arrays.toString(parents) + ", aging=" + agingRounds + ")";
    }
}
