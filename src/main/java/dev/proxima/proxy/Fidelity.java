package dev.proxima.proxy;

/**
 * A proxy setting: how much a candidate is trained before it is scored. For a replayed table the
 * name selects the table's column (e.g. {@code hp12} = the 12-epoch schedule); for real training
 * the recipe says how.
 *
 * @param name the fidelity's name, unique within a search
 * @param epochs training epochs at this fidelity; 0 = training-free (scored at initialisation)
 * @param scheduleEpochs length of the learning-rate schedule these epochs are part of, >= epochs:
 *     a fidelity of 20 epochs of a 60-epoch cosine schedule stops a third of the way down it, so a
 *     higher tier of the same schedule can resume where it stopped (EcoNAS's 20/40/60 tiers)
 * @param recipe the rest of the training setting
 */
public record Fidelity(String name, int epochs, int scheduleEpochs, TrainingRecipe recipe) {
    public Fidelity {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a fidelity needs a name");
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("fidelity '" + name + "' needs epochs >= 0, got " + epochs);
        }
        if (scheduleEpochs < epochs) {
            throw new IllegalArgumentException("fidelity '" + name + "': schedule-epochs " + scheduleEpochs
                    + " is shorter than its " + epochs + " epochs");
        }
    }

    /** A fidelity whose schedule ends with its last epoch. */
    public Fidelity(String name, int epochs, TrainingRecipe recipe) {
        this(name, epochs, epochs, recipe);
    }

    /** A fidelity trained with NAS-Bench-201's own recipe (what a benchmark table records). */
    public Fidelity(String name, int epochs) {
        this(name, epochs, TrainingRecipe.NAS_BENCH_201);
    }

    /** True for a zero-cost setting: the candidate is scored without training. */
    public boolean isTrainingFree() {
        return epochs == 0;
    }

    /** True when a higher tier can continue this one's training: same recipe, same schedule, more epochs. */
    public boolean continuesInto(Fidelity next) {
        return epochs > 0 && next.epochs > epochs && next.scheduleEpochs == scheduleEpochs && next.recipe.equals(recipe);
    }
}
