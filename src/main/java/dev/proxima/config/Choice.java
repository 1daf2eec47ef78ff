package dev.proxima.config;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The values one setting accepts, each with a one-line description. Validation, "did you mean"
 * suggestions and the {@code --help} texts all read the same list, so they cannot disagree.
 */
public final class Choice implements Iterable<String> {
    private final String key;
    private final Map<String, String> descriptions;

    private Choice(String key, Map<String, String> descriptions) {
        this.key = key;
        this.descriptions = descriptions;
    }

    /** {@code namesAndDescriptions}: name, description, name, description, ... */
    static Choice of(String key, String... namesAndDescriptions) {
        Map<String, String> d = new LinkedHashMap<>();
        for (int i = 0; i < namesAndDescriptions.length; i += 2) {
            d.put(namesAndDescriptions[i], namesAndDescriptions[i + 1]);
        }
        return new Choice(key, d);
    }

    /** The configuration key the choice is made with. */
    public String key() {
        return key;
    }

    public List<String> names() {
        return List.copyOf(descriptions.keySet());
    }

    public boolean contains(String name) {
        return descriptions.containsKey(name);
    }

    public String description(String name) {
        return descriptions.get(name);
    }

    /** "a, b or c". */
    public String alternatives() {
        List<String> n = names();
        return n.size() == 1 ? n.get(0)
                : String.join(", ", n.subList(0, n.size() - 1)) + " or " + n.get(n.size() - 1);
    }

    /** Why {@code value} is refused, with the closest accepted name when one is close. */
    public String refusal(String value) {
        Optional<String> near = Suggestions.closest(value, names());
        return "'" + value + "' is not one of " + alternatives() + near.map(s -> "; did you mean '" + s + "'?").orElse("");
    }

    /** "name (description); name (description)", for help texts. */
    public String described() {
        return descriptions.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining("; "));
    }

    @Override
    public Iterator<String> iterator() {
        return names().iterator();
    }
}
