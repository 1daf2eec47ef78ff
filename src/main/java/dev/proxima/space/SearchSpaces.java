package dev.proxima.space;

import dev.proxima.space.nb201.Nb201Space;
import java.util.Map;
import java.util.TreeMap;

/** The search spaces Proxima knows, by name. */
public final class SearchSpaces {
    private static final Map<String, SearchSpace> BY_NAME = new TreeMap<>();

    static {
        register(new Nb201Space());
    }

    private SearchSpaces() {}

    private static void register(SearchSpace space) {
        BY_NAME.put(space.name(), space);
    }

    /** @throws IllegalArgumentException naming the known spaces when {@code name} is unknown */
    public static SearchSpace byName(String name) {
        SearchSpace space = BY_NAME.get(name);
        if (space == null) {
            throw new IllegalArgumentException("unknown search space '" + name + "' (known: " + String.join(", ", BY_NAME.keySet()) + ")");
        }
        return space;
    }
}
