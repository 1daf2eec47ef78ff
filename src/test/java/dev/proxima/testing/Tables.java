package dev.proxima.testing;

import dev.proxima.config.ProximaConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.replay.BenchmarkTable;
import dev.proxima.replay.TableLoader;
import dev.proxima.replay.TableReplay;
import java.util.Optional;

/** The bundled NAS-Bench-201 CIFAR-10 table with the default schema, loaded once per test JVM. */
public final class Tables {
    private static BenchmarkTable table;
    private static TableReplay replay;

    private Tables() {}

    public static ProximaSettings defaults() {
        return ProximaConfig.load(Optional.empty()).settings();
    }

    public static synchronized BenchmarkTable nb201() {
        if (table == null) {
            table = TableLoader.load(defaults().replay().table());
        }
        return table;
    }

    public static synchronized TableReplay nb201Replay() {
        if (replay == null) {
            replay = new TableReplay(nb201(), defaults().replay().costModel(nb201()));
        }
        return replay;
    }
}
