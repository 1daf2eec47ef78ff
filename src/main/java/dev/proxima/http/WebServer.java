package dev.proxima.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.proxima.config.HttpConfig;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One port for the page, the API, the event streams and {@code /metrics}: Prometheus' exporter
 * owns the JDK HttpServer (and {@code /metrics}); every other path comes here. Each request runs on
 * a thread of its own pool, so an event stream never holds up a scrape.
 */
public final class WebServer implements AutoCloseable {
    /** Event-stream clients per search; more are answered 503. */
    static final int MAX_STREAMS = 32;

    private final HTTPServer server;
    private final ExecutorService threads;
    private final String host;

    private WebServer(HTTPServer server, ExecutorService threads, String host) {
        this.server = server;
        this.threads = threads;
        this.host = host;
    }

    /**
     * Starts serving; a bind failure is one line that names the address.
     *
     * @param commands what {@code POST} requests may ask of the process (a daemon's submit and
     *     cancel); {@link Commands#NONE} for a single search, whose API only reads
     */
    public static WebServer start(HttpConfig config, SearchMetrics metrics, Searches searches, Commands commands)
            throws IOException {
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "proxima-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HTTPServer.Builder b = HTTPServer.builder().hostname(config.host()).port(config.port())
                .registry(metrics.registry()).executorService(threads)
                .defaultHandler(new Api(searches, commands, config.token().isEmpty() ? null : config.token()));
        if (!config.token().isEmpty()) {
            b.authenticator(new BearerToken(config.token()));
        }
        try {
            return new WebServer(b.buildAndStart(), threads, config.host());
        } catch (BindException e) {
            threads.shutdownNow();
            throw new IOException("proxima.http: cannot listen on " + config.host() + ":" + config.port() + " ("
                    + e.getMessage() + ")", e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** The page's address as a user types it. */
    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
    }

    @Override
    public void close() {
        server.close();
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a daemon's API may change; a single search's API changes nothing. */
    public interface Commands {
        Commands NONE = new Commands() {};

        /** Answers a {@code POST} to {@code path}, or empty when the path takes none. */
        default Optional<Reply> post(String path, String body) {
            return Optional.empty();
        }
    }

    /** A JSON answer with its status code. */
    public record Reply(int status, Object body) {}

    /** The page, the API and the event streams. */
    private static final class Api implements HttpHandler {
        private final Searches searches;
        private final Commands commands;
        private final String token;

        Api(Searches searches, Commands commands, String token) {
            this.searches = searches;
            this.commands = commands;
            this.token = token;
        }

        @Override
        public void handle(HttpExchange x) throws IOException {
            try (x) {
                route(x);
            } catch (IOException e) {
                // the client went away mid-answer: nothing to tell it
            } catch (RuntimeException e) {
                json(x, 500, Map.of("error", String.valueOf(e.getMessage())));
            }
        }

        private void route(HttpExchange x) throws IOException {
            URI uri = x.getRequestURI();
            String path = uri.getPath();
            String method = x.getRequestMethod();
            if (method.equals("POST")) {
                String body = new String(x.getRequestBody().readNBytes(1 << 20), StandardCharsets.UTF_8);
                Optional<Reply> r = commands.post(path, body);
                if (r.isPresent()) {
                    json(x, r.get().status(), r.get().body());
                } else {
                    json(x, 405, Map.of("error", "POST " + path + " is not a command of this server"));
                }
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                json(x, 405, Map.of("error", method + " is not supported; the API answers GET"));
                return;
            }
            if (path.equals("/") || path.equals("/index.html")) {
                if (token != null && BearerToken.queryToken(x) != null) {
                    // the page's link carried the token: keep it in a cookie, so the page's own requests (and
                    // its EventSource, which cannot send headers) carry it, and drop it from the address bar
                    x.getResponseHeaders().add("Set-Cookie", BearerToken.COOKIE + "=" + BearerToken.queryToken(x)
                            + "; Path=/; HttpOnly; SameSite=Strict");
                    x.getResponseHeaders().add("Location", "/");
                    x.sendResponseHeaders(303, -1);
                    return;
                }
                resource(x, "index.html");
            } else if (path.startsWith("/api/")) {
                api(x, path.substring(5).split("/"));
            } else {
                resource(x, path.substring(1));
            }
        }

        private void api(HttpExchange x, String[] p) throws IOException {
            if (p.length == 1 && p[0].equals("searches")) {
                json(x, 200, searches.all().stream().map(MonitoredSearch::describe).toList());
                return;
            }
            if (p.length == 1 && p[0].equals("workers")) {
                json(x, 200, searches.all().stream().map(s -> Map.of("search", s.id(), "workers",
                        s.view().workers(s.clock().getAsLong()))).toList());
                return;
            }
            if (p.length < 2 || !p[0].equals("searches")) {
                json(x, 404, Map.of("error", "no such API path; see GET /api/searches"));
                return;
            }
            Optional<MonitoredSearch> found = searches.get(p[1]);
            if (found.isEmpty()) {
                json(x, 404, Map.of("error", "no search '" + p[1] + "'; known: "
                        + searches.all().stream().map(MonitoredSearch::id).toList()));
                return;
            }
            MonitoredSearch s = found.get();
            String what = p.length == 2 ? "" : p[2];
            switch (what) {
                case "" -> json(x, 200, s.describe());
                case "view" -> json(x, 200, s.view().snapshot(s.clock().getAsLong()));
                case "events" -> stream(x, s);
                case "trials" -> export(x, s);
                case "journal" -> send(x, 200, "application/json", Json.events(s.export().events()));
                default -> json(x, 404, Map.of("error", "search " + s.id() + " has no '" + what
                        + "'; try view, events, trials, journal"));
            }
        }

        private static void export(HttpExchange x, MonitoredSearch s) throws IOException {
            String format = Optional.ofNullable(BearerToken.param(x, "format")).orElse("csv");
            if (!format.equals("csv") && !format.equals("json")) {
                json(x, 400, Map.of("error", "format must be csv or json"));
                return;
            }
            if (format.equals("json")) {
                send(x, 200, "application/json", s.export().trialsJson());
            } else {
                x.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"" + s.id() + "-trials.csv\"");
                send(x, 200, "text/csv; charset=utf-8", s.export().trialsCsv());
            }
        }

        /**
         * Server-sent events: the search's events as {@code events} messages, each a JSON array of
         * what came since the last; with {@code ?tick=MS}, at most one small {@code tick} message
         * per MS instead ({@code {"events": total, "new": n}}), which is all a page needs to know
         * it should redraw.
         */
        private static void stream(HttpExchange x, MonitoredSearch s) throws IOException {
            long tick = 0;
            String asked = BearerToken.param(x, "tick");
            if (asked != null) {
                try {
                    tick = Long.parseLong(asked);
                } catch (NumberFormatException e) {
                    tick = -1;
                }
                if (tick < 100) {
                    json(x, 400, Map.of("error", "tick must be a whole number of milliseconds >= 100, got '" + asked + "'"));
                    return;
                }
            }
            if (s.hub().clients() >= MAX_STREAMS) {
                json(x, 503, Map.of("error", "search " + s.id() + " already has " + MAX_STREAMS + " event streams"));
                return;
            }
            x.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
            x.getResponseHeaders().add("Cache-Control", "no-cache");
            x.sendResponseHeaders(200, 0);
            OutputStream out = x.getResponseBody();
            try (EventHub.Subscription sub = s.hub().subscribe(tick > 0)) {
                write(out, "event: hello\ndata: " + Json.of(Map.of("search", s.id(), "events", s.view().events())) + "\n\n");
                long quietSince = System.currentTimeMillis();
                while (!sub.finished()) {
                    boolean sent;
                    if (tick > 0) {
                        Thread.sleep(tick); // a ticking client is never woken by the search
                        long n = sub.takeCount();
                        sent = n > 0;
                        if (sent) {
                            write(out, "event: tick\ndata: {\"events\":" + s.view().events() + ",\"new\":" + n + "}\n\n");
                        }
                    } else {
                        List<dev.proxima.search.SearchEvent> events = sub.next(s.hub().closed() ? 0 : 1000);
                        if (sub.dropped()) {
                            write(out, "event: dropped\ndata: {}\n\n"); // the client reconnects and reloads the view
                            return;
                        }
                        sent = !events.isEmpty();
                        if (sent) {
                            write(out, "event: events\ndata: " + Json.events(events) + "\n\n");
                        }
                    }
                    long now = System.currentTimeMillis();
                    if (sent) {
                        quietSince = now;
                    } else if (now - quietSince >= 15_000) {
                        write(out, ": still here\n\n");
                        quietSince = now;
                    }
                }
                write(out, "event: ended\ndata: " + Json.of(Map.of("state", s.state())) + "\n\n");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void write(OutputStream out, String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private static void resource(HttpExchange x, String name) throws IOException {
            if (name.contains("..") || name.startsWith("/") || name.contains("\\")) {
                json(x, 404, Map.of("error", "no such file"));
                return;
            }
            try (InputStream in = WebServer.class.getClassLoader().getResourceAsStream("web/" + name)) {
                if (in == null) {
                    json(x, 404, Map.of("error", "no page or file at /" + name + "; the page is at /, the API at /api/searches"));
                    return;
                }
                x.getResponseHeaders().add("Cache-Control", "no-cache");
                send(x, 200, contentType(name), in.readAllBytes());
            }
        }

        private static String contentType(String name) {
            if (name.endsWith(".html")) {
                return "text/html; charset=utf-8";
            } else if (name.endsWith(".js")) {
                return "text/javascript; charset=utf-8";
            } else if (name.endsWith(".css")) {
                return "text/css; charset=utf-8";
            } else if (name.endsWith(".png")) {
                return "image/png";
            }
            return "text/plain; charset=utf-8";
        }

        private static void json(HttpExchange x, int status, Object body) throws IOException {
            send(x, status, "application/json", Json.of(body));
        }

        private static void send(HttpExchange x, int status, String type, String body) throws IOException {
            send(x, status, type, body.getBytes(StandardCharsets.UTF_8));
        }

        private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
            x.getResponseHeaders().set("Content-Type", type);
            boolean head = x.getRequestMethod().equals("HEAD");
            x.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
            if (!head) {
                x.getResponseBody().write(body);
            }
        }
    }
}
