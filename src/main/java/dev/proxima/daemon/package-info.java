/**
 * {@code proxima serve}: a long-running process that keeps a pool of workers and runs the
 * searches submitted to it, each with its own journal, sharing the workers by {@link SharePolicy}.
 */
package dev.proxima.daemon;
