package dev.proxima.config;

/** A configuration value that cannot be used; the message is one line naming the key and its origin. */
public final class ConfigProblem extends IllegalArgumentException {
    public ConfigProblem(String message) {
        super(message);
    }
}
