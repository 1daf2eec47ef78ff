package dev.proxima.cli;

import com.google.gson.GsonBuilder;
import dev.proxima.search.TrialRecord;
import dev.proxima.store.TrialsCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code proxima export RUN}: a run's trials, rebuilt from its journal, as CSV or JSON. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "A run's trials rebuilt from its journal (RUN is a run folder or its journal.db), as CSV (the "
                + "columns of trials.csv) or JSON; works while the search runs.")
final class ExportCommand implements Callable<Integer> {
    @Mixin
    RunArgument run;

    @Option(names = "--format", description = "csv or json (default csv)")
    String format = "csv";

    @Option(names = "--out", paramLabel = "FILE", description = "write there instead of to standard output")
    Path out;

    @Override
    public Integer call() throws IOException {
        Args.oneOf("--format", List.of(format), List.of("csv", "json"));
        Args.outputFile("--out", out);
        JournalRun r = run.read();
        String text = format.equals("csv") ? TrialsCsv.of(r.core(), r.metricColumns()) : json(r);
        if (out == null) {
            System.out.print(text);
        } else {
            Files.writeString(out, text);
        }
        return 0;
    }

    static String json(JournalRun r) {
        List<Map<String, Object>> trials = r.core().book().trials().stream().map(t -> trial(r, t)).toList();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("seed", r.settings().seed());
        doc.put("tiers", r.settings().ladder().describe());
        doc.put("trials", trials);
        return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(doc) + "\n";
    }

    private static Map<String, Object> trial(JournalRun r, TrialRecord t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial_id", t.trialId());
        m.put("status", t.status().name().toLowerCase(java.util.Locale.ROOT));
        m.put("attempts", t.attempt());
        m.put("architecture", t.architecture().encode());
        m.put("canonical_hash", t.canonicalHash());
        m.put("tier", t.tier());
        m.put("fidelity", t.fidelity());
        m.put("promoted_from", t.promotedFrom());
        m.put("promoted_to", t.promotedTo());
        m.put("score", Double.isNaN(t.score()) ? null : t.score());
        m.put("cost_seconds", t.costSeconds());
        m.put("times_reused", r.core().book().timesReused(t.trialId()));
        m.put("metrics", t.metrics());
        if (r.settings().fusion().enabled() && t.isScored()) {
            m.put("fused", r.core().evidenceOf(t));
        }
        m.put("stop_rule", t.stopRule());
        m.put("reason", t.reason());
        return m;
    }
}
