/** The evaluator seam between workers and whatever scores a candidate. No Akka here. */
package dev.proxima.evaluation;
