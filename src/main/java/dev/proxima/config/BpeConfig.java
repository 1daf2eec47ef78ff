package dev.proxima.config;

import dev.proxima.bpe.BpeParameter;
import dev.proxima.bpe.MipSettings;
import dev.proxima.proxy.Fidelity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code proxima.bpe}: the study {@code proxima bpe} runs.
 *
 * @param space the values of each searched parameter, in the order of {@link BpeParameter} (empty ones left out)
 * @param truthFromTable true: ground truth is {@code truthColumn} of {@code proxima.replay.table}; false: {@code truth} trained
 * @param compare the proxies the answer is compared with on the held-out architectures (their epochs are matched to its cost)
 */
public record BpeConfig(int architectures, int heldOut, long architectureSeed, Map<BpeParameter, List<Double>> space,
        boolean truthFromTable, String truthColumn, Fidelity truth, MipSettings mip, List<Fidelity> compare, Path cacheDir) {}
