/** Real training with DJL (PyTorch engine): networks, datasets, the trainer. No Akka here. */
package dev.proxima.training;
