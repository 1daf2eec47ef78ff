package dev.proxima.replay;

import dev.proxima.proxy.Fidelity;

/**
 * Cost from the table's own per-epoch time column: the sum of the first {@code epochs} entries,
 * or {@code epochs} times the single value; plus a fixed evaluation time per trial.
 */
public final class EpochTimeCostModel implements CostModel {
    private final String column;
    private final double evalSeconds;

    public EpochTimeCostModel(String column, double evalSeconds) {
        this.column = column;
        this.evalSeconds = evalSeconds;
    }

    @Override
    public double seconds(TableRow row, Fidelity fidelity) {
        double[] t = row.epochSeconds();
        if (t.length == 1) {
            return fidelity.epochs() * t[0] + evalSeconds;
        }
        if (t.length < fidelity.epochs()) {
            return Double.NaN;
        }
        double sum = evalSeconds;
        for (int e = 0; e < fidelity.epochs(); e++) {
            sum += t[e];
        }
        return sum;
    }

    @Override
    public String describe() {
        return "time column '" + column + "' (+" + evalSeconds + " s evaluation)";
    }
}
