package dev.proxima.config;

import dev.proxima.journal.PostgresJournal;

/**
 * {@code proxima.journal}: where a search's events go.
 *
 * @param store {@code sqlite} (a file in the run folder) or {@code postgresql}
 * @param server the PostgreSQL server, used when {@code store} is {@code postgresql} (and to read or
 *     resume a run named {@code postgresql:<run id>})
 */
public record JournalConfig(String store, PostgresJournal.Server server) {
    public boolean postgresql() {
        return store.equals("postgresql");
    }
}
