/**
 * How the worker protocol's messages cross between nodes: gathered into bundles per node while the
 * previous one is on its way, each message with its own sender, and handed on at the other end as
 * if it had come alone ({@code docs/protocol.md}, "Bundles"). Decides nothing about a search.
 */
package dev.proxima.transport;
