package dev.proxima.space;

/**
 * A space whose architectures are a fixed list of categorical decisions (NAS-Bench-201: one
 * operation per edge), the shape a policy-gradient controller samples from.
 */
public interface CategoricalSpace extends SearchSpace {

    /** How many options each decision has. */
    int[] optionCounts();

    /** The option index of each decision of {@code architecture}. */
    int[] choicesOf(Architecture architecture);

    /** The architecture with these option indexes. */
    Architecture fromChoices(int[] choices);
}
