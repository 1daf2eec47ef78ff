/** The proxy lab: how well a proxy ranks architectures against ground truth. Pure; no DJL, no Akka. */
package dev.proxima.lab;
