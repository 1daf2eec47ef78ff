package dev.proxima.bpe;

import java.util.List;

/**
 * One round of MIP: what it evaluated, how it ranked the active parameters, what it pruned.
 *
 * @param index 1-based
 * @param active the parameters still searched when the round began
 * @param evaluated the settings evaluated in this round
 * @param importance one entry per active parameter (empty in the final round, which grids the last one, and in
 *     a round that ended the search with fewer than two settings evaluated)
 * @param pruned the parameter fixed after this round, -1 if none
 * @param prunedLevel the level it was fixed at
 */
public record MipRound(int index, List<Integer> active, List<SettingResult> evaluated, List<Importance> importance,
        int pruned, int prunedLevel) {
    public MipRound {
        active = List.copyOf(active);
        evaluated = List.copyOf(evaluated);
        importance = List.copyOf(importance);
    }

    /** The round that gridded the last active parameter (no importance, nothing pruned). */
    public boolean finalGrid() {
        return importance.isEmpty() && active.size() <= 1;
    }
}
