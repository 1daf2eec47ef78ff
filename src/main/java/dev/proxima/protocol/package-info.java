/** Thin helpers around the protobuf wire messages generated from {@code proto/} (package {@code v1}). */
package dev.proxima.protocol;
