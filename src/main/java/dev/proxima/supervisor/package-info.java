/** The supervisor actor: routes the worker protocol into the pure {@link dev.proxima.search.SearchCore}. */
package dev.proxima.supervisor;
