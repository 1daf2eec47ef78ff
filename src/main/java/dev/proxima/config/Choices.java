package dev.proxima.config;

/**
 * Every named choice of the configuration: controllers, promotion and stopping rules, evaluators,
 * dedup policies, datasets. The factories switch over these names; {@code ChoicesTest} builds every
 * controller and rule named here, so a name without a factory fails it.
 */
public final class Choices {
    private Choices() {}

    public static final Choice CONTROLLERS = Choice.of(ConfigKeys.CONTROLLER,
            "random", "uniform samples of the space",
            "regularized-evolution", "aging evolution, Real et al. 2019",
            "reinforce", "policy gradient over per-decision logits",
            "econas", "EcoNAS hierarchical evolution with a population per tier");

    public static final Choice FUSION_WEIGHTS = Choice.of(ConfigKeys.FUSION + ".weights",
            "tier", "each tier the candidate reached has one vote, shared by its pieces",
            "piece", "every piece of evidence has one vote");
    public static final Choice PROMOTION_RULES = Choice.of(ConfigKeys.PROMOTION_RULE,
            "none", "no promotions",
            "asha", "asynchronous successive halving: the best of a tier's top 1/eta moves up");

    public static final Choice STOPPING_RULES = Choice.of(ConfigKeys.STOPPING_RULE,
            "none", "no early rejection",
            "asha", "stop unless in the top 1/eta at rungs grace-period * eta^k",
            "median", "stop below the median running mean of the tier at the same epoch",
            "tier-quantile", "stop below the quantile of the tier's scores at the same epoch");

    public static final Choice JOURNAL_STORES = Choice.of(ConfigKeys.JOURNAL_STORE,
            "sqlite", "journal.db in the run folder",
            "postgresql", "a schema per run on a PostgreSQL server that several nodes reach");

    public static final Choice WORKER_PROCESSES = Choice.of("proxima.worker.processes",
            "per-device", "one worker JVM per device, joined over 127.0.0.1 and recycled",
            "in-process", "worker actors inside the search's own JVM");

    public static final Choice EVALUATORS = Choice.of(ConfigKeys.EVALUATOR,
            "training", "real training with DJL",
            "replay", "look-ups in the benchmark table, in compressed time");

    public static final Choice DEDUP = Choice.of(ConfigKeys.SEARCH_DEDUP,
            "off", "evaluate isomorphic duplicates again",
            "isomorphic", "reuse the result of an isomorphic candidate at the same tier");

    public static final Choice DATASETS = Choice.of(ConfigKeys.TRAINING_DATASET,
            "fashion-mnist", "IDX files as Debian's dataset-fashion-mnist installs them",
            "cifar10", "CIFAR-10 binary batches");

    public static final Choice SOURCES = Choice.of(ConfigKeys.TRAINING_SOURCE,
            "idx", "Proxima's own IDX reader",
            "djl", "DJL's FashionMnist over a local repository");

    /** A choice's names for picocli's {@code completionCandidates}, which writes them into {@code --help}. */
    abstract static class Names implements Iterable<String> {
        private final Choice choice;

        Names(Choice choice) {
            this.choice = choice;
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return choice.iterator();
        }
    }

    public static final class ControllerNames extends Names {
        public ControllerNames() {
            super(CONTROLLERS);
        }
    }

    public static final class EvaluatorNames extends Names {
        public EvaluatorNames() {
            super(EVALUATORS);
        }
    }

    public static final class DedupNames extends Names {
        public DedupNames() {
            super(DEDUP);
        }
    }
}
