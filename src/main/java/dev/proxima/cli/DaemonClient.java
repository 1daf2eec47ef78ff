package dev.proxima.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.proxima.config.HttpConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How the daemon's client commands ({@code submit}, {@code list}, {@code cancel}, {@code status ID})
 * reach {@code proxima serve}: its API at {@code --daemon URL}, by default the address of
 * {@code proxima.http}, with {@code proxima.http.token} when one is set.
 */
final class DaemonClient {
    @Option(names = "--daemon", paramLabel = "URL", description = "the daemon's address (default: http://"
            + "<proxima.http.host>:<proxima.http.port>/)")
    String url;

    /** A failure to reach or be understood by the daemon: one line, exit code 1. */
    static final class Unreachable extends java.io.UncheckedIOException {
        Unreachable(String message) {
            super(message, new IOException(message));
        }
    }

    private String base(HttpConfig http) {
        String u = url != null ? url : "http://" + (http.host().equals("0.0.0.0") ? "127.0.0.1" : http.host()) + ":"
                + http.port() + "/";
        return u.endsWith("/") ? u : u + "/";
    }

    /** @param http where the daemon is when --daemon does not say (and its token) */
    JsonElement get(HttpConfig http, String path) {
        return send(http, path, null);
    }

    JsonElement post(HttpConfig http, String path, String body) {
        return send(http, path, body);
    }

    private JsonElement send(HttpConfig http, String path, String body) {
        String address = base(http) + path;
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(address)).timeout(Duration.ofSeconds(90));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--daemon: '" + url + "' is not an address (" + e.getMessage() + ")");
        }
        if (!http.token().isEmpty()) {
            b.header("Authorization", "Bearer " + http.token());
        }
        b = body == null ? b.GET() : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r;
        try {
            r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(b.build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Unreachable("no daemon answers at " + base(http) + " (is proxima serve running? --daemon URL)");
        } catch (IOException e) {
            throw new Unreachable("the daemon at " + base(http) + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted");
        }
        JsonElement answer;
        try {
            answer = JsonParser.parseString(r.body());
        } catch (RuntimeException e) {
            throw new Unreachable(address + " answered " + r.statusCode() + " with something that is not JSON");
        }
        if (r.statusCode() >= 400) {
            String why = answer.isJsonObject() && answer.getAsJsonObject().has("error")
                    ? answer.getAsJsonObject().get("error").getAsString() : r.body();
            if (r.statusCode() == 400 || r.statusCode() == 404 || r.statusCode() == 409) {
                throw new IllegalArgumentException(why);
            }
            throw new Unreachable("the daemon answered " + r.statusCode() + ": " + why);
        }
        return answer;
    }
}
