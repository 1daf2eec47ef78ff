package dev.proxima.cli;

import dev.proxima.config.ProximaConfig;
import dev.proxima.replay.BenchmarkTable;
import dev.proxima.replay.TableLoader;
import dev.proxima.replay.TableReplay;
import dev.proxima.space.SearchSpace;
import dev.proxima.space.SearchSpaces;

/** The configured benchmark table, its cost model and its search space, loaded once. */
record ReplaySetup(SearchSpace space, TableReplay replay) {

    static ReplaySetup load(ProximaConfig config) {
        BenchmarkTable table = TableLoader.load(config.tableSchema());
        return new ReplaySetup(SearchSpaces.byName(table.schema().space()), new TableReplay(table, config.costModel(table)));
    }
}
