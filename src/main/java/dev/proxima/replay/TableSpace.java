package dev.proxima.replay;

import dev.proxima.space.Architecture;
import dev.proxima.space.SearchSpace;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The architectures a table holds, for tables that cover only part of their space (the
 * 200-architecture learning-curve subset): samples are uniform over the rows, and a mutation is
 * the space's own, redrawn until the child is in the table (a random row after 100 misses).
 */
public final class TableSpace implements SearchSpace {
    private static final int MUTATION_TRIES = 100;

    private final SearchSpace space;
    private final BenchmarkTable table;
    private final List<Architecture> rows;

    public TableSpace(SearchSpace space, BenchmarkTable table) {
        this.space = space;
        this.table = table;
        this.rows = table.rows().stream().map(TableRow::architecture).toList();
    }

    @Override
    public String name() {
        return space.name();
    }

    @Override
    public Architecture parse(String encoding) {
        return space.parse(encoding);
    }

    @Override
    public Architecture sample(RandomGenerator rng) {
        return rows.get(rng.nextInt(rows.size()));
    }

    @Override
    public Architecture mutate(Architecture parent, RandomGenerator rng) {
        for (int i = 0; i < MUTATION_TRIES; i++) {
            Architecture child = space.mutate(parent, rng);
            if (table.row(child).isPresent()) {
                return child;
            }
        }
        return sample(rng);
    }

    @Override
    public long size() {
        return rows.size();
    }
}
