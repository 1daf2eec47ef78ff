package dev.proxima.bpe;

import java.util.List;

/**
 * Evaluates settings on the study's architectures: real training on the workers, a multi-setting
 * table, or a function in a test. Settings come a round at a time so they can run in parallel.
 */
public interface SettingEvaluator {

    /** One result per setting, in the order given. */
    List<SettingResult> evaluate(List<BpeSetting> settings);
}
