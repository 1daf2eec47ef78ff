package dev.proxima.cli;

import dev.proxima.config.ProximaConfig;
import dev.proxima.replay.BenchmarkTable;
import dev.proxima.replay.TableLoader;
import dev.proxima.replay.TableReplay;
import dev.proxima.replay.TableSpace;
import dev.proxima.space.SearchSpace;
import dev.proxima.space.SearchSpaces;

/** The configured benchmark table, its cost model and its search space, loaded once. */
record ReplaySetup(SearchSpace space, TableReplay replay) {

    /** The space is the table's rows only when {@code proxima.replay.table.rows-only} says so (partial tables). */
    static ReplaySetup load(ProximaConfig config) {
        BenchmarkTable table = TableLoader.load(config.tableSchema());
        SearchSpace space = SearchSpaces.byName(table.schema().space());
        if (config.raw().getBoolean("proxima.replay.table.rows-only")) {
            space = new TableSpace(space, table);
        }
        return new ReplaySetup(space, new TableReplay(table, config.costModel(table)));
    }
}
