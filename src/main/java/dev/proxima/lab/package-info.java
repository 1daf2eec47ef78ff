/**
 * The proxy lab: how well a proxy ranks architectures against ground truth, and Discrete Proxy
 * Search over Eproxy's settings. Pure; no DJL, no Akka (fitness is supplied by the caller).
 */
package dev.proxima.lab;
