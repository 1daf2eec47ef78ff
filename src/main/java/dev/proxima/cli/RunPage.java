package dev.proxima.cli;

import dev.proxima.config.HttpConfig;
import dev.proxima.config.ProximaSettings;
import dev.proxima.http.MonitoredSearch;
import dev.proxima.http.SearchMetrics;
import dev.proxima.http.Searches;
import dev.proxima.http.WebServer;
import dev.proxima.journal.EventJournal;
import dev.proxima.proxy.Fidelity;
import dev.proxima.search.SearchEvent;
import dev.proxima.store.TrialsCsv;
import dev.proxima.view.LiveView;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The live page of one {@code proxima search} run: its {@link MonitoredSearch} (fed with the run's
 * events, the journal's earlier ones first when it resumes) and the server that shows it.
 */
final class RunPage implements AutoCloseable {
    /** Learning curves the page keeps per search. */
    static final int CURVES = 60;

    private final MonitoredSearch search;
    private final WebServer server;

    private RunPage(MonitoredSearch search, WebServer server) {
        this.search = search;
        this.server = server;
    }

    /** Serves the run's page when {@code proxima.http.enabled}; returns null otherwise. */
    static RunPage start(ProximaSettings config, SearchPlan plan, Path runFolder, List<SearchEvent> earlier,
            PrintStream out) throws IOException {
        HttpConfig http = config.http();
        if (!http.enabled()) {
            return null;
        }
        String id = runFolder.getFileName().toString();
        SearchMetrics metrics = new SearchMetrics();
        MonitoredSearch search = monitored(id, id, config, plan, runTarget(config, runFolder), metrics);
        search.view().apply(earlier);
        Searches searches = new Searches();
        searches.add(search);
        WebServer server = serve(http, true, metrics, searches, WebServer.Commands.NONE, out);
        announce(server, out);
        return new RunPage(search, server);
    }

    /** A search as the page shows it; its trials are exported from the journal at {@code journal}. */
    static MonitoredSearch monitored(String id, String name, ProximaSettings config, SearchPlan plan, Path journal,
            SearchMetrics metrics) {
        List<String> tiers = plan.settings().ladder().tiers().stream().map(Fidelity::name).toList();
        return new MonitoredSearch(id, name, tiers, new LiveView(tiers, truth(plan), CURVES), metrics,
                export(journal, config), System::currentTimeMillis);
    }

    /**
     * On the configured port; when it is taken, on a free one (said in a line) if
     * {@code anyPortIfTaken} (a search's page beside another's), else one line and no server (a
     * daemon, whose clients need its port).
     */
    static WebServer serve(HttpConfig http, boolean anyPortIfTaken, SearchMetrics metrics, Searches searches,
            WebServer.Commands commands, PrintStream out) throws IOException {
        try {
            return WebServer.start(http, metrics, searches, commands);
        } catch (IOException e) {
            if (http.port() == 0 || !anyPortIfTaken) {
                throw new java.io.UncheckedIOException(e.getMessage(), e);
            }
            out.println("page: port " + http.port() + " is taken (" + e.getMessage() + "); using a free one");
            return WebServer.start(http.withPort(0), metrics, searches, commands);
        }
    }

    /** The line that tells the user where to look (tests and scripts wait for it). */
    static void announce(WebServer server, PrintStream out) {
        out.println("page: " + server.url() + " (API " + server.url() + "api/searches, metrics " + server.url()
                + "metrics)");
    }

    /** A replay knows every candidate's final result: the page's early-rejection audit uses it (null: no truth). */
    private static Function<String, OptionalDouble> truth(SearchPlan plan) {
        if (plan.setup() == null) {
            return null;
        }
        return a -> {
            double v = plan.setup().replay().result(plan.space().parse(a), plan.resultColumn());
            return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
        };
    }

    private static Path runTarget(ProximaSettings config, Path runFolder) {
        return config.journal().postgresql() ? Path.of(JournalTarget.POSTGRESQL + runFolder.getFileName()) : runFolder;
    }

    /** Trials and events rebuilt from the journal per request, as {@code proxima export} does. */
    private static MonitoredSearch.RunExport export(Path journal, ProximaSettings config) {
        return new MonitoredSearch.RunExport() {
            @Override
            public String trialsCsv() {
                JournalRun r = JournalRun.read(journal, config);
                return TrialsCsv.of(r.core(), r.metricColumns());
            }

            @Override
            public String trialsJson() {
                return ExportCommand.json(JournalRun.read(journal, config));
            }

            @Override
            public List<SearchEvent> events() {
                try (EventJournal j = JournalTarget.of(journal).open(config)) {
                    return j.events();
                }
            }
        };
    }

    MonitoredSearch search() {
        return search;
    }

    @Override
    public void close() {
        server.close();
    }
}
