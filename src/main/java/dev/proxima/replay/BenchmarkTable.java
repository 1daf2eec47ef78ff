package dev.proxima.replay;

import dev.proxima.space.Architecture;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/** A loaded tabular benchmark: recorded results by architecture. Immutable. */
public final class BenchmarkTable {
    private final TableSchema schema;
    private final Map<String, TableRow> byEncoding;

    BenchmarkTable(TableSchema schema, Map<String, TableRow> byEncoding) {
        this.schema = schema;
        this.byEncoding = Collections.unmodifiableMap(byEncoding);
    }

    public TableSchema schema() {
        return schema;
    }

    /** The row of exactly this architecture (not of an isomorphic one). */
    public Optional<TableRow> row(Architecture architecture) {
        return Optional.ofNullable(byEncoding.get(architecture.encode()));
    }

    /** All rows, in file order. */
    public Collection<TableRow> rows() {
        return byEncoding.values();
    }

    public int size() {
        return byEncoding.size();
    }

    /** The file's name without its directory, for messages. */
    public String name() {
        return schema.file().getFileName().toString();
    }
}
