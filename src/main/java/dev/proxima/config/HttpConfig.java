package dev.proxima.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code proxima.http}: where the live page, the API and {@code /metrics} are served.
 *
 * @param enabled whether {@code proxima search} serves them ({@code proxima serve} always does)
 * @param port the port; 0 = any free one (the address is printed)
 * @param token the bearer token every request must carry; required when {@code host} is not a
 *     loopback address
 */
public record HttpConfig(boolean enabled, String host, int port, String token) {
    public HttpConfig {
        if (host.isBlank()) {
            throw new ConfigProblem("proxima.http.host: needs a host name or address, got an empty string");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigProblem("proxima.http.port: must be in 0..65535, got " + port);
        }
        if (token.isEmpty() && !isLoopback(host)) {
            throw new ConfigProblem("proxima.http.host: " + host + " is reachable beyond this machine, so the page, API "
                    + "and /metrics need a bearer token: set proxima.http.token (or PROXIMA_HTTP_TOKEN)");
        }
    }

    /** The same settings on another port (a flag's). */
    public HttpConfig withPort(int newPort) {
        return new HttpConfig(enabled, host, newPort, token);
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigProblem("proxima.http.host: cannot resolve '" + host + "'");
        }
    }
}
