/** The event-sourced search core: trials, budgets, the trial book. Pure Java, no Akka. */
package dev.proxima.search;
