/** Proxy settings (fidelities) under which candidates are evaluated. No Akka here. */
package dev.proxima.proxy;
