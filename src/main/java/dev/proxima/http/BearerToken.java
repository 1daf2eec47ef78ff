package dev.proxima.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Every request must carry the token: as {@code Authorization: Bearer TOKEN} (scripts,
 * Prometheus' {@code authorization} setting), or, for a browser, as the {@code proxima_token}
 * cookie the page's {@code /?token=TOKEN} link sets (an EventSource cannot send headers).
 * Anything else is answered 401.
 */
final class BearerToken extends Authenticator {
    static final String COOKIE = "proxima_token";
    private final byte[] token;

    BearerToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        if (matches(presented(exchange))) {
            return new Success(new HttpPrincipal("token", "proxima"));
        }
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"proxima\"");
        return new Failure(401);
    }

    private boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The token of the request: its Authorization header, its cookie, or the page link's query parameter. */
    static String presented(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        for (String cookies : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String c : cookies.split(";")) {
                String kv = c.trim();
                if (kv.startsWith(COOKIE + "=")) {
                    return kv.substring(COOKIE.length() + 1);
                }
            }
        }
        return queryToken(exchange);
    }

    static String queryToken(HttpExchange exchange) {
        return param(exchange, "token");
    }

    /** A query parameter of the request, decoded; null when absent. */
    static String param(HttpExchange exchange, String name) {
        String q = exchange.getRequestURI().getRawQuery();
        if (q == null) {
            return null;
        }
        for (String kv : q.split("&")) {
            if (kv.startsWith(name + "=")) {
                return URLDecoder.decode(kv.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
