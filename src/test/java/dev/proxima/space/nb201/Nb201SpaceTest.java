package dev.proxima.space.nb201;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.replay.TableRow;
import dev.proxima.testing.Tables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Nb201SpaceTest {
    private final Nb201Space space = new Nb201Space();

    @Test
    void everyOfficialArchStringOfTheTableRoundTrips() {
        for (TableRow row : Tables.nb201().rows()) {
            Nb201Cell cell = (Nb201Cell) row.architecture();
            assertEquals(cell, space.parse(cell.encode()));
            assertEquals(cell, space.parse(cell.opDigits()));
        }
        assertEquals(15_625, Tables.nb201().size());
    }

    @Test
    void parsesTheReadmeExample() {
        Nb201Cell cell = space.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|");
        assertEquals("333132", cell.opDigits());
        assertEquals(Nb201Op.NOR_CONV_1X1, cell.op(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "|none~0|", "|none~0|+|none~0|none~1|+|none~0|none~1|", "|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|",
            "|none~1|+|none~0|none~1|+|none~0|none~1|none~2|", "|none~0|+|none~0|+|none~0|none~1|none~2|", "555555"})
    void rejectsMalformedStringsWithAMessageThatQuotesThem(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> space.parse(bad));
        assertTrue(e.getMessage().startsWith("invalid nb201 architecture '" + bad + "'"), e.getMessage());
    }

    @Test
    void canonicalFormMergesTheSpaceInto4930FunctionalClasses() {
        Set<String> classes = new HashSet<>();
        for (int i = 0; i < 15_625; i++) {
            classes.add(cellNumber(i).canonicalForm());
        }
        assertEquals(4_930, classes.size());
    }

    @Test
    void everyNasBench201UniqueClassLiesInsideOneCanonicalClass() {
        Map<String, String> canonicalOfUnique = new HashMap<>();
        for (int i = 0; i < 15_625; i++) {
            Nb201Cell cell = cellNumber(i);
            String previous = canonicalOfUnique.putIfAbsent(nb201UniqueString(cell), cell.canonicalForm());
            if (previous != null) {
                assertEquals(previous, cell.canonicalForm(), cell.encode());
            }
        }
        assertEquals(6_466, canonicalOfUnique.size());
    }

    @Test
    void isomorphicCellsShareAHashAndDifferentOnesDoNot() {
        // node 1 and node 2 swap roles when the 1->2 edge is none
        Nb201Cell a = space.parse("|nor_conv_3x3~0|+|avg_pool_3x3~0|none~1|+|none~0|nor_conv_1x1~1|skip_connect~2|");
        Nb201Cell b = space.parse("|avg_pool_3x3~0|+|nor_conv_3x3~0|none~1|+|none~0|skip_connect~1|nor_conv_1x1~2|");
        Nb201Cell c = space.parse("|avg_pool_3x3~0|+|nor_conv_3x3~0|none~1|+|none~0|nor_conv_1x1~1|skip_connect~2|");
        assertEquals(a.canonicalHash(), b.canonicalHash());
        assertNotEquals(a.canonicalHash(), c.canonicalHash());
        assertEquals(16, a.canonicalHash().length());
    }

    @Test
    void mutationChangesExactlyOneEdgeToADifferentOperation() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            Nb201Cell parent = space.sample(rng);
            Nb201Cell child = space.mutate(parent, rng);
            int changed = 0;
            for (int e = 0; e < Nb201Cell.EDGES; e++) {
                changed += parent.op(e) == child.op(e) ? 0 : 1;
            }
            assertEquals(1, changed);
        }
    }

    @Test
    void mutationPicksANodeFirstThenOneOfItsEdgesAsNasBench201Does() {
        SplittableRandom rng = new SplittableRandom(11);
        int[] hits = new int[Nb201Cell.EDGES];
        Nb201Cell parent = space.parse("000000");
        int n = 90_000;
        for (int i = 0; i < n; i++) {
            Nb201Cell child = space.mutate(parent, rng);
            for (int e = 0; e < Nb201Cell.EDGES; e++) {
                hits[e] += child.op(e) == Nb201Op.NONE ? 0 : 1;
            }
        }
        double[] expected = {1 / 3.0, 1 / 6.0, 1 / 6.0, 1 / 9.0, 1 / 9.0, 1 / 9.0};
        for (int e = 0; e < Nb201Cell.EDGES; e++) {
            assertEquals(expected[e], hits[e] / (double) n, 0.01, "edge " + e);
        }
    }

    @Test
    void samplingIsUniformOverOperationsOnEveryEdge() {
        SplittableRandom rng = new SplittableRandom(3);
        int[][] counts = new int[Nb201Cell.EDGES][5];
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            Nb201Cell cell = space.sample(rng);
            for (int e = 0; e < Nb201Cell.EDGES; e++) {
                counts[e][cell.op(e).ordinal()]++;
            }
        }
        for (int[] edge : counts) {
            for (int c : edge) {
                assertEquals(0.2, c / (double) n, 0.01);
            }
        }
    }

    private static Nb201Cell cellNumber(int i) {
        Nb201Op[] ops = new Nb201Op[Nb201Cell.EDGES];
        for (int e = 0; e < ops.length; e++, i /= 5) {
            ops[e] = Nb201Op.values()[i % 5];
        }
        return Nb201Cell.of(ops);
    }

    /** NAS-Bench-201's own CellStructure.to_unique_str(consider_zero=True), for comparison. */
    private static String nb201UniqueString(Nb201Cell cell) {
        List<String> nodes = new ArrayList<>(List.of("0"));
        int edge = 0;
        for (int node = 1; node <= 3; node++) {
            List<String> terms = new ArrayList<>();
            for (int source = 0; source < node; source++, edge++) {
                Nb201Op op = cell.op(edge);
                String in = nodes.get(source);
                terms.add(op == Nb201Op.NONE || in.equals("#") ? "#" : op == Nb201Op.SKIP_CONNECT ? in
                        : "(" + in + ")@" + op.officialName());
            }
            terms.sort(null);
            nodes.add(String.join("+", terms));
        }
        return nodes.get(3);
    }

    @Test
    void aCellReachesItsOutputOnlyThroughEdgesThatAreNotNone() {
        Nb201Space space = new Nb201Space();
        assertTrue(space.parse("|none~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|").reachesOutput(), "0->3 directly");
        assertTrue(space.parse("|nor_conv_3x3~0|+|none~0|avg_pool_3x3~1|+|none~0|none~1|skip_connect~2|").reachesOutput(),
                "0->1->2->3");
        assertTrue(!space.parse("|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|skip_connect~2|").reachesOutput(),
                "node 2 is never reached, so 2->3 carries nothing");
        assertTrue(!space.parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|").reachesOutput());
    }
}
