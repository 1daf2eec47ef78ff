package dev.proxima.http;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium, driven over the DevTools protocol on a local WebSocket (the JDK's
 * own client): navigate, evaluate a script in the page, take a screenshot. No driver binary and
 * no library beyond the JDK.
 */
final class Chromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");

    private final Process process;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonObject>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private Chromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** Starts a fresh headless browser (its own profile under {@code dir}) with one blank page. */
    static Chromium start(Path dir, int width, int height) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's chromium package (.ci/run does)");
        }
        Process p = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("chromium-profile"), "--window-size=" + width + "," + height,
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank")
                .redirectErrorStream(true).start();
        String endpoint = devToolsEndpoint(p);
        int port = URI.create(endpoint).getPort();
        HttpClient http = HttpClient.newHttpClient();
        String pages = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String pageSocket = null;
        for (var t : JsonParser.parseString(pages).getAsJsonArray()) {
            if (t.getAsJsonObject().get("type").getAsString().equals("page")) {
                pageSocket = t.getAsJsonObject().get("webSocketDebuggerUrl").getAsString();
                break;
            }
        }
        if (pageSocket == null) {
            p.destroyForcibly();
            throw new IllegalStateException("Chromium opened no page: " + pages);
        }
        Chromium[] self = new Chromium[1];
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    JsonObject m = JsonParser.parseString(text.toString()).getAsJsonObject();
                    text.setLength(0);
                    if (m.has("id") && self[0] != null) {
                        CompletableFuture<JsonObject> f = self[0].waiting.remove(m.get("id").getAsInt());
                        if (f != null) {
                            f.complete(m);
                        }
                    }
                }
                w.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        self[0] = new Chromium(p, ws);
        return self[0];
    }

    /** Chromium prints {@code DevTools listening on ws://...} once it is ready. */
    private static String devToolsEndpoint(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Pattern ready = Pattern.compile("DevTools listening on (ws://\\S+)");
        StringBuilder seen = new StringBuilder();
        long end = System.currentTimeMillis() + 30_000;
        String line;
        while (System.currentTimeMillis() < end && (line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = ready.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "chromium-output");
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("Chromium did not start:\n" + seen);
    }

    JsonObject call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        socket.sendText(dev.proxima.http.Json.of(Map.of("id", id, "method", method, "params", params)), true).join();
        JsonObject m = answer.get(30, TimeUnit.SECONDS);
        if (m.has("error")) {
            throw new IllegalStateException(method + ": " + m.get("error"));
        }
        return m.getAsJsonObject("result");
    }

    void navigate(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
    }

    /** The value of a script (an expression) evaluated in the page, as JSON. */
    JsonObject evaluate(String expression) throws Exception {
        JsonObject r = call("Runtime.evaluate", Map.of("expression", "JSON.stringify(" + expression + ")",
                "returnByValue", true));
        JsonObject value = r.getAsJsonObject("result");
        if (!value.has("value")) {
            throw new IllegalStateException("the page could not evaluate " + expression + ": " + r);
        }
        return JsonParser.parseString(value.get("value").getAsString()).getAsJsonObject();
    }

    void screenshot(Path png) throws Exception {
        JsonObject r = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(r.get("data").getAsString()));
    }

    @Override
    public void close() {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
