/**
 * The HTTP face of a running search or daemon: the JSON API, the server-sent event stream, the
 * live page (static files, uPlot vendored) and Prometheus' {@code /metrics}, all on one port of
 * the JDK's HttpServer. It reads {@link dev.proxima.view.LiveView}s and the runs' journals and
 * changes nothing except through the commands it is given.
 */
package dev.proxima.http;
