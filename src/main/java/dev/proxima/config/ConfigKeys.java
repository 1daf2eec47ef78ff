package dev.proxima.config;

/** The configuration keys that command-line flags set and messages name; the rest live in {@link ProximaConfig}. */
public final class ConfigKeys {
    private ConfigKeys() {}

    public static final String ROOT = "proxima";
    public static final String SEED = "proxima.search.seed";
    public static final String CONTROLLER = "proxima.search.controller";
    public static final String CLUSTER = "proxima.cluster";
    public static final String HTTP = "proxima.http";
    public static final String PROMOTION_RULE = "proxima.search.promotion.rule";
    public static final String STOPPING_RULE = "proxima.search.stopping.rule";
    public static final String SEARCH_DEDUP = "proxima.search.dedup";
    public static final String FUSION = "proxima.search.fusion";
    public static final String EVALUATOR = "proxima.search.evaluator";
    public static final String SEARCH_BUDGET = "proxima.search.budget";
    public static final String DEVICES = "proxima.worker.devices";
    public static final String WORKER_COUNT = "proxima.worker.count";
    public static final String TRAINING_DATASET = "proxima.training.dataset";
    public static final String TRAINING_SOURCE = "proxima.training.source";
    public static final String TRAINING_LADDER = "proxima.training.ladder";
    public static final String REPLAY_BUDGET = "proxima.replay.budget";
    public static final String REPLAY_DEDUP = "proxima.replay.dedup";
    public static final String REPLAY_SEEDS = "proxima.replay.seeds";
    public static final String REPLAY_WORKERS = "proxima.replay.workers";
    public static final String REPLAY_SPEEDUP = "proxima.replay.speedup";
    public static final String RUNS_DIR = "proxima.runs-dir";
    public static final String JOURNAL_STORE = "proxima.journal.store";
    public static final String JOURNAL_POSTGRESQL = "proxima.journal.postgresql";

    /** Budget sub-keys, under {@link #SEARCH_BUDGET} or {@link #REPLAY_BUDGET}. */
    public static final String MAX_TRIALS = "max-trials";
    public static final String MAX_DEVICE_SECONDS = "max-device-seconds";
    public static final String MAX_WALL_CLOCK = "max-wall-clock";
}
