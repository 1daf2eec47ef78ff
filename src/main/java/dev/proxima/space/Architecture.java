package dev.proxima.space;

/**
 * A candidate network in some {@link SearchSpace}. Implementations are immutable values.
 *
 * <p>Two architectures are <em>duplicates</em> when their {@link #encode() encodings} are equal and
 * <em>isomorphic</em> when their {@link #canonicalForm() canonical forms} are equal: they compute
 * the same function although the encodings differ.
 */
public interface Architecture {

    /** Name of the search space this architecture belongs to, e.g. {@code nb201}. */
    String space();

    /** The space's own string encoding; {@link SearchSpace#parse} reads it back. */
    String encode();

    /** A string that is equal for exactly the architectures that compute the same function. */
    String canonicalForm();

    /** A short, stable hash of {@link #canonicalForm()}: 16 hex digits of its SHA-256. */
    default String canonicalHash() {
        return Hashing.sha256Prefix(canonicalForm());
    }
}
