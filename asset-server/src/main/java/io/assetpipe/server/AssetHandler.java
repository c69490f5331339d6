package io.assetpipe.server;

import io.assetpipe.http.AdapterBuilder;
import io.assetpipe.http.AssetBundle;
import io.assetpipe.http.AssetResponses;
import io.assetpipe.http.ByteRange;
import io.assetpipe.http.HeaderBlock;
import io.assetpipe.http.HeaderField;
import io.assetpipe.http.Representation;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.ResponseCodeHandler;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Serves the assets of an {@link AssetBundle} under a path prefix, and hands every other request
 * to a {@code next} handler. Mount it in any Undertow app:
 *
 * <pre>{@code
 * AssetHandler assets = AssetHandler.builder(AssetBundle.fromClasspath(loader))
 *         .prefix("/assets").next(appHandler).build();
 * Undertow.builder().addHttpListener(8080, "0.0.0.0").setHandler(assets).build().start();
 * }</pre>
 *
 * <p>What to answer is decided by {@link AssetResponses}, the core the servlet shares; this class
 * is its Undertow side. Every answer is prepared at construction, so a request is a lookup, a
 * choice of representation and a write of a {@code duplicate()} of a direct buffer from the IO
 * thread: nothing blocks, so nothing is dispatched, and no body is copied on the heap.
 *
 * <p>The path is taken from {@link HttpServerExchange#getRelativePath()}, which Undertow has
 * percent-decoded once (an encoded slash stays {@code %2F} unless the server allows it); so the
 * handler also works below a {@code PathHandler} mount.
 */
public final class AssetHandler implements HttpHandler {
    private final AssetResponses responses;
    private final UndertowContainer container;

    private AssetHandler(AssetResponses responses, HttpHandler next) {
        this.responses = responses;
        this.container = new UndertowContainer(next);
    }

    public static Builder builder(AssetBundle bundle) {
        return new Builder(bundle);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        responses.respond(exchange, exchange.getRelativePath(), exchange.getRequestMethod().toString(), container);
    }

    /** The core's reads and answers on an {@link HttpServerExchange}. */
    private static final class UndertowContainer implements AssetResponses.Container<HttpServerExchange> {
        /** Undertow's own header-name constants (fast equality), by {@link HeaderField#ordinal()}. */
        private static final HttpString[] NAMES = Arrays.stream(HeaderField.values())
                .map(field -> HttpString.tryFromString(field.text()))
                .toArray(HttpString[]::new);

        private final HttpHandler next;

        UndertowContainer(HttpHandler next) {
            this.next = next;
        }

        @Override
        public String header(HttpServerExchange exchange, HeaderField field) {
            return exchange.getRequestHeaders().getFirst(NAMES[field.ordinal()]);
        }

        @Override
        public List<String> headers(HttpServerExchange exchange, HeaderField field) {
            return exchange.getRequestHeaders().get(NAMES[field.ordinal()]); // HeaderValues is a List
        }

        @Override
        public String mountPath(HttpServerExchange exchange) {
            return exchange.getResolvedPath();
        }

        @Override
        public void next(HttpServerExchange exchange) throws Exception {
            next.handleRequest(exchange);
        }

        @Override
        public void answer(HttpServerExchange exchange, int status, HeaderBlock headers, HeaderField extra,
                String extraValue) {
            HeaderMap map = exchange.getResponseHeaders();
            apply(headers, map);
            if (extra != null) {
                map.put(NAMES[extra.ordinal()], extraValue);
            }
            exchange.setStatusCode(status);
            exchange.endExchange();
        }

        @Override
        public void send(HttpServerExchange exchange, Representation representation, ByteRange range, boolean head) {
            apply(representation.ok(), exchange.getResponseHeaders()); // Content-Length of the whole included
            ByteBuffer body = representation.body();
            if (range != null) {
                exchange.setStatusCode(206);
                exchange.getResponseHeaders().put(NAMES[HeaderField.CONTENT_RANGE.ordinal()],
                        range.contentRange(representation.length()));
                exchange.setResponseContentLength(range.length());
                write(exchange, body, (int) range.first(), (int) range.length());
            } else if (head || !body.hasRemaining()) {
                exchange.endExchange();
            } else if (representation.region() != null && ZeroCopySend.applies(exchange)) {
                ZeroCopySend.start(exchange, body, representation.region());
            } else {
                write(exchange, body, 0, body.remaining());
            }
        }

        private static void apply(HeaderBlock headers, HeaderMap map) {
            for (int i = 0; i < headers.size(); i++) {
                map.put(NAMES[headers.name(i).ordinal()], headers.value(i));
            }
        }

        /**
         * Writes part of a prepared body from the calling (IO) thread, headers and body in one
         * gathering write; the sender ends the exchange.
         */
        private static void write(HttpServerExchange exchange, ByteBuffer body, int offset, int length) {
            ByteBuffer slice = body.duplicate();
            slice.limit(offset + length).position(offset);
            exchange.getResponseSender().send(slice);
        }
    }

    /**
     * Configures an {@link AssetHandler}; every setting has a default. {@code prefix} ({@code ""}
     * serves from the root, e.g. below a {@code PathHandler} mount), {@code logicalPaths} and
     * {@code corsOrigin} are the core's ({@link AdapterBuilder}).
     */
    public static final class Builder extends AdapterBuilder<Builder> {
        private HttpHandler next = ResponseCodeHandler.HANDLE_404;

        private Builder(AssetBundle bundle) {
            super(bundle);
        }

        /** Handles every request outside the prefix and unknown asset paths; default 404. */
        public Builder next(HttpHandler next) {
            this.next = Objects.requireNonNull(next, "next");
            return this;
        }

        public AssetHandler build() {
            return new AssetHandler(responses(), next);
        }
    }
}
