package dev.proxima.cli;

import dev.proxima.bpe.BpeParameter;
import dev.proxima.config.ProximaSettings;
import dev.proxima.controller.FixedListController;
import dev.proxima.journal.EventJournal;
import dev.proxima.journal.SqliteJournal;
import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.ProxyLadder;
import dev.proxima.proxy.TrainingRecipe;
import dev.proxima.search.Budget;
import dev.proxima.search.DedupPolicy;
import dev.proxima.search.SearchCore;
import dev.proxima.search.SearchEvent;
import dev.proxima.search.SearchSettings;
import dev.proxima.search.Strategy;
import dev.proxima.search.TrialRecord;
import dev.proxima.search.TrialStatus;
import dev.proxima.space.Architecture;
import dev.proxima.space.SearchSpace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Evaluates one proxy setting on a fixed list of architectures as a search of its own: one trial
 * per architecture, through the supervisor and the workers, journaled in a folder of the cache
 * named by everything that decides the result. A finished evaluation is read back from its
 * journal; an unfinished one (a killed study) resumes, its in-flight trials run again.
 */
final class SettingRuns {
    private final ProximaSettings config;
    private final SearchSpace space;
    private final List<LocalSearch.Device> devices;
    private final Path cacheDir;
    /** Decides results besides the setting and the architectures: data, split, seed, engine. */
    private final String context;

    /** What a setting scored: per architecture in the order given, NaN for a trial that failed. */
    record Scores(Fidelity fidelity, List<Architecture> architectures, double[] scores, double[] seconds, boolean cached) {
        double meanSeconds() {
            return StatUtils.mean(seconds);
        }
    }

    SettingRuns(ProximaSettings config, SearchSpace space, List<LocalSearch.Device> devices, Path cacheDir, String context) {
        this.config = config;
        this.space = space;
        this.devices = devices;
        this.cacheDir = cacheDir;
        this.context = context;
    }

    Scores evaluate(Fidelity fidelity, List<? extends Architecture> architectures, Consumer<String> log) throws Exception {
        List<Architecture> list = List.copyOf(architectures);
        Path file = journalOf(fidelity, list);
        Path folder = file.getParent();
        SearchSettings settings = settings(fidelity, list);
        SearchCore core;
        EventJournal journal;
        if (Files.exists(file)) {
            journal = SqliteJournal.openForAppend(file);
            List<SearchEvent> events = journal.events();
            core = SearchCore.recover(settings, space, strategy(list), events);
            if (core.isFinished()) {
                journal.close();
                return scores(fidelity, list, core, true);
            }
            log.accept("resuming " + fidelity.name() + " from " + file);
            journal.resumedWith(describe(fidelity, list), new Main.Version().getVersion()[0], System.currentTimeMillis());
            journal.append(core.resume(System.currentTimeMillis()));
        } else {
            Files.createDirectories(folder);
            journal = SqliteJournal.create(file, describe(fidelity, list), new Main.Version().getVersion()[0]);
            core = SearchCore.start(settings, space, strategy(list), System.currentTimeMillis());
            journal.append(core.history());
        }
        try (EventJournal j = journal) {
            LocalSearch.run(config.actorSystem(), core, devices, config.search().tickInterval(), config.worker().retryInterval(),
                    j, events -> { }, summary -> { });
        }
        return scores(fidelity, list, core, false);
    }

    /** Where the evaluation of {@code fidelity} on {@code list} is journaled. */
    Path journalOf(Fidelity fidelity, List<? extends Architecture> list) {
        List<Architecture> copy = List.copyOf(list);
        return cacheDir.resolve(fidelity.name() + "-" + key(fidelity, copy)).resolve(SearchCommand.JOURNAL);
    }

    /** The search an evaluation is: one trial per architecture of the list, duplicates trained again. */
    SearchSettings settings(Fidelity fidelity, List<? extends Architecture> list) {
        return new SearchSettings(config.search().seed(), ProxyLadder.of(fidelity), new Budget(list.size(), 0, 0),
                config.search().trialTimeout().toMillis(), config.search().maxAttempts(), DedupPolicy.OFF);
    }

    static Strategy strategy(List<? extends Architecture> list) {
        return Strategy.of(new FixedListController(List.copyOf(list)));
    }

    private static Scores scores(Fidelity fidelity, List<Architecture> list, SearchCore core, boolean cached) {
        double[] scores = new double[list.size()];
        double[] seconds = new double[list.size()];
        java.util.Arrays.fill(scores, Double.NaN);
        for (TrialRecord t : core.book().trials()) {
            int i = (int) (t.trialId() - 1); // the fixed list is proposed in order, one trial each
            if (i < 0 || i >= list.size() || !t.architecture().encode().equals(list.get(i).encode())) {
                throw new IllegalStateException("trial " + t.trialId() + " of " + fidelity.name() + " is "
                        + t.architecture().encode() + ", not the study's architecture " + (i + 1));
            }
            seconds[i] = t.costSeconds();
            if (t.status() == TrialStatus.COMPLETED) {
                scores[i] = t.score();
            }
        }
        return new Scores(fidelity, list, scores, seconds, cached);
    }

    /** The stored description of an evaluation (HOCON): what it trained, on what. */
    private String describe(Fidelity f, List<Architecture> list) {
        TrainingRecipe r = f.recipe();
        return "# proxima bpe: one setting evaluated on a fixed list of architectures\n"
                + "fidelity { name = \"" + f.name() + "\", epochs = " + f.epochs() + ", schedule-epochs = " + f.scheduleEpochs()
                + ", initial-channels = " + r.initialChannels() + ", cells-per-stage = " + r.cellsPerStage() + ", resolution = "
                + r.resolution() + ", data-fraction = " + num(r.dataFraction()) + ", batch-size = " + r.batchSize()
                + ", learning-rate = " + num(r.learningRate()) + ", momentum = " + num(r.momentum()) + ", weight-decay = "
                + num(r.weightDecay()) + ", cutout = " + r.cutout() + ", validate-every-batches = " + r.validateEveryBatches()
                + " }\ncontext = \"" + context + "\"\narchitectures = "
                + list.stream().map(a -> "\"" + a.encode() + "\"").toList() + "\n";
    }

    private static String num(double v) {
        return BpeParameter.format(v);
    }

    private String key(Fidelity fidelity, List<Architecture> list) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(describe(fidelity, list).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
