/**
 * Training-free proxies computed on Proxima's own DJL networks: synflow, NASWOT, grad_norm, snip,
 * params and FLOPs score an untrained network in one or a few passes; Eproxy trains it for 10 SGD
 * steps on a synthetic task behind frozen barrier layers.
 */
package dev.proxima.zerocost;
