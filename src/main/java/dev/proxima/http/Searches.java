package dev.proxima.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The searches a process shows, in the order they were added. */
public final class Searches {
    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();

    private record Entry(long order, MonitoredSearch search) {}

    public void add(MonitoredSearch search) {
        byId.put(search.id(), new Entry(order.incrementAndGet(), search));
    }

    public Optional<MonitoredSearch> get(String id) {
        Entry e = byId.get(id);
        return e == null ? Optional.empty() : Optional.of(e.search());
    }

    public List<MonitoredSearch> all() {
        List<Entry> entries = new ArrayList<>(byId.values());
        entries.sort((a, b) -> Long.compare(a.order(), b.order()));
        return entries.stream().map(Entry::search).toList();
    }
}
