/** The {@code proxima} command line (picocli): parses arguments, loads config, starts the actors. */
package dev.proxima.cli;
