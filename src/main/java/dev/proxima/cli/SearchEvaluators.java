package dev.proxima.cli;

import ai.djl.engine.Engine;
import dev.proxima.config.ProximaConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.daemon.RoutingEvaluator;
import dev.proxima.evaluation.Evaluator;
import dev.proxima.replay.TableReplayEvaluator;
import dev.proxima.training.DjlEngines;
import dev.proxima.training.DjlTrainingEvaluator;
import dev.proxima.training.TrainingData;
import dev.proxima.zerocost.ZeroCostTier;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a node's workers evaluate a daemon's searches with, built from each search's configuration
 * as a worker is lent to it: training data loaded once per node for every search (and device) that
 * reads the same, a replay table once per search; each let go when the last worker that used it
 * lets go. One per node, shared by its workers.
 */
final class SearchEvaluators {
    /** The node's engine; null on a replay node. */
    private final Engine engine;
    private final Map<Object, Shared> shared = new HashMap<>();

    private static final class Shared {
        final Object value;
        int users;

        Shared(Object value) {
            this.value = value;
        }
    }

    /** What selects the images and their split: searches equal in these share one copy. */
    private record DataKey(String dataset, String source, Path dataDir, int validationSize, long splitSeed) {}

    /** @param engine the node's training engine; null when its workers replay */
    SearchEvaluators(Engine engine) {
        this.engine = engine;
    }

    /** The node's own data (a {@code proxima worker}'s): a search that reads the same uses it, not a second copy. */
    void keep(ProximaSettings settings, TrainingData data) {
        acquire(dataKey(settings), () -> data); // never released: the node holds it anyway
    }

    private static DataKey dataKey(ProximaSettings settings) {
        var t = settings.training();
        return new DataKey(t.dataset(), t.source(), t.dataDir().toAbsolutePath(), t.validationSize(), t.splitSeed());
    }

    /** The evaluator of a worker on {@code device}: per search, with {@code own} for runs it is not told of. */
    RoutingEvaluator forDevice(String device, Evaluator own) {
        return new RoutingEvaluator((run, config) -> open(run, config, device), own);
    }

    private RoutingEvaluator.Opened open(String run, String config, String device) {
        ProximaSettings settings = ProximaConfig.stored(config, "the configuration of search " + run).settings();
        if (settings.replayed() != (engine == null)) {
            throw new IllegalArgumentException("search " + run + " evaluates by " + (settings.replayed() ? "replay" : "training")
                    + ", this node by " + (engine == null ? "replay" : "training"));
        }
        if (settings.replayed()) {
            Object key = "replay:" + run;
            TableReplayEvaluator replay = acquire(key, () -> new TableReplayEvaluator(ReplaySetup.load(settings).replay(),
                    settings.replay().speedup()));
            return new RoutingEvaluator.Opened(replay, () -> release(key));
        }
        var t = settings.training();
        DataKey key = dataKey(settings);
        TrainingData data = acquire(key, () -> TrainingSetup.trainingData(settings));
        DjlTrainingEvaluator evaluator;
        try {
            evaluator = new DjlTrainingEvaluator(data, DjlEngines.device(device, engine),
                    t.checkpointDir().toAbsolutePath(), t.checkpointEvery(), new ZeroCostTier(data, settings.search().seed()));
        } catch (RuntimeException e) {
            release(key);
            throw e;
        }
        return new RoutingEvaluator.Opened(evaluator, () -> {
            evaluator.close();
            release(key);
        });
    }

    @SuppressWarnings("unchecked")
    private synchronized <T> T acquire(Object key, Supplier<T> load) {
        Shared s = shared.get(key);
        if (s == null) {
            s = new Shared(load.get());
            shared.put(key, s);
        }
        s.users++;
        return (T) s.value;
    }

    private synchronized void release(Object key) {
        Shared s = shared.get(key);
        if (s != null && --s.users == 0) {
            shared.remove(key);
        }
    }

    /** Values held now (data copies and tables), for tests. */
    synchronized int held() {
        return shared.size();
    }
}
