/**
 * Replay of tabular benchmarks: loading tables, the time model, the table-replay evaluator and the
 * discrete-event simulator that runs {@link dev.proxima.search.SearchCore} on a virtual clock.
 * No Akka here.
 */
package dev.proxima.replay;
