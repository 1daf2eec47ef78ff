package dev.proxima.bpe;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A multi-setting table: the scores of the same architectures under several settings, with their
 * ground truth, one row per (setting, architecture). {@code proxima bpe} writes every real study's
 * evaluations as one ({@code study.csv}); {@code proxima bpe --replay} runs MIP over it in seconds.
 * Columns: {@code architecture,set,} then one column per hyper-parameter (keys of
 * {@link BpeParameter}), then {@code score,seconds,truth}. {@code set} is {@code search} (the
 * architectures MIP's objective uses) or {@code held-out}.
 */
public record StudyTable(List<BpeParameter> parameters, List<Row> rows) {
    public static final String SEARCH = "search";
    public static final String HELD_OUT = "held-out";
    static final List<String> LEADING = List.of("architecture", "set");
    static final List<String> TRAILING = List.of("score", "seconds", "truth");

    /**
     * @param values the setting, one value per parameter of the table
     * @param score the setting's score of the architecture; NaN when its training failed
     * @param seconds device-seconds the evaluation took
     */
    public record Row(String architecture, String set, List<Double> values, double score, double seconds, double truth) {}

    public StudyTable {
        parameters = List.copyOf(parameters);
        rows = List.copyOf(rows);
    }

    /**
     * The space the table spans: each parameter with the values its rows hold, over {@code base}.
     * Nothing is trained from it, so "native resolution" (what a base resolution of 0 means) is
     * taken as the largest resolution the table holds, or NAS-Bench-201's 32 px.
     */
    public BpeSpace space(dev.proxima.proxy.Fidelity base) {
        int resolution = parameters.indexOf(BpeParameter.RESOLUTION);
        int nativeResolution = resolution < 0 ? 32
                : (int) rows.stream().mapToDouble(r -> r.values().get(resolution)).max().orElse(32);
        List<BpeSpace.Dimension> dims = new ArrayList<>();
        for (int p = 0; p < parameters.size(); p++) {
            Set<Double> values = new TreeSet<>();
            for (Row r : rows) {
                values.add(r.values().get(p));
            }
            dims.add(new BpeSpace.Dimension(parameters.get(p), List.copyOf(values)));
        }
        return new BpeSpace(dims, base, nativeResolution);
    }

    /** The search-set rows of each setting of {@code space} (which must be this table's). */
    public Map<BpeSetting, List<Row>> bySetting(BpeSpace space, String set) {
        Map<BpeSetting, List<Row>> out = new LinkedHashMap<>();
        for (Row r : rows) {
            if (!r.set().equals(set)) {
                continue;
            }
            Map<BpeParameter, Double> values = new LinkedHashMap<>();
            for (int p = 0; p < parameters.size(); p++) {
                values.put(parameters.get(p), r.values().get(p));
            }
            out.computeIfAbsent(space.settingOf(values), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    public void write(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            List<String> header = new ArrayList<>(LEADING);
            parameters.forEach(p -> header.add(p.key()));
            header.addAll(TRAILING);
            w.write(String.join(",", header));
            w.newLine();
            for (Row r : rows) {
                List<String> cells = new ArrayList<>(List.of(r.architecture(), r.set()));
                r.values().forEach(v -> cells.add(BpeParameter.format(v)));
                cells.add(number(r.score()));
                cells.add(String.format(Locale.ROOT, "%.3f", r.seconds()));
                cells.add(number(r.truth()));
                w.write(String.join(",", cells));
                w.newLine();
            }
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** Reads a table; a bad one is refused with its file, line and column. */
    public static StudyTable read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such study table");
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(file + ": cannot read the study table (" + e.getMessage() + ")");
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + ": empty; a study table starts with the header "
                    + "architecture,set,<hyper-parameters...>,score,seconds,truth");
        }
        String[] header = lines.get(0).trim().split(",", -1);
        int n = header.length;
        if (n < LEADING.size() + TRAILING.size() + 1 || !List.of(header).subList(0, 2).equals(LEADING)
                || !List.of(header).subList(n - 3, n).equals(TRAILING)) {
            throw new IllegalArgumentException(file + ":1: the header must be architecture,set,<hyper-parameters...>,"
                    + "score,seconds,truth, got " + lines.get(0).trim());
        }
        List<BpeParameter> parameters = new ArrayList<>();
        Set<BpeParameter> seen = new LinkedHashSet<>();
        for (int c = 2; c < n - 3; c++) {
            String key = header[c];
            BpeParameter p = BpeParameter.byKey(key).orElseThrow(() -> new IllegalArgumentException(file + ":1: column '"
                    + key + "' is no hyper-parameter BPE knows (" + String.join(", ",
                    java.util.Arrays.stream(BpeParameter.values()).map(BpeParameter::key).toList()) + ")"));
            if (!seen.add(p)) {
                throw new IllegalArgumentException(file + ":1: column '" + key + "' appears twice");
            }
            parameters.add(p);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String where = file + ":" + (i + 1);
            String[] cells = line.split(",", -1);
            if (cells.length != n) {
                throw new IllegalArgumentException(where + ": " + cells.length + " columns, the header has " + n);
            }
            if (!cells[1].equals(SEARCH) && !cells[1].equals(HELD_OUT)) {
                throw new IllegalArgumentException(where + ": set '" + cells[1] + "' is neither " + SEARCH + " nor " + HELD_OUT);
            }
            List<Double> values = new ArrayList<>();
            for (int p = 0; p < parameters.size(); p++) {
                double v = number(cells[p + 2], where, header[p + 2], false);
                try {
                    parameters.get(p).check(v);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage());
                }
                values.add(v);
            }
            double seconds = number(cells[n - 2], where, "seconds", false);
            if (seconds < 0) {
                throw new IllegalArgumentException(where + ": seconds must be >= 0, got " + cells[n - 2]);
            }
            rows.add(new Row(cells[0], cells[1], values, number(cells[n - 3], where, "score", true), seconds,
                    number(cells[n - 1], where, "truth", false)));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": the table has a header but no rows");
        }
        return new StudyTable(parameters, rows);
    }

    private static double number(String cell, String where, String column, boolean emptyIsNaN) {
        if (cell.isEmpty() && emptyIsNaN) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(cell);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + column + " '" + cell + "' is not a number");
        }
    }
}
