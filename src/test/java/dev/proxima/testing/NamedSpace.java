package dev.proxima.testing;

import dev.proxima.space.Architecture;
import dev.proxima.space.SearchSpace;
import java.util.random.RandomGenerator;

/**
 * A fake space whose architectures are names: a sample is {@code r<number>}, the child of
 * {@code p} is {@code p'}, so tests can read a candidate's ancestry off its name. Names that
 * share the part before the first {@code ~} are isomorphic.
 */
public class NamedSpace implements SearchSpace {

    public record Named(String name) implements Architecture {
        @Override
        public String space() {
            return "named";
        }

        @Override
        public String encode() {
            return name;
        }

        @Override
        public String canonicalForm() {
            int tilde = name.indexOf('~');
            return tilde < 0 ? name : name.substring(0, tilde);
        }
    }

    @Override
    public String name() {
        return "named";
    }

    @Override
    public Architecture parse(String encoding) {
        return new Named(encoding);
    }

    @Override
    public Architecture sample(RandomGenerator rng) {
        return new Named("r" + rng.nextInt(1_000_000_000));
    }

    @Override
    public Architecture mutate(Architecture parent, RandomGenerator rng) {
        return new Named(parent.encode() + "'");
    }

    @Override
    public long size() {
        return Long.MAX_VALUE;
    }
}
