package dev.proxima.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueType;
import dev.proxima.controller.Controller;
import dev.proxima.controller.EcoNasController;
import dev.proxima.controller.RandomController;
import dev.proxima.controller.RegularizedEvolutionController;
import dev.proxima.controller.ReinforceController;
import dev.proxima.fusion.Fusion;
import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.ProxyLadder;
import dev.proxima.search.DedupPolicy;
import dev.proxima.search.SearchSettings;
import dev.proxima.search.Strategy;
import dev.proxima.space.CategoricalSpace;
import dev.proxima.space.SearchSpace;
import dev.proxima.stopping.AshaPromotion;
import dev.proxima.stopping.AshaStoppingRule;
import dev.proxima.stopping.MedianStoppingRule;
import dev.proxima.stopping.PromotionRule;
import dev.proxima.stopping.StoppingRule;
import dev.proxima.stopping.TierQuantileRule;
import dev.proxima.zerocost.ZeroCostScorers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The whole {@code proxima} configuration, read and checked once by {@link ProximaConfig#settings()}:
 * typed values only, no lookups by key afterwards.
 *
 * @param home where the bundled {@code conf/} and {@code data/} are ({@code proxima.home})
 * @param actorSystem the configuration the actor system starts with (Akka's part included)
 * @param origins where each key was set, for messages about values that are checked later
 */
public record ProximaSettings(Path home, SearchConfig search, WorkerConfig worker, TrainingConfig training, ReplayConfig replay,
        Path runsDir, JournalConfig journal, Config actorSystem, Origins origins) {

    /** Settings of a replayed search ({@code proxima replay}, {@code search --evaluator replay}, benches). */
    public SearchSettings replaySearch(DedupPolicy dedup) {
        return new SearchSettings(search.seed(), replay.ladder(), replay.budget(), search.trialTimeout().toMillis(),
                search.maxAttempts(), dedup, fusion(replay.ladder(), replay.table().scoreColumns(), Set.of(),
                        "score columns of proxima.replay.table"));
    }

    /** Settings of a trained search. */
    public SearchSettings trainingSearch() {
        return new SearchSettings(search.seed(), training.ladder(), search.budget(), search.trialTimeout().toMillis(),
                search.maxAttempts(), search.dedup(), fusion(training.ladder(), ZeroCostScorers.NAMES,
                        ZeroCostScorers.LOWER_IS_BETTER, "zero-cost scorers"));
    }

    /**
     * {@code proxima.search.fusion} against the ladder: every piece of evidence is a tier or one of
     * {@code scores} (what the evaluator can compute for every candidate), and each use can act.
     */
    private Fusion fusion(ProxyLadder ladder, List<String> scores, Set<String> lowerIsBetter, String scoresAre) {
        FusionConfig f = search.fusion();
        String evidencePath = ConfigKeys.FUSION + ".evidence";
        if (f.evidence().isEmpty() && (!f.answer().equals("none") || f.reward() || f.promotion())) {
            throw origins.problem(ConfigKeys.FUSION, "answer, reward and promotion fuse evidence, but evidence is empty; "
                    + "name tiers and zero-cost scores, e.g. evidence = [synflow, naswot, hp12]");
        }
        List<String> tiers = ladder.tiers().stream().map(Fidelity::name).toList();
        for (String piece : f.evidence()) {
            if (!tiers.contains(piece) && !scores.contains(piece)) {
                List<String> known = new ArrayList<>(tiers);
                known.addAll(scores);
                throw origins.problem(evidencePath, "'" + piece + "' is neither a tier of the ladder (" + ladder.describe()
                        + ") nor one of the " + scoresAre + " (" + String.join(", ", scores) + ")"
                        + Suggestions.closest(piece, known).map(s -> "; did you mean '" + s + "'?").orElse(""));
            }
        }
        int answerTier = switch (f.answer()) {
            case "none" -> -1;
            case "top" -> ladder.top();
            default -> ladder.indexOf(f.answer()).orElseThrow(() -> origins.problem(ConfigKeys.FUSION + ".answer", "'"
                    + f.answer() + "' is not none, top or a tier of the ladder (" + ladder.describe() + ")"));
        };
        if (f.promotion() && !search.strategy().promotionRule().equals("asha")) {
            throw origins.problem(ConfigKeys.FUSION + ".promotion", search.strategy().controller().equals("econas")
                    ? "econas promotes from what it learns: set reward = true to have it promote by fused score"
                    : "no promotion rule ranks by score (" + ConfigKeys.PROMOTION_RULE + " is "
                            + search.strategy().promotionRule() + "); set it to asha");
        }
        boolean bottomHasEvidence = f.evidence().stream().anyMatch(piece -> ladder.indexOf(piece).orElse(0) == 0);
        if (f.reward() && search.strategy().controller().equals("econas") && !bottomHasEvidence) {
            throw origins.problem(ConfigKeys.FUSION + ".reward", "econas learns from every tier, but no piece of evidence "
                    + "reaches the bottom tier (" + ladder.tier(0).name() + "); add it or a zero-cost score to evidence");
        }
        try {
            return new Fusion(f.evidence(), Fusion.Weights.valueOf(f.weights().toUpperCase(Locale.ROOT)), answerTier,
                    f.reward(), f.promotion(), lowerIsBetter);
        } catch (IllegalArgumentException e) {
            throw origins.problem(evidencePath, e.getMessage());
        }
    }

    /** True when {@code proxima search} replays the table instead of training. */
    public boolean replayed() {
        return search.evaluator().equals("replay");
    }

    /** The settings {@code proxima search} runs with: by its evaluator, as a run's journal is read back too. */
    public SearchSettings searchSettings() {
        return replayed() ? replaySearch(search.dedup()) : trainingSearch();
    }

    /**
     * Makes a fresh strategy for each run. Checks what depends on the ladder (EcoNAS's quotas), so
     * call it before any work starts.
     */
    public Supplier<Strategy> strategies(SearchSpace space, ProxyLadder ladder) {
        StrategyConfig s = search.strategy();
        Supplier<PromotionRule> promotions = s.promotionRule().equals("asha") ? () -> new AshaPromotion(s.promotionEta())
                : () -> PromotionRule.NEVER;
        StoppingRule stopping = stoppingRule(s);
        if (s.controller().equals("econas")) {
            if (!s.promotionRule().equals("none")) {
                throw origins.problem(ConfigKeys.PROMOTION_RULE, "econas decides promotions itself; set it to none");
            }
            Supplier<EcoNasController> econas = econas(s, space, ladder);
            return () -> {
                EcoNasController c = econas.get();
                return new Strategy(c, c, stopping);
            };
        }
        Supplier<Controller> controllers = switch (s.controller()) {
            case "random" -> () -> new RandomController(space);
            case "regularized-evolution" -> () -> new RegularizedEvolutionController(space, s.populationSize(), s.sampleSize());
            case "reinforce" -> {
                if (!(space instanceof CategoricalSpace categorical)) {
                    throw origins.problem(ConfigKeys.CONTROLLER, "reinforce needs a space of categorical decisions, not "
                            + space.name());
                }
                yield () -> new ReinforceController(categorical, s.reinforceLearningRate(), s.reinforceMomentum());
            }
            default -> throw new IllegalStateException("no factory for controller " + s.controller());
        };
        return () -> new Strategy(controllers.get(), promotions.get(), stopping);
    }

    private StoppingRule stoppingRule(StrategyConfig s) {
        try {
            return switch (s.stoppingRule()) {
                case "none" -> StoppingRule.NEVER;
                case "asha" -> new AshaStoppingRule(s.stoppingEta(), s.gracePeriod());
                case "median" -> new MedianStoppingRule(s.gracePeriod(), s.minTrials());
                case "tier-quantile" -> new TierQuantileRule(s.quantile(), s.gracePeriod(), s.minTrials());
                default -> throw new IllegalStateException("no factory for stopping rule " + s.stoppingRule());
            };
        } catch (IllegalArgumentException e) {
            throw origins.problem(ConfigKeys.STOPPING_RULE, e.getMessage());
        }
    }

    private Supplier<EcoNasController> econas(StrategyConfig s, SearchSpace space, ProxyLadder ladder) {
        String path = "proxima.search.econas";
        int m = s.econasMultiplier();
        int children = s.econasChildren() * m;
        int[] promote = s.econasPromote().stream().mapToInt(i -> i * m).toArray();
        int[] parents = s.econasParents().stream().mapToInt(i -> i * m).toArray();
        if (promote.length != ladder.size() - 1 || parents.length != ladder.size()) {
            throw origins.problem(path, "the ladder has " + ladder.size() + " tiers (" + ladder.describe()
                    + "): promote needs " + (ladder.size() - 1) + " entries and parents " + ladder.size() + ", got "
                    + promote.length + " and " + parents.length);
        }
        int aging = s.econasAgingRounds();
        try {
            new EcoNasController(space, ladder.size(), children, promote, parents, aging);
        } catch (IllegalArgumentException e) {
            throw origins.problem(path, e.getMessage());
        }
        return () -> new EcoNasController(space, ladder.size(), children, promote, parents, aging);
    }

    /** {@code proxima.http}, checked: where this search's page, API and metrics are served. */
    public HttpConfig http() {
        return ProximaConfig.of(actorSystem).http();
    }

    /** The {@code proxima} part of the configuration as HOCON text, as a run stores it (without the journal's password). */
    public String proximaText() {
        // a password stays out of the journal (and of the exports that copy its configuration)
        return actorSystem.getConfig(ConfigKeys.ROOT).withoutPath("journal.postgresql.password").withoutPath("cluster.tls.password").withoutPath("http.token").atKey(ConfigKeys.ROOT).root()
                .render(ConfigRenderOptions.concise().setJson(false).setFormatted(true));
    }

    /** The names of the strategy's parts, for the first line of a run. */
    public String controller() {
        return search.strategy().controller();
    }

    /** Where the keys of a configuration were set; makes the one-line problems that name them. */
    public record Origins(Config config) {
        /** "file.conf: 3", "command line" or "defaults". */
        public String of(String path) {
            if (!config.hasPath(path)) {
                return "defaults";
            }
            if (config.getValue(path).valueType() != ConfigValueType.OBJECT) {
                return ConfigText.origin(config.getValue(path).origin());
            }
            // a group: where the user set something in it, else the defaults
            return config.getConfig(path).entrySet().stream().map(e -> e.getValue().origin())
                    .filter(o -> !ConfigText.isDefault(o))
                    .map(ConfigText::origin).sorted().findFirst()
                    .orElse("defaults");
        }

        public ConfigProblem problem(String path, String why) {
            return new ConfigProblem(path + " (" + of(path) + "): " + why);
        }
    }
}
