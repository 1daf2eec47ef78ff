package dev.proxima.cli;

import dev.proxima.zerocost.ZeroCostScorers;
import java.util.Iterator;

/** The zero-cost scorers' names for picocli's {@code completionCandidates}: the registry writes {@code --help}. */
final class ScorerNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return ZeroCostScorers.NAMES.iterator();
    }
}
