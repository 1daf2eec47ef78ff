package dev.proxima.cli;

import dev.proxima.config.ProximaSettings;
import dev.proxima.replay.BenchmarkTable;
import dev.proxima.replay.TableLoader;
import dev.proxima.replay.TableReplay;
import dev.proxima.replay.TableSpace;
import dev.proxima.space.SearchSpace;
import dev.proxima.space.SearchSpaces;

/** The configured benchmark table, its cost model and its search space, loaded once. */
record ReplaySetup(SearchSpace space, TableReplay replay) {

    /** The space is the table's rows only when {@code proxima.replay.table.rows-only} says so (partial tables). */
    static ReplaySetup load(ProximaSettings settings) {
        BenchmarkTable table = TableLoader.load(settings.replay().table());
        SearchSpace space;
        try {
            space = SearchSpaces.byName(table.schema().space());
        } catch (IllegalArgumentException e) {
            throw settings.origins().problem("proxima.replay.table.space", e.getMessage());
        }
        String result = settings.replay().resultColumn();
        boolean curveFinal = result.equals(TableReplay.CURVE_FINAL) && table.schema().curveColumn().isPresent();
        if (!table.schema().metricColumns().contains(result) && !curveFinal) {
            throw settings.origins().problem("proxima.replay.result-column", "'" + result + "' is not among "
                    + "proxima.replay.table.metric-columns " + table.schema().metricColumns()
                    + (table.schema().curveColumn().isPresent() ? " nor " + TableReplay.CURVE_FINAL : ""));
        }
        if (settings.replay().rowsOnly()) {
            space = new TableSpace(space, table);
        }
        return new ReplaySetup(space, new TableReplay(table, settings.replay().costModel(table),
                settings.replay().scoreSeconds()));
    }
}
