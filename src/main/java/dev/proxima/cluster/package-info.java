/**
 * The cluster room: node roles and their Akka configuration, the supervisor as a cluster
 * singleton, worker nodes that reach it through a singleton proxy, and how a worker node leaves
 * (hands its trial back) or is recycled. Membership reaches the core only as worker messages and
 * death watch; every decision stays in {@code search}.
 */
package dev.proxima.cluster;
