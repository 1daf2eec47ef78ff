package dev.proxima.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.config.ProximaConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * Every file in {@code deploy/} parses, and every Proxima command line in it is one the CLI
 * accepts (commands and options exist, values have their types), so a renamed flag breaks this
 * test instead of a deployment.
 */
class DeployFilesTest {
    private static final Path DEPLOY = Path.of("deploy");
    private static final Pattern SHELL_VAR = Pattern.compile("\\$\\{(\\w+)}");
    private static final Pattern K8S_VAR = Pattern.compile("\\$\\((\\w+)\\)");

    @Test
    void theSystemdUnitsRunCommandsTheCliAccepts() throws IOException {
        Map<String, String> env = envExample();
        List<Path> units;
        try (Stream<Path> files = Files.list(DEPLOY.resolve("systemd"))) {
            units = files.filter(f -> f.toString().endsWith(".service")).sorted().toList();
        }
        assertEquals(3, units.size(), "serve, supervisor and worker@ units: " + units);
        for (Path unit : units) {
            Map<String, Map<String, List<String>>> ini = ini(unit);
            assertTrue(ini.keySet().containsAll(List.of("Unit", "Service", "Install")), unit + ": " + ini.keySet());
            Map<String, List<String>> service = ini.get("Service");
            assertEquals(List.of("143"), service.get("SuccessExitStatus"), unit + ": SIGTERM's exit code is a success");
            String exec = service.get("ExecStart").get(0);
            for (Matcher m = SHELL_VAR.matcher(exec); m.find(); ) {
                assertTrue(env.containsKey(m.group(1)), unit + " uses ${" + m.group(1) + "}, which proxima.env.example lacks");
            }
            String expanded = SHELL_VAR.matcher(exec).replaceAll(m -> env.get(m.group(1))).replace("%i", "gpu:0");
            List<String> words = List.of(expanded.split("\\s+"));
            assertEquals("/opt/proxima/proxima", words.get(0));
            accepted(unit.toString(), words.subList(1, words.size()));
        }
    }

    @Test
    void theKubernetesManifestsParseAndTheirContainersRunCommandsTheCliAccepts(@TempDir Path dir) throws IOException {
        Map<String, Map<String, Object>> byKind = new HashMap<>();
        int documents = 0;
        List<Path> manifests;
        try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes"))) {
            manifests = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path manifest : manifests) {
            for (Object doc : new Yaml(new LoaderOptions()).loadAll(Files.readString(manifest))) {
                Map<String, Object> d = map(doc, manifest.toString());
                assertTrue(d.containsKey("apiVersion") && d.containsKey("kind"), manifest + ": " + d.keySet());
                String name = (String) map(d.get("metadata"), manifest + " metadata").get("name");
                byKind.put(d.get("kind") + "/" + name, d);
                documents++;
            }
        }
        assertEquals(java.util.Set.of("ConfigMap/proxima-config", "Secret/proxima-postgres", "Secret/proxima-tls",
                "Service/proxima-supervisor", "StatefulSet/proxima-supervisor", "Deployment/proxima-worker",
                "PersistentVolumeClaim/proxima-shared"), byKind.keySet());
        assertEquals(byKind.size(), documents, "no two documents with the same kind and name");
        for (String workload : List.of("StatefulSet/proxima-supervisor", "Deployment/proxima-worker")) {
            Map<String, Object> spec = map(map(map(byKind.get(workload).get("spec"), workload).get("template"), workload)
                    .get("spec"), workload);
            Map<String, Object> container = map(((List<?>) spec.get("containers")).get(0), workload);
            @SuppressWarnings("unchecked")
            List<String> args = ((List<Object>) container.get("args")).stream().map(String::valueOf)
                    .map(a -> K8S_VAR.matcher(a).replaceAll("x")).toList();
            accepted(workload, args);
            if (workload.startsWith("Deployment")) {
                Map<String, Object> limits = map(map(container.get("resources"), workload).get("limits"), workload);
                assertEquals(1, limits.get("nvidia.com/gpu"), "a GPU worker requests a GPU");
            }
        }
        // the search configuration the pods read is one Proxima accepts
        Map<String, Object> data = map(byKind.get("ConfigMap/proxima-config").get("data"), "ConfigMap");
        Path conf = dir.resolve("search.conf");
        Files.writeString(conf, (String) data.get("search.conf"));
        ProximaConfig config = ProximaConfig.load(Optional.of(conf));
        assertEquals("postgresql", config.settings().journal().store());
        assertTrue(byKind.containsKey("Secret/proxima-tls") && byKind.containsKey("Secret/proxima-postgres"));
    }

    /** The CLI parses {@code args}: the subcommand and every option exist and take their values. */
    private static void accepted(String where, List<String> args) {
        try {
            CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args.toArray(String[]::new));
            assertTrue(parsed.hasSubcommand(), where + ": no command in " + args); // an unknown option throws
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError(where + ": the CLI refuses " + args + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> envExample() throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(DEPLOY.resolve("systemd").resolve("proxima.env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int eq = line.indexOf('=');
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    /** Sections of a systemd unit, each key with its values in order. */
    private static Map<String, Map<String, List<String>>> ini(Path unit) throws IOException {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        Map<String, List<String>> section = null;
        for (String line : Files.readAllLines(unit)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("[") && l.endsWith("]")) {
                section = out.computeIfAbsent(l.substring(1, l.length() - 1), k -> new LinkedHashMap<>());
            } else {
                int eq = l.indexOf('=');
                assertTrue(section != null && eq > 0, unit + ": not a key=value line in a section: " + l);
                section.computeIfAbsent(l.substring(0, eq), k -> new ArrayList<>()).add(l.substring(eq + 1));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String where) {
        assertTrue(o instanceof Map, where + ": not a mapping: " + o);
        return (Map<String, Object>) o;
    }
}
