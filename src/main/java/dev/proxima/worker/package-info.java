/** Worker actors: one per device, pulling trials and running them through an evaluator. */
package dev.proxima.worker;
