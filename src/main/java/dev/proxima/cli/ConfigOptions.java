package dev.proxima.cli;

import dev.proxima.config.ConfigKeys;
import dev.proxima.config.ProximaConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every command shares. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "HOCON file whose keys override conf/application.conf")
    Path file;

    @Option(names = "--seed", description = "search seed (" + ConfigKeys.SEED + ")")
    Long seed;

    /** The layered configuration, not yet checked: commands add their flags, then call {@code settings()}. */
    ProximaConfig load() {
        return ProximaConfig.load(Optional.ofNullable(file)).with(ConfigKeys.SEED, seed);
    }
}
