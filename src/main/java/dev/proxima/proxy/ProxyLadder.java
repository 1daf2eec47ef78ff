package dev.proxima.proxy;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Ordered proxy tiers, cheapest first (EcoNAS's hierarchical proxy): every candidate enters at
 * tier 0 and moves up only when promoted; scores are compared only within a tier, and the search's
 * answer comes from the highest tier reached. A one-tier ladder is a plain single-fidelity search.
 */
public record ProxyLadder(List<Fidelity> tiers) {
    public ProxyLadder {
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("a proxy ladder needs at least one tier");
        }
        var names = new HashSet<String>();
        for (Fidelity f : tiers) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("tier '" + f.name() + "' appears twice in the ladder");
            }
        }
    }

    /** A single-tier ladder. */
    public static ProxyLadder of(Fidelity fidelity) {
        return new ProxyLadder(List.of(fidelity));
    }

    public int size() {
        return tiers.size();
    }

    public Fidelity tier(int index) {
        return tiers.get(index);
    }

    public int top() {
        return tiers.size() - 1;
    }

    /** The tier with this fidelity name. */
    public Optional<Integer> indexOf(String name) {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).name().equals(name)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** True when a candidate promoted into {@code tier} resumes the training it had at the tier below. */
    public boolean resumes(int tier) {
        return tier > 0 && tiers.get(tier - 1).continuesInto(tiers.get(tier));
    }

    /** Where a trial of {@code tier} promoted from {@code promotedFrom} (-1: a new candidate) starts. */
    public Resume resumeOf(int tier, long promotedFrom) {
        return resumes(tier) && promotedFrom >= 0 ? new Resume(promotedFrom, startEpoch(tier)) : Resume.NONE;
    }

    /** The epoch a promoted candidate's training starts from at {@code tier}: the tier below's epochs when it resumes, else 0. */
    public int startEpoch(int tier) {
        return resumes(tier) ? tiers.get(tier - 1).epochs() : 0;
    }

    /** e.g. {@code synflow -> hp12 -> hp200}. */
    public String describe() {
        return tiers.stream().map(Fidelity::name).collect(Collectors.joining(" -> "));
    }
}
