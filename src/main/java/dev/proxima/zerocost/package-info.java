/**
 * Training-free (zero-cost) proxies computed on Proxima's own DJL networks: synflow, NASWOT,
 * grad_norm, snip, params and FLOPs. Each scores an untrained network in one or a few passes.
 */
package dev.proxima.zerocost;
