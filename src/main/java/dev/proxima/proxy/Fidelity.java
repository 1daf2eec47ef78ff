package dev.proxima.proxy;

/**
 * A proxy setting: how much a candidate is trained before it is scored. For a replayed table the
 * name selects the table's column (e.g. {@code hp12} = the 12-epoch schedule); for real training
 * the recipe says how.
 *
 * @param name the fidelity's name, unique within a search
 * @param epochs training epochs at this fidelity
 * @param recipe the rest of the training setting
 */
public record Fidelity(String name, int epochs, TrainingRecipe recipe) {
    public Fidelity {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a fidelity needs a name");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("fidelity '" + name + "' needs at least 1 epoch, got " + epochs);
        }
    }

    /** A fidelity trained with NAS-Bench-201's own recipe (what a benchmark table records). */
    public Fidelity(String name, int epochs) {
        this(name, epochs, TrainingRecipe.NAS_BENCH_201);
    }
}
