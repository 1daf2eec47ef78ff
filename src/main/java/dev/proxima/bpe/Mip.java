package dev.proxima.bpe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Minimum Importance Pruning (Zheng et al., CVPR 2020). Each round samples settings from the current
 * subspace, the cheapest predicted first (draw {@code drawsPerSetting x K} uniformly, keep the K
 * cheapest; the all-cheapest setting comes first of all, and calibrates the cost predictor); every
 * setting is evaluated on the study's architectures; a random forest is fitted to every result so far;
 * the active parameter with the smallest fANOVA importance is pruned (fixed, see
 * {@link MipSettings.PruneTo}); when one parameter is left its values are gridded. The search also
 * ends when the total budget cannot pay for another setting. Deterministic: the same settings,
 * seed and results give the same rounds, which is what lets a killed study replay its cached
 * evaluations and go on.
 */
public final class Mip {
    private final BpeSpace space;
    private final MipSettings settings;
    private final Predicate<BpeSetting> available;

    /**
     * @param available settings that can be evaluated at all (every one for real training; those a
     *     multi-setting table holds in replay)
     */
    public Mip(BpeSpace space, MipSettings settings, Predicate<BpeSetting> available) {
        this.space = space;
        this.settings = settings;
        this.available = available;
    }

    /** Runs the search; {@code progress} sees each round as it ends. */
    public MipResult run(SettingEvaluator evaluator, Consumer<MipRound> progress) {
        Map<BpeSetting, SettingResult> evaluated = new LinkedHashMap<>();
        List<MipRound> rounds = new ArrayList<>();
        // a parameter with one value is a fixed override, not searched
        List<Integer> active = new ArrayList<>(IntStream.range(0, space.size()).filter(d -> space.dimension(d).size() > 1)
                .boxed().toList());
        BpeSetting anchor = space.minCost();
        String stopped = null;
        for (int index = 1; stopped == null; index++) {
            List<Integer> searched = List.copyOf(active);
            List<SettingResult> round = new ArrayList<>();
            if (evaluated.isEmpty() && available.test(anchor)) {
                round.addAll(evaluate(evaluator, List.of(anchor), evaluated)); // measures the scale of the cost model
            }
            boolean last = active.size() <= 1;
            Picked picked = pick(anchor, active, evaluated, last ? Integer.MAX_VALUE : settings.settingsPerRound() - round.size(),
                    index);
            round.addAll(evaluate(evaluator, picked.settings(), evaluated));
            if (last || evaluated.size() < 2) {
                stopped = last ? "one parameter left, its values gridded"
                        : evaluated.isEmpty() ? "nothing could be evaluated" : "one setting evaluated; a forest needs two";
                rounds.add(new MipRound(index, searched, round, List.of(), -1, -1));
                progress.accept(rounds.get(rounds.size() - 1));
                break;
            }
            List<SettingResult> data = List.copyOf(evaluated.values());
            Forest forest = Forest.fit(data, space.size(), settings.trees(), settings.seed() + index);
            List<Importance> importance = Importance.of(forest, space, anchor, active, data, settings.seed() + index);
            Importance least = importance.stream().min(Comparator.comparingDouble(Importance::fanova)).orElseThrow();
            int level = fixedLevel(least, anchor, active, data);
            anchor = anchor.with(least.dimension(), level);
            active.remove(Integer.valueOf(least.dimension()));
            rounds.add(new MipRound(index, searched, round, importance, least.dimension(), level));
            progress.accept(rounds.get(rounds.size() - 1));
            if (picked.budgetSpent()) {
                stopped = "total budget spent";
            }
        }
        return new MipResult(rounds, List.copyOf(evaluated.values()), best(evaluated.values()), stopped);
    }

    /** Settings picked for a round; {@code budgetSpent} when the total budget left out one that was wanted. */
    private record Picked(List<BpeSetting> settings, boolean budgetSpent) {}

    /** Evaluates the picked settings and records their results. */
    private List<SettingResult> evaluate(SettingEvaluator evaluator, List<BpeSetting> picked,
            Map<BpeSetting, SettingResult> evaluated) {
        if (picked.isEmpty()) {
            return List.of();
        }
        List<SettingResult> results = evaluator.evaluate(picked);
        if (results.size() != picked.size()) {
            throw new IllegalStateException("the evaluator returned " + results.size() + " results for " + picked.size()
                    + " settings");
        }
        results.forEach(r -> evaluated.put(r.setting(), r));
        return results;
    }

