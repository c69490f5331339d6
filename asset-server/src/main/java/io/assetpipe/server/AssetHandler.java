package io.assetpipe.server;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.AssetPaths;
import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.manifest.EncodedVariant;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.ResponseCodeHandler;
import io.undertow.util.DateUtils;
import io.undertow.util.ETag;
import io.undertow.util.ETagUtils;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Every response is prepared at construction: per asset and representation (identity and each
 * precompressed variant) the header lists of the 200 and the 304 and a read-only direct buffer of
 * the body. A request is a map lookup, a choice of representation ({@code Accept-Encoding} values
 * are parsed once per distinct value, see {@link ContentNegotiation}) and a write of a
 * {@code duplicate()} of that buffer from the IO thread: nothing blocks, so nothing is dispatched,
 * and no body is copied on the heap.
 *
 * <p>The path is taken from {@link HttpServerExchange#getRelativePath()}, which Undertow has
 * percent-decoded once (an encoded slash stays {@code %2F} unless the server allows it); so the
 * handler also works below a {@code PathHandler} mount.
 */
public final class AssetHandler implements HttpHandler {
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String NO_CACHE = "no-cache";
    static final String ALLOW = "GET, HEAD, OPTIONS";
    /**
     * What a preflight allows by default: Range and the validators are not CORS-safelisted, so
     * fetch() with them is preflighted.
     */
    public static final List<String> DEFAULT_CORS_ALLOWED_HEADERS =
            List.of("Range", "If-Range", "If-None-Match", "If-Modified-Since");
    /** Longer paths are refused with 400; fingerprinted paths are far shorter. */
    static final int MAX_PATH_LENGTH = 1024;

    private static final HttpString ACCESS_CONTROL_ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    private static final HttpString ACCESS_CONTROL_EXPOSE_HEADERS = new HttpString("Access-Control-Expose-Headers");
    private static final HttpString ACCESS_CONTROL_ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
    private static final HttpString ACCESS_CONTROL_ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
    private static final HttpString ACCESS_CONTROL_MAX_AGE = new HttpString("Access-Control-Max-Age");
    private static final HttpString ACCESS_CONTROL_REQUEST_METHOD = new HttpString("Access-Control-Request-Method");
    private static final HttpString X_CONTENT_TYPE_OPTIONS = new HttpString("X-Content-Type-Options");

    private final String prefixSlash;
    private final String corsOrigin;
    private final String corsAllowedHeaders;
    private final HttpHandler next;
    /** Keyed by the whole relative path ({@code prefix + "/" + path}), so a lookup needs no substring. */
    private final Map<String, Resource> resources;

    /**
     * What a path resolves to: representations to negotiate between (identity first), or a
     * redirect target.
     */
    private record Resource(Representation[] representations, boolean varies, Date lastModified, String redirect) {}

    private AssetHandler(Builder builder) {
        this.prefixSlash = builder.prefix + "/";
        this.corsOrigin = builder.corsOrigin;
        this.corsAllowedHeaders = builder.corsAllowedHeaders;
        this.next = builder.next;
        this.resources = prepare(builder);
    }

    public static Builder builder(AssetBundle bundle) {
        return new Builder(bundle);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRelativePath();
        Resource resource = resources.get(path); // keyed by the whole path: no substring per request
        if (resource == null) {
            unknown(exchange, path);
            return;
        }
        HttpString method = exchange.getRequestMethod();
        boolean head = method.equals(Methods.HEAD);
        if (!head && !method.equals(Methods.GET)) {
            if (method.equals(Methods.OPTIONS)) {
                options(exchange);
            } else {
                exchange.getResponseHeaders().put(Headers.ALLOW, ALLOW);
                finish(exchange, StatusCodes.METHOD_NOT_ALLOWED);
            }
            return;
        }
        if (resource.redirect() != null) {
            HeaderMap headers = exchange.getResponseHeaders();
            headers.put(Headers.LOCATION, exchange.getResolvedPath() + resource.redirect());
            headers.put(Headers.CACHE_CONTROL, NO_CACHE);
            finish(exchange, StatusCodes.FOUND);
            return;
        }
        HeaderMap request = exchange.getRequestHeaders();
        Representation representation =
                ContentNegotiation.choose(request.get(Headers.ACCEPT_ENCODING), resource.representations());
        if (representation == null) {
            notAcceptable(exchange, resource);
            return;
        }
        if (notModified(request, representation, resource.lastModified())) {
            representation.notModified().applyTo(exchange.getResponseHeaders());
            finish(exchange, StatusCodes.NOT_MODIFIED);
            return;
        }
        long length = representation.length();
        // RFC 9110 §14.2: GET is the only method with range handling; HEAD gets the 200 headers.
        String rangeHeader = head ? null : request.getFirst(Headers.RANGE);
        RangeRequest range = rangeHeader == null
                        || !RangeRequest.ifRangeHolds(
                                request.getFirst(Headers.IF_RANGE), representation, resource.lastModified())
                ? RangeRequest.FULL
                : RangeRequest.of(rangeHeader, length);
        if (range instanceof RangeRequest.Unsatisfiable) {
            // An error about this request, not the asset: no caching headers, nothing to store.
            HeaderMap headers = exchange.getResponseHeaders();
            headers.put(Headers.CONTENT_RANGE, "bytes */" + length);
            headers.put(Headers.ACCEPT_RANGES, "bytes");
            varyAndCors(headers, resource);
            finish(exchange, StatusCodes.REQUEST_RANGE_NOT_SATISFIABLE);
            return;
        }
        HeaderMap headers = exchange.getResponseHeaders();
        representation.ok().applyTo(headers); // Content-Length of the whole representation included
        if (range instanceof RangeRequest.Partial partial) {
            exchange.setStatusCode(StatusCodes.PARTIAL_CONTENT);
            headers.put(Headers.CONTENT_RANGE, partial.contentRange(length));
            exchange.setResponseContentLength(partial.length());
            send(exchange, representation.body(), (int) partial.first(), (int) partial.length());
        } else if (head || length == 0) {
            exchange.endExchange();
        } else if (representation.region() != null && ZeroCopySend.applies(exchange)) {
            ZeroCopySend.start(exchange, representation.body(), representation.region());
        } else {
            send(exchange, representation.body(), 0, (int) length);
        }
    }

    /** A path with no resource: 400 when it could never be a bundle path, else the next handler. */
    private void unknown(HttpServerExchange exchange, String path) throws Exception {
        if (!path.startsWith(prefixSlash)) {
            next.handleRequest(exchange);
            return;
        }
        int relative = path.length() - prefixSlash.length();
        if (relative > MAX_PATH_LENGTH || relative > 0 && !AssetPaths.isSafe(path.substring(prefixSlash.length()))) {
            // '..', '//', backslash, NUL...: never a bundle path, and not the app's business.
            finish(exchange, StatusCodes.BAD_REQUEST);
        } else {
            next.handleRequest(exchange);
        }
    }

    /**
     * Writes part of a prepared body from the calling (IO) thread, headers and body in one
     * gathering write; the sender ends the exchange.
     */
    private static void send(HttpServerExchange exchange, ByteBuffer body, int offset, int length) {
        if (length == 0) {
            exchange.endExchange();
            return;
        }
        ByteBuffer slice = body.duplicate();
        slice.limit(offset + length).position(offset);
        exchange.getResponseSender().send(slice);
    }

    private static void finish(HttpServerExchange exchange, int status) {
        exchange.setStatusCode(status);
        exchange.endExchange();
    }

    /**
     * RFC 9110 §13.2.2: If-None-Match (any listed tag, weak comparison, or {@code *}) decides when
     * present; otherwise If-Modified-Since against the bundle's build time.
     */
    private static boolean notModified(HeaderMap request, Representation representation, Date lastModified) {
        HeaderValues ifNoneMatch = request.get(Headers.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            if (ifNoneMatch.size() == 1 && ifNoneMatch.getFirst().equals(representation.etag())) {
                return true; // a revalidation sends back the tag it got: no list to parse
            }
            ETag ours = new ETag(false, representation.tag());
            for (String value : ifNoneMatch) {
                // Undertow's list parser drops a bare '*', so that case is checked here.
                if (value.trim().equals("*") || !ETagUtils.handleIfNoneMatch(value, ours, true)) {
                    return true;
                }
            }
            return false;
        }
        String ifModifiedSince = request.getFirst(Headers.IF_MODIFIED_SINCE);
        return ifModifiedSince != null && !DateUtils.handleIfModifiedSince(ifModifiedSince, lastModified);
    }

    private void options(HttpServerExchange exchange) {
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(Headers.ALLOW, ALLOW);
        HeaderMap request = exchange.getRequestHeaders();
        if (corsOrigin != null && request.contains(Headers.ORIGIN) && request.contains(ACCESS_CONTROL_REQUEST_METHOD)) {
            headers.put(ACCESS_CONTROL_ALLOW_ORIGIN, corsOrigin);
            headers.put(ACCESS_CONTROL_ALLOW_METHODS, ALLOW);
            if (!corsAllowedHeaders.isEmpty()) {
                headers.put(ACCESS_CONTROL_ALLOW_HEADERS, corsAllowedHeaders);
            }
            headers.put(ACCESS_CONTROL_MAX_AGE, "86400");
        }
        finish(exchange, StatusCodes.NO_CONTENT);
    }

    private void notAcceptable(HttpServerExchange exchange, Resource resource) {
        varyAndCors(exchange.getResponseHeaders(), resource);
        finish(exchange, StatusCodes.NOT_ACCEPTABLE);
    }

    /** The headers every response about an asset carries, errors included. */
    private void varyAndCors(HeaderMap headers, Resource resource) {
        if (resource.varies()) {
            headers.put(Headers.VARY, Headers.ACCEPT_ENCODING_STRING);
        }
        if (corsOrigin != null) {
            headers.put(ACCESS_CONTROL_ALLOW_ORIGIN, corsOrigin);
        }
    }

    // ---- preparation ---------------------------------------------------------------------------

    private Map<String, Resource> prepare(Builder builder) {
        Map<String, Resource> prepared = new HashMap<>();
        for (AssetBundle.LoadedAsset asset : builder.bundle.loadedAssets()) {
            AssetEntry entry = asset.entry();
            Date lastModified = Date.from(asset.buildTime());
            prepared.put(prefixSlash + entry.path(), resource(asset, IMMUTABLE, lastModified));
            if (asset.logicalPath() != null) {
                switch (builder.logicalPaths) {
                    case SERVE -> prepared.put(prefixSlash + asset.logicalPath(), resource(asset, NO_CACHE, lastModified));
                    case REDIRECT -> prepared.put(prefixSlash + asset.logicalPath(),
                            new Resource(null, false, lastModified, prefixSlash + entry.path()));
                    case DENY -> { }
                }
            }
        }
        return Map.copyOf(prepared);
    }

    private Resource resource(AssetBundle.LoadedAsset asset, String cacheControl, Date lastModified) {
        AssetEntry entry = asset.entry();
        boolean varies = !entry.encodings().isEmpty();
        List<Representation> representations = new ArrayList<>();
        representations.add(representation(entry, null, asset.identity(), asset.regions().get(entry.path()),
                entry.sha256(), cacheControl, varies, lastModified));
        for (ContentEncoding encoding : entry.encodings().keySet()) {
            EncodedVariant variant = entry.encodings().get(encoding);
            representations.add(representation(entry, encoding, asset.variants().get(encoding),
                    asset.regions().get(variant.path()), variant.sha256(), cacheControl, varies, lastModified));
        }
        return new Resource(representations.toArray(Representation[]::new), varies, lastModified, null);
    }

    private Representation representation(AssetEntry entry, ContentEncoding encoding, ByteBuffer body,
            AssetBundle.FileRegion region, String sha256, String cacheControl, boolean varies, Date lastModified) {
        // Each variant's own hash: a strong tag must differ between encodings (RFC 9110 §8.8.3).
        String etag = "\"" + sha256 + "\"";
        String vary = varies ? Headers.ACCEPT_ENCODING_STRING : null;
        String exposed = corsOrigin == null ? null : "Content-Range, Accept-Ranges, ETag";
        Representation.Headers ok = Representation.Headers.builder()
                .add(Headers.CONTENT_TYPE, entry.type())
                .add(Headers.CONTENT_ENCODING, encoding == null ? null : encoding.token())
                .add(Headers.CACHE_CONTROL, cacheControl)
                .add(Headers.ETAG, etag)
                .add(Headers.LAST_MODIFIED, DateUtils.toDateString(lastModified))
                .add(Headers.VARY, vary)
                .add(Headers.ACCEPT_RANGES, "bytes")
                .add(X_CONTENT_TYPE_OPTIONS, "nosniff")
                .add(ACCESS_CONTROL_ALLOW_ORIGIN, corsOrigin)
                .add(ACCESS_CONTROL_EXPOSE_HEADERS, exposed)
                .add(Headers.CONTENT_LENGTH, Integer.toString(body.remaining()))
                .build();
        // RFC 9110 §15.4.5: the fields a 200 would carry that guide caches; no representation metadata.
        Representation.Headers notModified = Representation.Headers.builder()
                .add(Headers.CACHE_CONTROL, cacheControl)
                .add(Headers.ETAG, etag)
                .add(Headers.VARY, vary)
                .add(ACCESS_CONTROL_ALLOW_ORIGIN, corsOrigin)
                .add(ACCESS_CONTROL_EXPOSE_HEADERS, exposed)
                .build();
        return new Representation(encoding, body, etag, sha256, ok, notModified, region);
    }

    /** Configures an {@link AssetHandler}; every setting has a default. */
    public static final class Builder {
        private final AssetBundle bundle;
        private String prefix = "/assets";
        private LogicalPathPolicy logicalPaths = LogicalPathPolicy.SERVE;
        private String corsOrigin = "*";
        private String corsAllowedHeaders = String.join(", ", DEFAULT_CORS_ALLOWED_HEADERS);
        private HttpHandler next = ResponseCodeHandler.HANDLE_404;

        private Builder(AssetBundle bundle) {
            this.bundle = Objects.requireNonNull(bundle, "bundle");
        }

        /**
         * URL path under which assets are served, default {@code /assets}; {@code ""} serves from
         * the root (e.g. below a {@code PathHandler} mount).
         */
        public Builder prefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
            if (!trimmed.isEmpty() && (!trimmed.startsWith("/") || !AssetPaths.isSafe(trimmed.substring(1)))) {
                throw new IllegalArgumentException("prefix \"" + prefix + "\" must be empty or an absolute path like /assets");
            }
            this.prefix = trimmed;
            return this;
        }

        /** What to do with logical paths such as {@code css/site.css}; default {@link LogicalPathPolicy#SERVE}. */
        public Builder logicalPaths(LogicalPathPolicy policy) {
            this.logicalPaths = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The {@code Access-Control-Allow-Origin} value sent with every asset, default {@code *}
         * (a public asset origin, so fonts and module scripts load from a CDN host); {@code null}
         * or empty switches CORS off.
         */
        public Builder corsOrigin(String origin) {
            this.corsOrigin = origin == null || origin.isBlank() ? null : origin.trim();
            return this;
        }

        /**
         * The request headers a CORS preflight may allow ({@code Access-Control-Allow-Headers}),
         * default {@link #DEFAULT_CORS_ALLOWED_HEADERS}; an empty list allows only the headers CORS
         * safelists. Field names, or {@code *} for any header.
         */
        public Builder corsAllowedHeaders(List<String> names) {
            for (String name : names) {
                if (!name.equals("*") && !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    throw new IllegalArgumentException("\"" + name + "\" is not a header field name");
                }
            }
            this.corsAllowedHeaders = String.join(", ", names);
            return this;
        }

        /** Handles every request outside the prefix and unknown asset paths; default 404. */
        public Builder next(HttpHandler next) {
            this.next = Objects.requireNonNull(next, "next");
            return this;
        }

        public AssetHandler build() {
            return new AssetHandler(this);
        }
    }
}
