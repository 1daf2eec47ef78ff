package dev.proxima.space.nb201;

import dev.proxima.space.Architecture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One NAS-Bench-201 cell: the operations on its six edges, in the order of the official arch
 * string: 0→1, 0→2, 1→2, 0→3, 1→3, 2→3. Node 0 is the cell input, node 3 its output.
 */
public final class Nb201Cell implements Architecture {
    /** Number of edges in a cell. */
    public static final int EDGES = 6;
    /** Source node of each edge, in string order. */
    static final int[] SOURCE = {0, 0, 1, 0, 1, 2};
    /** Target node of each edge, in string order. */
    static final int[] TARGET = {1, 2, 2, 3, 3, 3};

    private final Nb201Op[] ops;

    private Nb201Cell(Nb201Op[] ops) {
        this.ops = ops;
    }

    /** A cell from its six edge operations in string order. */
    public static Nb201Cell of(Nb201Op... ops) {
        if (ops.length != EDGES) {
            throw new IllegalArgumentException("an nb201 cell has 6 edges, got " + ops.length);
        }
        return new Nb201Cell(ops.clone());
    }

    /** The operation on edge {@code edge} (0..5, string order). */
    public Nb201Op op(int edge) {
        return ops[edge];
    }

    /** A copy of this cell with edge {@code edge} set to {@code op}. */
    public Nb201Cell with(int edge, Nb201Op op) {
        Nb201Op[] copy = ops.clone();
        copy[edge] = op;
        return new Nb201Cell(copy);
    }

    /** Number of edges whose operation is not {@code none}. */
    public int activeEdges() {
        int n = 0;
        for (Nb201Op op : ops) {
            if (op != Nb201Op.NONE) {
                n++;
            }
        }
        return n;
    }

    /** True when some path of edges other than {@code none} leads from the cell's input to its output. */
    public boolean reachesOutput() {
        boolean[] reached = {true, false, false, false};
        for (int e = 0; e < EDGES; e++) { // edges are in topological order of their targets
            if (ops[e] != Nb201Op.NONE && reached[SOURCE[e]]) {
                reached[TARGET[e]] = true;
            }
        }
        return reached[3];
    }

    @Override
    public String space() {
        return Nb201Space.NAME;
    }

    /** The official arch string, e.g. {@code |nor_conv_3x3~0|+|skip_connect~0|none~1|+|...|}. */
    @Override
    public String encode() {
        StringBuilder s = new StringBuilder();
        for (int e = 0; e < EDGES; e++) {
            if (e == 1 || e == 3) {
                s.append('+');
            }
            s.append('|').append(ops[e].officialName()).append('~').append(SOURCE[e]);
            if (e == 0 || e == 2 || e == 5) {
                s.append('|');
            }
        }
        return s.toString();
    }

    /** The six op digits (0=none .. 4=avg_pool_3x3) in string order, e.g. {@code 421211}. */
    public String opDigits() {
        StringBuilder s = new StringBuilder(EDGES);
        for (Nb201Op op : ops) {
            s.append(op.ordinal());
        }
        return s.toString();
    }

    /**
     * The function the cell computes, written as a sum of terms over its input {@code x}. Each node
     * is the sorted multiset of its incoming terms; {@code none} contributes nothing, {@code skip}
     * passes its source's terms through (sums are associative and commutative), any other
     * operation becomes one term {@code op(source)}, and an operation on an all-zero node yields
     * zero. Two cells are isomorphic exactly when these strings are equal; this merges the 15,625
     * cells into 4,930 classes (NAS-Bench-201's own {@code to_unique_str}, which keeps {@code x + 0}
     * apart from {@code x}, finds 6,466, and every one of its classes lies inside one of ours).
     */
    @Override
    public String canonicalForm() {
        List<List<String>> node = new ArrayList<>(List.of(List.of("x")));
        for (int target = 1; target <= 3; target++) {
            List<String> terms = new ArrayList<>();
            for (int e = 0; e < EDGES; e++) {
                List<String> source = TARGET[e] == target ? node.get(SOURCE[e]) : List.of();
                if (ops[e] == Nb201Op.NONE || source.isEmpty()) {
                    continue;
                }
                if (ops[e] == Nb201Op.SKIP_CONNECT) {
                    terms.addAll(source);
                } else {
                    terms.add(ops[e].officialName() + "(" + String.join("+", source) + ")");
                }
            }
            Collections.sort(terms);
            node.add(terms);
        }
        return node.get(3).isEmpty() ? "0" : String.join("+", node.get(3));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Nb201Cell other && Arrays.equals(ops, other.ops);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ops);
    }

    @Override
    public String toString() {
        return encode();
    }
}
