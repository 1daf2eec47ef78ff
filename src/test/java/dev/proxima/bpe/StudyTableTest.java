package dev.proxima.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyTableTest {
    @TempDir
    Path dir;

    @Test
    void aWrittenTableReadsBackAsTheSameSettingsAndScores() throws Exception {
        List<BpeParameter> params = List.of(BpeParameter.EPOCHS, BpeParameter.DATA_FRACTION);
        StudyTable table = new StudyTable(params, List.of(
                new StudyTable.Row("|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~0|avg_pool_3x3~2|", StudyTable.SEARCH,
                        List.of(1.0, 0.05), 71.5, 3.25, 88.1),
                new StudyTable.Row("|skip_connect~0|+|none~0|skip_connect~1|+|none~0|none~0|avg_pool_3x3~2|",
                        StudyTable.SEARCH, List.of(1.0, 0.05), Double.NaN, 3.5, 80.0),
                new StudyTable.Row("|skip_connect~0|+|none~0|skip_connect~1|+|none~0|none~0|avg_pool_3x3~2|",
                        StudyTable.HELD_OUT, List.of(2.0, 0.1), 75.0, 7.0, 80.0)));
        Path file = dir.resolve("study.csv");
        table.write(file);
        StudyTable read = StudyTable.read(file);
        assertEquals(params, read.parameters());
        assertEquals(3, read.rows().size());
        assertTrue(Double.isNaN(read.rows().get(1).score()), "a failed training stays failed");
        assertEquals(71.5, read.rows().get(0).score(), 1e-9);
        BpeSpace space = read.space(BpeSpaceTest.BASE);
        assertEquals(List.of(1.0, 2.0), space.dimension(0).values());
        Map<BpeSetting, List<StudyTable.Row>> search = read.bySetting(space, StudyTable.SEARCH);
        assertEquals(1, search.size());
        assertEquals(2, search.values().iterator().next().size());
    }

    @Test
    void aBadCellIsRefusedWithItsLine() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.csv"), "architecture,set,epochs,score,seconds,truth\n"
                + "a,search,1,70,2,80\n" + "b,search,two,70,2,80\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudyTable.read(file));
        assertEquals(file + ":3: epochs 'two' is not a number", e.getMessage());
        Path unknown = Files.writeString(dir.resolve("unknown.csv"), "architecture,set,epoch,score,seconds,truth\n");
        e = assertThrows(IllegalArgumentException.class, () -> StudyTable.read(unknown));
        assertTrue(e.getMessage().startsWith(unknown + ":1: column 'epoch' is no hyper-parameter BPE knows"), e.getMessage());
        Path set = Files.writeString(dir.resolve("set.csv"), "architecture,set,epochs,score,seconds,truth\na,train,1,70,2,80\n");
        e = assertThrows(IllegalArgumentException.class, () -> StudyTable.read(set));
        assertEquals(set + ":2: set 'train' is neither search nor held-out", e.getMessage());
    }
}
