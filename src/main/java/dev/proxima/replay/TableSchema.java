package dev.proxima.replay;

import dev.proxima.proxy.Fidelity;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the columns of a tabular benchmark mean. Configured under {@code proxima.replay.table}.
 *
 * @param file the gzipped (or plain) CSV file
 * @param space the search space the architectures belong to
 * @param archColumn the column with the architecture (the space's string encoding, or NB201's op digits)
 * @param fidelities one column per fidelity: the score a trial gets when evaluated at that fidelity
 * @param metricColumns further columns reported with every trial (e.g. the ground truth {@code test_acc_200})
 * @param scoreColumns training-free proxy scores (higher = predicted better)
 * @param curveColumn optional per-epoch score curve ({@code ;}-separated, first epoch first)
 * @param epochTimeColumn optional training seconds per epoch (one value, or a {@code ;}-separated list)
 */
public record TableSchema(Path file, String space, String archColumn, List<FidelityColumn> fidelities,
        List<String> metricColumns, List<String> scoreColumns, Optional<String> curveColumn,
        Optional<String> epochTimeColumn) {

    /** A fidelity and the column that holds a candidate's score at it. */
    public record FidelityColumn(Fidelity fidelity, String column) {}

    public TableSchema {
        fidelities = List.copyOf(fidelities);
        metricColumns = List.copyOf(metricColumns);
        scoreColumns = List.copyOf(scoreColumns);
        if (fidelities.isEmpty()) {
            throw new IllegalArgumentException("table " + file + " needs at least one fidelity column");
        }
    }

    /** The fidelity with this name. */
    public Optional<FidelityColumn> fidelity(String name) {
        return fidelities.stream().filter(f -> f.fidelity().name().equals(name)).findFirst();
    }
}
