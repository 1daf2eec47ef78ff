package dev.proxima.testing;

import dev.proxima.controller.Controller;
import dev.proxima.space.Architecture;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Proposes the given names in order (then {@code extra<n>}), and records what it observed. */
public final class ScriptedController implements Controller {
    private final List<String> script;
    private int next;
    public final List<String> observed = new ArrayList<>();

    public ScriptedController(String... names) {
        this.script = List.of(names);
    }

    @Override
    public Architecture propose(RandomGenerator rng) {
        String name = next < script.size() ? script.get(next) : "extra" + next;
        next++;
        return new NamedSpace.Named(name);
    }

    @Override
    public void observe(Architecture architecture, double score) {
        observed.add(architecture.encode() + "=" + score);
    }
}
