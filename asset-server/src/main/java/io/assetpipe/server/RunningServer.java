package io.assetpipe.server;

import io.assetpipe.http.AssetBundle;
import io.assetpipe.http.BundleException;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.accesslog.AccessLogHandler;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.xnio.OptionMap;
import org.xnio.Options;

/**
 * The standalone origin: {@code /healthz} and {@code /readyz} probes in front of an
 * {@link AssetHandler}, with graceful shutdown, behind {@link StrictRequests} on an
 * {@link HttpListener}.
 *
 * <p>Shutdown order: {@code /readyz} turns 503 and requests are still served for the shutdown
 * delay (load balancers stop routing here meanwhile), then the {@link Drain} answers new requests
 * 503 and waits for the in-flight ones up to the grace period, then the listener closes. The
 * probes sit in front of the drain so {@code /healthz} stays 200 while the process drains.
 */
final class RunningServer {
    /** Bounds that suit a GET-only origin: small headers, no request bodies worth reading. */
    static final int MAX_HEADER_SIZE = 16 * 1024;
    static final int MAX_HEADERS = 64;
    static final long MAX_ENTITY_SIZE = 16 * 1024;
    static final int REQUEST_PARSE_TIMEOUT_MS = 10_000;
    static final int NO_REQUEST_TIMEOUT_MS = 60_000;
    private static final String KEEP_ALIVE = "keep-alive";

    private final HttpHandler root;
    private final Drain drain;
    private final ServerSettings settings;
    private final Log log;
    private HttpListener listener;
    private volatile boolean ready;

    private RunningServer(ServerSettings settings, AssetBundle bundle, Log log) {
        this.settings = settings;
        this.log = log;
        HttpHandler assets = AssetHandler.builder(bundle)
                .prefix(settings.prefix())
                .corsOrigin(settings.corsOrigin())
                .corsAllowedHeaders(settings.corsAllowedHeaders())
                .logicalPaths(settings.logicalPaths())
                .build();
        this.drain = new Drain(assets);
        HttpHandler served = settings.accessLog()
                ? new AccessLogHandler(drain, log::access, "combined", RunningServer.class.getClassLoader())
                : drain;
        this.root = new StrictRequests(exchange -> probeOr(served, exchange), REQUEST_PARSE_TIMEOUT_MS);
    }

    private void listen() {
        OptionMap serverOptions = OptionMap.builder()
                .set(UndertowOptions.MAX_HEADER_SIZE, MAX_HEADER_SIZE)
                .set(UndertowOptions.MAX_HEADERS, MAX_HEADERS)
                .set(UndertowOptions.MAX_ENTITY_SIZE, MAX_ENTITY_SIZE)
                .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, REQUEST_PARSE_TIMEOUT_MS)
                .set(UndertowOptions.NO_REQUEST_TIMEOUT, NO_REQUEST_TIMEOUT_MS)
                .set(UndertowOptions.ENABLE_STATISTICS, false)
                .set(UndertowOptions.RECORD_REQUEST_START_TIME, false)
                // HTTP/1.1 connections persist by default (RFC 9112 §9.3); HTTP/1.0: see probeOr.
                .set(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
                .getMap();
        // A client that stops reading is cut off once its response makes no progress for this long
        // (Undertow's WriteTimeoutStreamSinkConduit), and its unsent bytes are freed.
        OptionMap socketOptions = OptionMap.create(Options.WRITE_TIMEOUT,
                (int) Math.min(Integer.MAX_VALUE, settings.writeTimeout().toMillis()));
        try {
            listener = HttpListener.open(settings.host(), settings.port(), serverOptions, socketOptions, root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.host() + ":" + settings.port() + ": " + e, e);
        }
    }

    /** Loads the bundles and starts listening; throws {@link BundleException} naming a bad file. */
    static RunningServer start(ServerSettings settings, Log log) {
        long started = System.nanoTime();
        AssetBundle bundle = AssetBundle.load(settings.bundles());
        if (bundle.assetCount() == 0) {
            // A broken build that packaged nothing would otherwise pass readiness and answer 404 to all.
            throw new BundleException(String.join(", ", bundle.sources())
                    + ": the bundle lists no assets; refusing to start an origin that can only answer 404");
        }
        RunningServer server = new RunningServer(settings, bundle, log);
        server.listen();
        // Everything start-up built (the bundle's index and prepared headers, Undertow's and XNIO's
        // own objects) lives as long as the process. Collected once now, it moves to the old
        // generation together, instead of being copied between survivor spaces by the first
        // young collections under load: measured on one core (Serial GC), young pauses under load
        // fall from ~6 ms to ~0.5-2 ms, and a pause is what the slowest requests wait for.
        System.gc();
        server.ready = true;
        log.info("started", "address=" + settings.host() + ":" + server.port()
                + " prefix=" + settings.prefix()
                + " bundles=" + bundle.sources().size()
                + " assets=" + bundle.assetCount()
                + " files=" + bundle.fileCount()
                + " bytes=" + bundle.byteCount()
                + " large_bodies=" + largeBodies(bundle)
                + " ms=" + (System.nanoTime() - started) / 1_000_000
                + " sources=" + String.join(",", bundle.sources()));
        return server;
    }

    /** How bodies of 64 KiB and more leave: with sendfile only if the jar holds some of them STORED. */
    private static String largeBodies(AssetBundle bundle) {
        return AssetBundle.SENDFILE && bundle.hasFileRegions() ? ZeroCopySend.mode() : "memory";
    }

    int port() {
        return listener.port();
    }

    /**
     * Turns {@code /readyz} to 503, keeps serving for the shutdown delay, then lets in-flight
     * requests finish within the grace period (new ones get 503), then stops listening.
     *
     * @return whether every in-flight request finished in time
     */
    boolean shutdown() throws InterruptedException {
        ready = false;
        long started = System.nanoTime();
        Duration delay = settings.shutdownDelay();
        log.info("shutdown", "readyz=503 in_flight=" + drain.inFlight() + " grace_s=" + settings.shutdownGrace().toSeconds()
                + " delay_s=" + delay.toSeconds());
        if (!delay.isZero()) {
            TimeUnit.NANOSECONDS.sleep(delay.toNanos());
            log.info("draining", "in_flight=" + drain.inFlight());
        }
        drain.begin();
        boolean drained = drain.await(settings.shutdownGrace());
        listener.close();
        log.info("stopped", "drained=" + drained + " in_flight=" + drain.inFlight()
                + " ms=" + (System.nanoTime() - started) / 1_000_000);
        return drained;
    }

    private void probeOr(HttpHandler served, HttpServerExchange exchange) throws Exception {
        if (exchange.isHttp10() && exchange.isPersistent()) {
            // An HTTP/1.0 client keeps the connection only if the response says keep-alive too.
            exchange.getResponseHeaders().put(Headers.CONNECTION, KEEP_ALIVE);
        }
        String path = exchange.getRequestPath();
        if (path.equals("/healthz")) {
            probe(exchange, StatusCodes.OK, "ok\n");
        } else if (path.equals("/readyz")) {
            if (ready) {
                probe(exchange, StatusCodes.OK, "ready\n");
            } else {
                probe(exchange, StatusCodes.SERVICE_UNAVAILABLE, "shutting down\n");
            }
        } else {
            served.handleRequest(exchange);
        }
    }

    private static void probe(HttpServerExchange exchange, int status, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(body);
    }
}
