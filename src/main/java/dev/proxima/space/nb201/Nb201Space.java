package dev.proxima.space.nb201;

import dev.proxima.space.Architecture;
import dev.proxima.space.CategoricalSpace;
import java.util.random.RandomGenerator;

/**
 * The NAS-Bench-201 space. Sampling draws every edge's operation uniformly; mutation follows the
 * benchmark's regularized-evolution code ({@code R_EA.py}): pick a node uniformly, then one of its
 * incoming edges uniformly, then a different operation uniformly.
 */
public final class Nb201Space implements CategoricalSpace {
    /** The space's name in config and in stored results. */
    public static final String NAME = "nb201";
    private static final Nb201Op[] OPS = Nb201Op.values();
    /** The edges entering node 1, 2 and 3, in string order. */
    private static final int[][] EDGES_INTO_NODE = {{0}, {1, 2}, {3, 4, 5}};

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long size() {
        return 15_625;
    }

    /** Reads the official arch string, or the six op digits (e.g. {@code 421211}). */
    @Override
    public Nb201Cell parse(String encoding) {
        String text = encoding == null ? "" : encoding.trim();
        if (text.matches("[0-4]{6}")) {
            return fromDigits(text);
        }
        String[] groups = text.split("\\+", -1);
        if (groups.length != 3) {
            throw invalid(text, "expected 3 node groups joined by '+', found " + groups.length);
        }
        Nb201Op[] ops = new Nb201Op[Nb201Cell.EDGES];
        int edge = 0;
        for (int node = 0; node < 3; node++) {
            String group = groups[node];
            if (!group.startsWith("|") || !group.endsWith("|") || group.length() < 2) {
                throw invalid(text, "node group " + (node + 1) + " must be written |op~src|...|");
            }
            String[] inputs = group.substring(1, group.length() - 1).split("\\|", -1);
            if (inputs.length != node + 1) {
                throw invalid(text, "node " + (node + 1) + " needs " + (node + 1) + " inputs, found " + inputs.length);
            }
            for (int source = 0; source <= node; source++, edge++) {
                ops[edge] = parseInput(text, inputs[source], source);
            }
        }
        return Nb201Cell.of(ops);
    }

    private static Nb201Op parseInput(String text, String input, int expectedSource) {
        int tilde = input.lastIndexOf('~');
        if (tilde < 0) {
            throw invalid(text, "'" + input + "' is not op~source");
        }
        Nb201Op op = Nb201Op.byOfficialName(input.substring(0, tilde));
        if (op == null) {
            throw invalid(text, "unknown operation '" + input.substring(0, tilde) + "'");
        }
        if (!input.substring(tilde + 1).equals(Integer.toString(expectedSource))) {
            throw invalid(text, "'" + input + "' should read from node " + expectedSource);
        }
        return op;
    }

    private static Nb201Cell fromDigits(String digits) {
        Nb201Op[] ops = new Nb201Op[Nb201Cell.EDGES];
        for (int e = 0; e < ops.length; e++) {
            ops[e] = OPS[digits.charAt(e) - '0'];
        }
        return Nb201Cell.of(ops);
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid nb201 architecture '" + text + "': " + why);
    }

    @Override
    public Nb201Cell sample(RandomGenerator rng) {
        Nb201Op[] ops = new Nb201Op[Nb201Cell.EDGES];
        for (int e = 0; e < ops.length; e++) {
            ops[e] = OPS[rng.nextInt(OPS.length)];
        }
        return Nb201Cell.of(ops);
    }

    @Override
    public Nb201Cell mutate(Architecture parent, RandomGenerator rng) {
        if (!(parent instanceof Nb201Cell cell)) {
            throw new IllegalArgumentException("not an nb201 architecture: " + parent.encode());
        }
        int[] edges = EDGES_INTO_NODE[rng.nextInt(EDGES_INTO_NODE.length)];
        int edge = edges[rng.nextInt(edges.length)];
        Nb201Op op;
        do {
            op = OPS[rng.nextInt(OPS.length)];
        } while (op == cell.op(edge));
        return cell.with(edge, op);
    }

    @Override
    public int[] optionCounts() {
        int[] counts = new int[Nb201Cell.EDGES];
        java.util.Arrays.fill(counts, OPS.length);
        return counts;
    }

    @Override
    public int[] choicesOf(Architecture architecture) {
        if (!(architecture instanceof Nb201Cell cell)) {
            throw new IllegalArgumentException("not an nb201 architecture: " + architecture.encode());
        }
        int[] choices = new int[Nb201Cell.EDGES];
        for (int e = 0; e < choices.length; e++) {
            choices[e] = cell.op(e).ordinal();
        }
        return choices;
    }

    @Override
    public Nb201Cell fromChoices(int[] choices) {
        Nb201Op[] ops = new Nb201Op[Nb201Cell.EDGES];
        for (int e = 0; e < ops.length; e++) {
            ops[e] = OPS[choices[e]];
        }
        return Nb201Cell.of(ops);
    }
}
