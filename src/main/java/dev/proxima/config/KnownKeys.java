package dev.proxima.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys {@code conf/application.conf} documents. Any other key under {@code proxima} is a
 * mistake (a typo would otherwise run silently with the default), refused with the nearest known key.
 */
final class KnownKeys {
    private static final Set<String> LEAVES = new TreeSet<>();
    private static final Set<String> GROUPS = new TreeSet<>();

    static {
        Config reference = ConfigFactory.parseResources("application.conf").resolve();
        walk(reference.getObject(ConfigKeys.ROOT), ConfigKeys.ROOT, LEAVES, GROUPS);
    }

    private KnownKeys() {}

    /** Refuses the first key under {@code proxima} that the defaults do not document. */
    static void check(Config config) {
        if (!config.hasPath(ConfigKeys.ROOT)) {
            return;
        }
        Set<String> leaves = new TreeSet<>();
        walk(config.getObject(ConfigKeys.ROOT), ConfigKeys.ROOT, leaves, new TreeSet<>());
        for (String path : leaves) {
            if (LEAVES.contains(path)) {
                continue;
            }
            String where = ConfigText.origin(config.getValue(path).origin());
            if (GROUPS.contains(path)) {
                throw new ConfigProblem(path + " (" + where + "): is a group of settings ("
                        + String.join(", ", children(path)) + "), not a single value");
            }
            throw new ConfigProblem(path + " (" + where + "): unknown key" + suggestion(path, LEAVES));
        }
    }

    /** Refuses keys of a list entry (a ladder tier, a table fidelity) outside {@code allowed}. */
    static void checkEntry(String listPath, int index, Config entry, Collection<String> allowed) {
        for (Map.Entry<String, ConfigValue> e : entry.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw new ConfigProblem(listPath + "[" + index + "]." + e.getKey() + " ("
                        + ConfigText.origin(e.getValue().origin()) + "): unknown key" + suggestion(e.getKey(), allowed)
                        + "; an entry takes " + String.join(", ", allowed));
            }
        }
    }

    /** The documented keys directly below {@code group}. */
    static List<String> children(String group) {
        List<String> out = new ArrayList<>();
        for (String leaf : LEAVES) {
            if (leaf.startsWith(group + ".")) {
                String rest = leaf.substring(group.length() + 1);
                String child = ConfigUtil.splitPath(rest).get(0);
                if (!out.contains(child)) {
                    out.add(child);
                }
            }
        }
        return out;
    }

    private static String suggestion(String typed, Collection<String> known) {
        Optional<String> near = Suggestions.closest(typed, known);
        return near.map(s -> "; did you mean " + s + "?").orElse("");
    }

    private static void walk(ConfigObject object, String prefix, Set<String> leaves, Set<String> groups) {
        groups.add(prefix);
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
            String path = prefix + "." + ConfigUtil.joinPath(e.getKey()); // quoted only where HOCON needs it
            if (e.getValue().valueType() == ConfigValueType.OBJECT) {
                walk((ConfigObject) e.getValue(), path, leaves, groups);
            } else {
                leaves.add(path);
            }
        }
    }
}
