/**
 * The journal room: how search events go to disk. For now the protobuf codec of every
 * {@link dev.proxima.search.SearchEvent} ({@code proto/proxima/v1/journal.proto}); the stores
 * (SQLite, PostgreSQL) and the queryable trials projection come next. The core never sees this.
 */
package dev.proxima.journal;
