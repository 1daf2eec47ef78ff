/**
 * Evidence fusion: every piece of evidence a search holds about a candidate (each tier's score, and
 * zero-cost scores computed alongside) votes on its rank. Pure: {@code SearchCore} feeds it scored
 * trials and asks it for fused scores to answer, reward and promote with.
 */
package dev.proxima.fusion;
