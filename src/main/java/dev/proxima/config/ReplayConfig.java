package dev.proxima.config;

import dev.proxima.proxy.ProxyLadder;
import dev.proxima.replay.BenchmarkTable;
import dev.proxima.replay.CostModel;
import dev.proxima.replay.EpochTimeCostModel;
import dev.proxima.replay.Nb201TimeModel;
import dev.proxima.replay.TableSchema;
import dev.proxima.search.Budget;
import dev.proxima.search.DedupPolicy;
import dev.proxima.space.nb201.Nb201Network;
import java.nio.file.Path;

/**
 * {@code proxima.replay}: the benchmark table and how it is replayed.
 *
 * @param ladder the replayed tiers, named from the table's fidelities
 * @param scoreSeconds device-seconds charged for each zero-cost score a trial reads as fusion evidence
 * @param timeModel the NAS-Bench-201 records the time model is fitted on (used when the table has no time column)
 */
public record ReplayConfig(ProxyLadder ladder, Budget budget, TableSchema table, boolean rowsOnly, double evalSeconds,
        double scoreSeconds, String resultColumn, TimeModelConfig timeModel, DedupPolicy dedup, int workers, int seeds,
        double reportIntervalSeconds, double speedup) {

    /** The table's time column when it has one, else the NAS-Bench-201 time model. */
    public CostModel costModel(BenchmarkTable loaded) {
        if (loaded.schema().epochTimeColumn().isPresent()) {
            return new EpochTimeCostModel(loaded.schema().epochTimeColumn().get(), evalSeconds);
        }
        if (!loaded.schema().space().equals("nb201")) {
            throw new ConfigProblem("proxima.replay.table.epoch-time-column: the table has no time column and only nb201 "
                    + "has a time model");
        }
        return Nb201TimeModel.fit(timeModel.records(), timeModel.dataset(), timeModel.hp(), timeModel.evalSplit(),
                Nb201Network.CIFAR10);
    }

    /** {@code proxima.replay.time-model}. */
    public record TimeModelConfig(Path records, String dataset, int hp, String evalSplit) {}
}
