package io.assetpipe.http;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.AssetPaths;
import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.manifest.EncodedVariant;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How assetpipe answers a request for an asset, whatever server runs it: the one place that
 * decides between 200, 206, 304, 400, 406, 416, 302, 204 and 405, so that the Undertow handler
 * and the servlet cannot drift apart. A container adapter implements {@link Container} over its
 * own exchange type and calls {@link #respond}; this class reads the request fields it needs
 * through it and answers with one call back.
 *
 * <p>Every answer is prepared at construction: per asset and representation (identity and each
 * precompressed variant) the header blocks of the 200 and the 304 and a read-only direct buffer of
 * the body; per asset the headers of its error answers. A request is a map lookup, a choice of
 * representation ({@code Accept-Encoding} values are parsed once per distinct value, see
 * {@link ContentNegotiation}) and one call back with references to what was prepared: nothing
 * blocks and nothing is allocated here, so an adapter can answer from its IO thread.
 *
 * <p>Immutable and thread-safe.
 */
public final class AssetResponses {
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String NO_CACHE = "no-cache";
    static final String ALLOW = "GET, HEAD, OPTIONS";
    /** Longer paths are refused with 400; fingerprinted paths are far shorter. */
    static final int MAX_PATH_LENGTH = 1024;
    /**
     * What a preflight allows by default: Range and the validators are not CORS-safelisted, so
     * fetch() with them is preflighted.
     */
    public static final List<String> DEFAULT_CORS_ALLOWED_HEADERS =
            List.of("Range", "If-Range", "If-None-Match", "If-Modified-Since");

    private static final HeaderBlock ALLOW_ONLY = HeaderBlock.builder().add(HeaderField.ALLOW, ALLOW).build();
    private static final HeaderBlock REDIRECT = HeaderBlock.builder().add(HeaderField.CACHE_CONTROL, NO_CACHE).build();

    /**
     * What a server needs from a request and how it sends an answer, over its own exchange type
     * {@code X}. Implementations are stateless singletons, so a request allocates no adapter.
     */
    public interface Container<X> {
        /** The first value of a request field, or {@code null}. */
        String header(X exchange, HeaderField field);

        /** Every value of a request field (one per field line), or {@code null} when absent. */
        List<String> headers(X exchange, HeaderField field);

        /**
         * The path the prefix is relative to, prepended to a redirect's {@code Location}: the
         * mount point of the handler or servlet ({@code ""} at the root).
         */
        String mountPath(X exchange);

        /** A request this server does not answer: an unknown path, a denied logical path. */
        void next(X exchange) throws Exception;

        /**
         * An answer without a body: sets the status and the headers of {@code headers}, plus
         * {@code extra: extraValue} when {@code extra} is not {@code null}, and ends the exchange.
         */
        void answer(X exchange, int status, HeaderBlock headers, HeaderField extra, String extraValue)
                throws Exception;

        /**
         * The representation's {@link Representation#ok()} headers and its body: the whole of it
         * with 200 when {@code range} is {@code null}, else that range with 206 (and a
         * {@code Content-Range} and {@code Content-Length} of the range); for HEAD, the headers only.
         */
        void send(X exchange, Representation representation, ByteRange range, boolean head) throws Exception;
    }

    private final String prefix;
    private final String prefixSlash;
    private final HeaderBlock options;
    private final HeaderBlock preflight;
    /** Keyed by the whole path ({@code prefix + "/" + path}), so a lookup needs no substring. */
    private final Map<String, Resource> resources;

    /**
     * What a path resolves to: representations to negotiate between (identity first), or a
     * redirect target.
     *
     * @param errors the headers of a 406 (Vary, CORS)
     * @param rangeErrors the headers of a 416 (Accept-Ranges, Vary, CORS)
     */
    private record Resource(Representation[] representations, HeaderBlock errors, HeaderBlock rangeErrors,
            long lastModifiedSecond, String redirect) {}

    private AssetResponses(Builder builder) {
        this.prefix = builder.prefix;
        this.prefixSlash = builder.prefix + "/";
        String cors = builder.corsOrigin;
        this.options = ALLOW_ONLY;
        this.preflight = cors == null ? ALLOW_ONLY : HeaderBlock.builder()
                .add(HeaderField.ALLOW, ALLOW)
                .add(HeaderField.ACCESS_CONTROL_ALLOW_ORIGIN, cors)
                .add(HeaderField.ACCESS_CONTROL_ALLOW_METHODS, ALLOW)
                .add(HeaderField.ACCESS_CONTROL_ALLOW_HEADERS,
                        builder.corsAllowedHeaders.isEmpty() ? null : builder.corsAllowedHeaders)
                .add(HeaderField.ACCESS_CONTROL_MAX_AGE, "86400")
                .build();
        this.resources = prepare(builder);
    }

    public static Builder builder(AssetBundle bundle) {
        return new Builder(bundle);
    }

    /** The URL path assets are served under, without a trailing slash ({@code ""} for the root). */
    public String prefix() {
        return prefix;
    }

    /**
     * Answers one request.
     *
     * @param path the request's path relative to the mount point, percent-decoded once (an encoded
     *     slash may stay encoded), without the query
     * @param method the request method, as sent
     */
    public <X> void respond(X exchange, String path, String method, Container<X> container) throws Exception {
        Resource resource = resources.get(path); // keyed by the whole path: no substring per request
        if (resource == null) {
            unknown(exchange, path, container);
            return;
        }
        boolean head = method.equals("HEAD");
        if (!head && !method.equals("GET")) {
            if (method.equals("OPTIONS")) {
                boolean isPreflight = container.header(exchange, HeaderField.ORIGIN) != null
                        && container.header(exchange, HeaderField.ACCESS_CONTROL_REQUEST_METHOD) != null;
                container.answer(exchange, 204, isPreflight ? preflight : options, null, null);
            } else {
                container.answer(exchange, 405, ALLOW_ONLY, null, null);
            }
            return;
        }
        if (resource.redirect() != null) {
            container.answer(exchange, 302, REDIRECT, HeaderField.LOCATION,
                    container.mountPath(exchange) + resource.redirect());
            return;
        }
        Representation representation = ContentNegotiation.choose(
                container.headers(exchange, HeaderField.ACCEPT_ENCODING), resource.representations());
        if (representation == null) {
            container.answer(exchange, 406, resource.errors(), null, null);
            return;
        }
        // RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since is not even read then.
        List<String> ifNoneMatch = container.headers(exchange, HeaderField.IF_NONE_MATCH);
        if (ifNoneMatch != null
                ? Preconditions.noneMatchFails(ifNoneMatch, representation)
                : Preconditions.notModifiedSince(container.header(exchange, HeaderField.IF_MODIFIED_SINCE),
                        resource.lastModifiedSecond())) {
            container.answer(exchange, 304, representation.notModified(), null, null);
            return;
        }
        // RFC 9110 §14.2: GET is the only method with range handling; HEAD gets the 200 headers.
        String rangeHeader = head ? null : container.header(exchange, HeaderField.RANGE);
        if (rangeHeader == null || !Preconditions.ifRangeHolds(container.header(exchange, HeaderField.IF_RANGE),
                representation, resource.lastModifiedSecond())) {
            container.send(exchange, representation, null, head);
            return;
        }
        RangeRequest range = RangeRequest.of(rangeHeader, representation.length());
        if (range instanceof RangeRequest.Partial partial) {
            container.send(exchange, representation, partial.range(), false);
        } else if (range instanceof RangeRequest.Unsatisfiable) {
            // An error about this request, not the asset: no caching headers, nothing to store.
            container.answer(exchange, 416, resource.rangeErrors(), HeaderField.CONTENT_RANGE,
                    "bytes */" + representation.length());
        } else {
            container.send(exchange, representation, null, false);
        }
    }

    /** A path with no resource: 400 when it could never be a bundle path, else the next handler. */
    private <X> void unknown(X exchange, String path, Container<X> container) throws Exception {
        if (!path.startsWith(prefixSlash)) {
            container.next(exchange);
            return;
        }
        int relative = path.length() - prefixSlash.length();
        if (relative > MAX_PATH_LENGTH || relative > 0 && !AssetPaths.isSafe(path.substring(prefixSlash.length()))) {
            // '..', '//', backslash, NUL...: never a bundle path, and not the app's business.
            container.answer(exchange, 400, HeaderBlock.EMPTY, null, null);
        } else {
            container.next(exchange);
        }
    }

    // ---- preparation ---------------------------------------------------------------------------

    private Map<String, Resource> prepare(Builder builder) {
        Map<String, Resource> prepared = new HashMap<>();
        for (AssetBundle.LoadedAsset asset : builder.bundle.loadedAssets()) {
            AssetEntry entry = asset.entry();
            prepared.put(prefixSlash + entry.path(), resource(asset, IMMUTABLE, builder.corsOrigin));
            if (asset.logicalPath() != null) {
                switch (builder.logicalPaths) {
                    case SERVE -> prepared.put(prefixSlash + asset.logicalPath(),
                            resource(asset, NO_CACHE, builder.corsOrigin));
                    case REDIRECT -> prepared.put(prefixSlash + asset.logicalPath(), new Resource(null, null, null,
                            asset.buildTime().getEpochSecond(), prefixSlash + entry.path()));
                    case DENY -> { }
                }
            }
        }
        return Map.copyOf(prepared);
    }

    private static Resource resource(AssetBundle.LoadedAsset asset, String cacheControl, String cors) {
        AssetEntry entry = asset.entry();
        String vary = entry.encodings().isEmpty() ? null : HeaderField.ACCEPT_ENCODING.text();
        Instant lastModified = asset.buildTime();
        List<Representation> representations = new ArrayList<>();
        representations.add(representation(entry, null, asset.identity(), asset.regions().get(entry.path()),
                entry.sha256(), cacheControl, vary, lastModified, cors));
        for (Map.Entry<ContentEncoding, EncodedVariant> variant : entry.encodings().entrySet()) {
            representations.add(representation(entry, variant.getKey(), asset.variants().get(variant.getKey()),
                    asset.regions().get(variant.getValue().path()), variant.getValue().sha256(), cacheControl,
                    vary, lastModified, cors));
        }
        HeaderBlock errors = HeaderBlock.builder()
                .add(HeaderField.VARY, vary)
                .add(HeaderField.ACCESS_CONTROL_ALLOW_ORIGIN, cors)
                .build();
        HeaderBlock rangeErrors = HeaderBlock.builder()
                .add(HeaderField.ACCEPT_RANGES, "bytes")
                .add(HeaderField.VARY, vary)
                .add(HeaderField.ACCESS_CONTROL_ALLOW_ORIGIN, cors)
                .build();
        return new Resource(representations.toArray(Representation[]::new), errors, rangeErrors,
                lastModified.getEpochSecond(), null);
    }

    private static Representation representation(AssetEntry entry, ContentEncoding encoding, ByteBuffer body,
            AssetBundle.FileRegion region, String sha256, String cacheControl, String vary, Instant lastModified,
            String cors) {
        // Each variant's own hash: a strong tag must differ between encodings (RFC 9110 §8.8.3).
        String etag = "\"" + sha256 + "\"";
        String exposed = cors == null ? null : "Content-Range, Accept-Ranges, ETag";
        HeaderBlock ok = HeaderBlock.builder()
                .add(HeaderField.CONTENT_TYPE, entry.type())
                .add(HeaderField.CONTENT_ENCODING, encoding == null ? null : encoding.token())
                .add(HeaderField.CACHE_CONTROL, cacheControl)
                .add(HeaderField.ETAG, etag)
                .add(HeaderField.LAST_MODIFIED, Preconditions.formatDate(lastModified))
                .add(HeaderField.VARY, vary)
                .add(HeaderField.ACCEPT_RANGES, "bytes")
                .add(HeaderField.X_CONTENT_TYPE_OPTIONS, "nosniff")
                .add(HeaderField.ACCESS_CONTROL_ALLOW_ORIGIN, cors)
                .add(HeaderField.ACCESS_CONTROL_EXPOSE_HEADERS, exposed)
                .add(HeaderField.CONTENT_LENGTH, Integer.toString(body.remaining()))
                .build();
        // RFC 9110 §15.4.5: the fields a 200 would carry that guide caches; no representation metadata.
        HeaderBlock notModified = HeaderBlock.builder()
                .add(HeaderField.CACHE_CONTROL, cacheControl)
                .add(HeaderField.ETAG, etag)
                .add(HeaderField.VARY, vary)
                .add(HeaderField.ACCESS_CONTROL_ALLOW_ORIGIN, cors)
                .add(HeaderField.ACCESS_CONTROL_EXPOSE_HEADERS, exposed)
                .build();
        return new Representation(encoding, body, etag, sha256, ok, notModified, region);
    }

    /**
     * Configures an {@link AssetResponses}; every setting has a default. The Undertow handler's
     * and the servlet's builders offer the same settings through {@link AdapterBuilder}.
     */
    public static final class Builder {
        private final AssetBundle bundle;
        private String prefix = "/assets";
        private LogicalPathPolicy logicalPaths = LogicalPathPolicy.SERVE;
        private String corsOrigin = "*";
        private String corsAllowedHeaders = String.join(", ", DEFAULT_CORS_ALLOWED_HEADERS);

        private Builder(AssetBundle bundle) {
            this.bundle = Objects.requireNonNull(bundle, "bundle");
        }

        /**
         * URL path under which assets are served, default {@code /assets}; {@code ""} serves from
         * the mount point's root.
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

        public AssetResponses build() {
            return new AssetResponses(this);
        }
    }
}
