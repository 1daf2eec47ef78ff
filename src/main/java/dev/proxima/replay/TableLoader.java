package dev.proxima.replay;

import dev.proxima.space.Architecture;
import dev.proxima.space.SearchSpace;
import dev.proxima.space.SearchSpaces;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads a tabular benchmark: a CSV file (gzipped when its name ends in {@code .gz}) with a header
 * line, comma separators and no quoting, as described in {@code data/benchmarks/README.md}. Empty
 * fields are missing values. Every problem is reported as one line naming file, line and column.
 */
public final class TableLoader {
    private TableLoader() {}

    public static BenchmarkTable load(TableSchema schema) {
        String name = schema.file().toString();
        try (InputStream raw = Files.newInputStream(schema.file());
             InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            return read(schema, reader);
        } catch (NoSuchFileException e) {
            throw new TableFormatException(name + ": no such file");
        } catch (IOException e) {
            throw new TableFormatException(name + ": cannot read (" + e.getMessage() + ")");
        } catch (UncheckedIOException e) {
            throw new TableFormatException(name + ": cannot read (" + e.getCause().getMessage() + ")");
        }
    }

    private static BenchmarkTable read(TableSchema schema, BufferedReader reader) throws IOException {
        String file = schema.file().toString();
        String header = reader.readLine();
        if (header == null || header.isBlank()) {
            throw new TableFormatException(file + " line 1: empty file, expected a header line");
        }
        List<String> columns = Arrays.asList(header.split(",", -1));
        Columns at = new Columns(file, columns);
        int archIndex = at.index(schema.archColumn());
        Set<String> numeric = new LinkedHashSet<>();
        schema.fidelities().forEach(f -> f.column().ifPresent(numeric::add));
        numeric.addAll(schema.metricColumns());
        numeric.addAll(schema.scoreColumns());
        Map<String, Integer> numericIndex = new LinkedHashMap<>();
        numeric.forEach(c -> numericIndex.put(c, at.index(c)));
        int curveIndex = schema.curveColumn().map(at::index).orElse(-1);
        int timeIndex = schema.epochTimeColumn().map(at::index).orElse(-1);
        SearchSpace space = SearchSpaces.byName(schema.space());

        Map<String, TableRow> rows = new LinkedHashMap<>();
        long lineNo = 1;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != columns.size()) {
                throw new TableFormatException(file + " line " + lineNo + ": " + fields.length + " fields, but the header has "
                        + columns.size());
            }
            Architecture arch = parseArchitecture(space, fields[archIndex], file, lineNo, schema.archColumn());
            Map<String, Double> values = new HashMap<>();
            for (Map.Entry<String, Integer> c : numericIndex.entrySet()) {
                values.put(c.getKey(), number(fields[c.getValue()], file, lineNo, c.getKey()));
            }
            double[] curve = curveIndex < 0 ? new double[0] : list(fields[curveIndex], file, lineNo, columns.get(curveIndex));
            double[] times = timeIndex < 0 ? new double[0] : list(fields[timeIndex], file, lineNo, columns.get(timeIndex));
            TableRow previous = rows.put(arch.encode(), new TableRow(arch, lineNo, values, curve, times));
            if (previous != null) {
                throw new TableFormatException(file + " line " + lineNo + ", column '" + schema.archColumn()
                        + "': architecture repeats line " + previous.line());
            }
        }
        if (rows.isEmpty()) {
            throw new TableFormatException(file + ": no data rows after the header");
        }
        return new BenchmarkTable(schema, rows);
    }

    private static Architecture parseArchitecture(SearchSpace space, String text, String file, long line, String column) {
        try {
            return space.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TableFormatException(file + " line " + line + ", column '" + column + "': " + e.getMessage());
        }
    }

    private static double number(String text, String file, long line, String column) {
        if (text.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new TableFormatException(file + " line " + line + ", column '" + column + "': '" + text
                    + "' is not a number");
        }
    }

    private static double[] list(String text, String file, long line, String column) {
        if (text.isEmpty()) {
            return new double[0];
        }
        String[] parts = text.split(";", -1);
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = number(parts[i], file, line, column + "[" + (i + 1) + "]");
        }
        return values;
    }

    /** Header lookup with a message that lists what the header does have. */
    private record Columns(String file, List<String> names) {
        int index(String column) {
            int i = names.indexOf(column);
            if (i < 0) {
                throw new TableFormatException(file + " line 1: no column '" + column + "' in the header (it has: "
                        + String.join(", ", names) + ")");
            }
            return i;
        }
    }
}
