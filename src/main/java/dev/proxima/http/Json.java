package dev.proxima.http;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import dev.proxima.search.SearchEvent;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/** The API's JSON: a number that is not finite is written as null (JSON has no NaN). */
public final class Json {
    private static final TypeAdapter<Double> FINITE = new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, Double value) throws IOException {
            if (value == null || value.isNaN() || value.isInfinite()) {
                out.nullValue();
            } else {
                out.value(value);
            }
        }

        @Override
        public Double read(JsonReader in) {
            throw new UnsupportedOperationException("the API only writes JSON");
        }
    };

    private static final Gson GSON = new GsonBuilder().registerTypeAdapter(Double.class, FINITE)
            .registerTypeAdapter(double.class, FINITE).disableHtmlEscaping().create();

    private Json() {}

    public static String of(Object value) {
        return GSON.toJson(value);
    }

    /** Each event record's accessors, looked up once per class (the stream writes thousands a second). */
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    /**
     * A batch of events as a JSON array of {@link #event} objects, written directly (no tree, no
     * reflection per value): the event stream writes every event of a search, 100,000s a second in
     * an instant replay.
     */
    public static String events(List<SearchEvent> events) {
        StringBuilder b = new StringBuilder(events.size() * 128).append('[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            SearchEvent e = events.get(i);
            b.append("{\"type\":\"").append(e.getClass().getSimpleName()).append('"');
            for (RecordComponent c : COMPONENTS.get(e.getClass())) {
                b.append(",\"").append(c.getName()).append("\":");
                try {
                    value(b, c.getAccessor().invoke(e));
                } catch (ReflectiveOperationException x) {
                    throw new IllegalStateException("cannot read " + c.getName() + " of " + e, x);
                }
            }
            b.append('}');
        }
        return b.append(']').toString();
    }

    private static void value(StringBuilder b, Object v) {
        if (v instanceof Double d) {
            b.append(d.isNaN() || d.isInfinite() ? "null" : d.toString());
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : m.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                string(b, String.valueOf(entry.getKey()));
                b.append(':');
                value(b, entry.getValue());
            }
            b.append('}');
        } else if (v == null) {
            b.append("null");
        } else {
            string(b, v instanceof Enum<?> en ? en.name() : v.toString());
        }
    }

    /**
     * A JSON string, escaped as Gson escapes it (quote, backslash, control characters, and the line
     * separators JavaScript does not allow in strings), without Gson's writer per value.
     */
    static void string(StringBuilder b, String text) {
        b.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
