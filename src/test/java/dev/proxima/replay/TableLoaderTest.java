package dev.proxima.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.proxy.Fidelity;
import dev.proxima.testing.Tables;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableLoaderTest {
    private static final String HEADER = "index,arch,ops,val_acc_12,test_acc_200,curve";
    private static final String ROW1 = "0,|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|,421211,63.364,85.8633,10;20;30";
    private static final String ROW2 = "1,334131,334131,82.834,,40;50;60";

    @TempDir
    Path dir;

    @Test
    void theBundledTableHasTheBenchmarksOptimum() {
        TableRow best = Tables.nb201().rows().stream()
                .max(Comparator.comparingDouble(r -> r.value("test_acc_200").orElseThrow())).orElseThrow();
        assertEquals(94.3733, best.value("test_acc_200").orElseThrow(), 1e-9);
        assertEquals(6113, best.line()); // index 6111: the header is line 1, index 0 line 2
    }

    @Test
    void readsArchStringsOpDigitsCurvesAndMissingValues() throws IOException {
        BenchmarkTable table = TableLoader.load(schema(write("ok.csv.gz", HEADER, ROW1, ROW2), "arch"));
        assertEquals(2, table.size());
        TableRow second = table.rows().stream().skip(1).findFirst().orElseThrow();
        assertEquals("334131", ((dev.proxima.space.nb201.Nb201Cell) second.architecture()).opDigits());
        assertTrue(second.value("test_acc_200").isEmpty());
        assertEquals(List.of(40.0, 50.0, 60.0), List.of(second.curve()[0], second.curve()[1], second.curve()[2]));
    }

    @Test
    void aNonNumberNamesFileLineAndColumn() throws IOException {
        Path file = write("bad.csv.gz", HEADER, ROW1, ROW2.replace("82.834", "eighty"));
        assertEquals(file + " line 3, column 'val_acc_12': 'eighty' is not a number", failure(schema(file, "arch")));
    }

    @Test
    void aShortRowNamesItsLine() throws IOException {
        Path file = write("short.csv.gz", HEADER, ROW1, "1,334131");
        assertEquals(file + " line 3: 2 fields, but the header has 6", failure(schema(file, "arch")));
    }

    @Test
    void aMissingColumnListsTheHeader() throws IOException {
        Path file = write("cols.csv.gz", HEADER, ROW1);
        assertTrue(failure(schema(file, "architecture")).startsWith(file + " line 1: no column 'architecture' in the header (it has: index, arch"));
    }

    @Test
    void aBadArchitectureAndARepeatedOneAreReported() throws IOException {
        Path bad = write("arch.csv.gz", HEADER, ROW1.replace("avg_pool_3x3~0", "max_pool~0"));
        assertTrue(failure(schema(bad, "arch")).startsWith(bad + " line 2, column 'arch': invalid nb201 architecture"));
        Path twice = write("twice.csv.gz", HEADER, ROW1, ROW1);
        assertEquals(twice + " line 3, column 'arch': architecture repeats line 2", failure(schema(twice, "arch")));
    }

    @Test
    void aBadCurveValueNamesItsEpochAndAMissingFileSaysSo() throws IOException {
        Path file = write("curve.csv.gz", HEADER, ROW1.replace("10;20;30", "10;x;30"));
        assertEquals(file + " line 2, column 'curve[2]': 'x' is not a number", failure(schema(file, "arch")));
        assertEquals(dir.resolve("none.csv.gz") + ": no such file", failure(schema(dir.resolve("none.csv.gz"), "arch")));
    }

    private TableSchema schema(Path file, String archColumn) {
        return new TableSchema(file, "nb201", archColumn,
                List.of(new TableSchema.FidelityColumn(new Fidelity("hp12", 12), "val_acc_12")),
                List.of("test_acc_200"), List.of(), Optional.of("curve"), Optional.empty());
    }

    private static String failure(TableSchema schema) {
        return assertThrows(TableFormatException.class, () -> TableLoader.load(schema)).getMessage();
    }

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