    /**
     * Up to {@code count} settings of the subspace that are not evaluated yet, can be evaluated,
     * are predicted to fit the budget per architecture and, together, the total budget left.
     */
    private Picked pick(BpeSetting anchor, List<Integer> active, Map<BpeSetting, SettingResult> evaluated, int count,
            int round) {
        CostPredictor cost = new CostPredictor(space, List.copyOf(evaluated.values()));
        Set<BpeSetting> open = new LinkedHashSet<>();
        for (BpeSetting s : space.grid(anchor, active, settings.seed() + round)) {
            if (!evaluated.containsKey(s) && available.test(s) && cost.fits(s, settings.budgetPerArchitecture())) {
                open.add(s);
            }
        }
        List<BpeSetting> drawn = new ArrayList<>(open);
        long draws = (long) count * settings.drawsPerSetting();
        if (drawn.size() > draws) {
            SplittableRandom rng = new SplittableRandom(settings.seed() * 31 + round);
            List<BpeSetting> pool = drawn;
            drawn = new ArrayList<>();
            for (int i = 0; i < draws; i++) {
                drawn.add(pool.remove(rng.nextInt(pool.size())));
            }
        }
        drawn.sort(Comparator.comparingDouble(cost::seconds));
        int architectures = evaluated.values().stream().mapToInt(SettingResult::architectures).max().orElse(1);
        double left = budgetLeft(evaluated);
        List<BpeSetting> out = new ArrayList<>();
        for (BpeSetting s : drawn) {
            if (out.size() >= count) {
                break;
            }
            double predicted = cost.seconds(s) * architectures;
            if (cost.calibrated() && predicted > left) {
                return new Picked(out, true); // sorted by cost: nothing after it fits either
            }
            out.add(s);
            left -= predicted;
        }
        return new Picked(out, false);
    }

    private double budgetLeft(Map<BpeSetting, SettingResult> evaluated) {
        if (settings.totalBudget() <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return settings.totalBudget() - evaluated.values().stream().mapToDouble(SettingResult::deviceSeconds).sum();
    }

    /** The level the pruned parameter is fixed at (see {@link MipSettings.PruneTo}); never one whose cheapest setting is over budget. */
    private int fixedLevel(Importance least, BpeSetting anchor, List<Integer> active, List<SettingResult> data) {
        int d = least.dimension();
        List<Integer> byCost = space.dimension(d).levelsByCost(space.baseValue(d));
        if (settings.pruneTo() == MipSettings.PruneTo.MIN_COST) {
            return byCost.get(0);
        }
        CostPredictor cost = new CostPredictor(space, data);
        BpeSetting cheapestRest = anchor;
        for (int other : active) {
            cheapestRest = cheapestRest.with(other, space.minCostLevel(other));
        }
        double[] m = least.marginal();
        double best = Double.NEGATIVE_INFINITY;
        List<Integer> affordable = new ArrayList<>();
        for (int level : byCost) {
            if (!Double.isNaN(m[level]) && cost.fits(cheapestRest.with(d, level), settings.budgetPerArchitecture())) {
                affordable.add(level);
                best = Math.max(best, m[level]);
            }
        }
        if (affordable.isEmpty()) {
            return byCost.get(0);
        }
        double floor = settings.pruneTo() == MipSettings.PruneTo.BEST ? best : best - settings.tolerance();
        for (int level : affordable) {
            if (m[level] >= floor) {
                return level;
            }
        }
        return affordable.get(0);
    }

    /**
     * The highest objective within the budget per architecture; among the settings within the
     * tolerance of it (differences that small are noise), the cheapest.
     */
    private Optional<SettingResult> best(Iterable<SettingResult> results) {
        List<SettingResult> fit = new ArrayList<>();
        for (SettingResult r : results) {
            if (!Double.isNaN(r.spearman()) && (settings.budgetPerArchitecture() <= 0
                    || r.secondsPerArchitecture() <= settings.budgetPerArchitecture())) {
                fit.add(r);
            }
        }
        double top = fit.stream().mapToDouble(SettingResult::objective).max().orElse(Double.NaN);
        return fit.stream().filter(r -> r.objective() >= top - settings.tolerance())
                .min(Comparator.comparingDouble(SettingResult::secondsPerArchitecture));
    }
}
