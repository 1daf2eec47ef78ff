package dev.proxima.http;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import dev.proxima.search.SearchEvent;
import java.io.IOException;
import java.util.LinkedHashMap;
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

    /** An event as {@code {"type": "TrialCompleted", ...its fields}}. */
    public static Map<String, Object> event(SearchEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", e.getClass().getSimpleName());
        for (var c : e.getClass().getRecordComponents()) {
            try {
                m.put(c.getName(), c.getAccessor().invoke(e));
            } catch (ReflectiveOperationException x) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + e, x);
            }
        }
        return m;
    }
}
