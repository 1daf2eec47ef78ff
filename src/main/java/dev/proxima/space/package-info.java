/** Search spaces: architecture encodings, canonical forms, sampling and mutation. No Akka here. */
package dev.proxima.space;
