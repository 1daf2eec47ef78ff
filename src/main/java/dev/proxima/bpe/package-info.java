/**
 * Budgeted performance estimation (BPE) searched by Minimum Importance Pruning (MIP), after Zheng
 * et al., CVPR 2020: which training setting (epochs, batch size, learning rate, depth, channels,
 * resolution, data fraction, cutout) ranks architectures most like the ground truth, within a
 * budget per architecture. Pure: the decisions (which settings to evaluate, what to prune, what
 * to answer) are made here; evaluating a setting (real training on the workers, or a table) is
 * the caller's {@link dev.proxima.bpe.SettingEvaluator}. The random forest is Tribuo's.
 */
package dev.proxima.bpe;
