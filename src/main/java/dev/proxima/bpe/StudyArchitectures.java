package dev.proxima.bpe;

import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Space;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The architectures of a study: those MIP scores every setting on, and held-out ones the answer is
 * checked on. Uniform nb201 cells, distinct up to isomorphism; a cell whose input never reaches its
 * output is left out, since every setting ranks those last alike and they would lift every
 * Spearman without telling settings apart.
 */
public record StudyArchitectures(List<Nb201Cell> search, List<Nb201Cell> heldOut) {

    public static StudyArchitectures draw(int search, int heldOut, long seed) {
        Nb201Space space = new Nb201Space();
        SplittableRandom rng = new SplittableRandom(seed);
        Set<String> seen = new HashSet<>();
        List<Nb201Cell> cells = new ArrayList<>();
        while (cells.size() < search + heldOut) {
            Nb201Cell c = space.sample(rng);
            if (c.reachesOutput() && seen.add(c.canonicalHash())) {
                cells.add(c);
            }
        }
        return new StudyArchitectures(List.copyOf(cells.subList(0, search)), List.copyOf(cells.subList(search, cells.size())));
    }

    public List<Nb201Cell> all() {
        List<Nb201Cell> out = new ArrayList<>(search);
        out.addAll(heldOut);
        return out;
    }
}
