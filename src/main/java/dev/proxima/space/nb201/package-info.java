/**
 * The NAS-Bench-201 cell space (Dong and Yang, ICLR 2020, https://openreview.net/forum?id=HJxyZkBKDr):
 * a 4-node DAG with 6 edges, each carrying one of 5 operations, 15,625 cells in all.
 */
package dev.proxima.space.nb201;
