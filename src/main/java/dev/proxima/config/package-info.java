/** Reads the HOCON {@code proxima.*} configuration into the pure packages' settings. */
package dev.proxima.config;
