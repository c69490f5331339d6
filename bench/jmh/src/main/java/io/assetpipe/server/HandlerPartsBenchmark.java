package io.assetpipe.server;

import io.assetpipe.manifest.ContentEncoding;
import io.undertow.util.ETag;
import io.undertow.util.ETagUtils;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-memory steps of {@link AssetHandler}'s request path, one by one: encoding negotiation
 * (memo hit, fresh header string, memo miss),
 * the If-None-Match comparison and writing the prepared header list into Undertow's
 * {@link HeaderMap}. Lives in {@code io.assetpipe.server} to reach the package-private seams
 * ({@link ContentNegotiation}, {@link Representation}). {@code AssetHandler.notModified} is private,
 * so the If-None-Match steps repeat its two paths: the exact-string fast path and Undertow's general
 * list parser it falls back to.
 *
 * <p>Representations mirror the 2 KB script of the bench bundle: identity 2107 bytes, br 790,
 * gzip 902, zstd 870, with the header list {@code AssetHandler} prepares for it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HandlerPartsBenchmark {
    private static final String TAG = "c8ebcf98a081432007757455ed7e9b7675cc323920ff57eb8cefffe41976cf7d";

    private Representation[] representations;
    private Representation gzip;
    private final List<String> acceptGzip = List.of("gzip");
    private final List<String> acceptBrowser = List.of("gzip, deflate, br, zstd");
    private final List<String> ifNoneMatch = List.of("\"" + TAG + "\"");
    private final char[] browserChars = acceptBrowser.get(0).toCharArray();

    @Setup
    public void setUp() {
        representations = new Representation[] {
            representation(null, 2107), representation(ContentEncoding.BR, 790),
            representation(ContentEncoding.GZIP, 902), representation(ContentEncoding.ZSTD, 870),
        };
        gzip = representations[2];
    }

    private static Representation representation(ContentEncoding encoding, int size) {
        String etag = "\"" + TAG + "\"";
        Representation.Headers ok = Representation.Headers.builder()
                .add(Headers.CONTENT_TYPE, "text/javascript; charset=utf-8")
                .add(Headers.CONTENT_ENCODING, encoding == null ? null : encoding.token())
                .add(Headers.CACHE_CONTROL, AssetHandler.IMMUTABLE)
                .add(Headers.ETAG, etag)
                .add(Headers.LAST_MODIFIED, "Thu, 01 Jan 2026 00:00:00 GMT")
                .add(Headers.VARY, Headers.ACCEPT_ENCODING_STRING)
                .add(Headers.ACCEPT_RANGES, "bytes")
                .build();
        Representation.Headers notModified = Representation.Headers.builder()
                .add(Headers.CACHE_CONTROL, AssetHandler.IMMUTABLE)
                .add(Headers.ETAG, etag)
                .add(Headers.VARY, Headers.ACCEPT_ENCODING_STRING)
                .build();
        ByteBuffer body = ByteBuffer.allocateDirect(size).asReadOnlyBuffer();
        return new Representation(encoding, body, etag, TAG, ok, notModified, null); // no jar region: from memory
    }

    @Benchmark
    public Representation negotiateNoHeader() {
        return ContentNegotiation.choose(null, representations);
    }

    @Benchmark
    public Representation negotiateGzip() {
        return ContentNegotiation.choose(acceptGzip, representations);
    }

    @Benchmark
    public Representation negotiateBrowser() {
        return ContentNegotiation.choose(acceptBrowser, representations);
    }

    /**
     * A memo hit as on a real request: the header value arrives as a new String, so its hash is
     * computed each time.
     */
    @Benchmark
    public Representation negotiateBrowserNewString() {
        return ContentNegotiation.choose(List.of(new String(browserChars)), representations);
    }

    /** A memo miss: what parsing one header costs (Undertow's QValueParser + the weights). */
    @Benchmark
    public Representation negotiateBrowserParse() {
        return ContentNegotiation.best(ContentNegotiation.Weights.parse(acceptBrowser), representations);
    }

    /** The general path: Undertow's ETag list parser with weak comparison. */
    @Benchmark
    public boolean ifNoneMatch() {
        ETag ours = new ETag(false, gzip.tag());
        for (String value : ifNoneMatch) {
            if (value.trim().equals("*") || !ETagUtils.handleIfNoneMatch(value, ours, true)) {
                return true;
            }
        }
        return false;
    }

    /** The fast path: compare the header with the prepared quoted tag (the case browsers send). */
    @Benchmark
    public boolean ifNoneMatchFastPath() {
        return ifNoneMatch.get(0).equals(gzip.etag());
    }

    @Benchmark
    public HeaderMap writeOkHeaders() {
        HeaderMap map = new HeaderMap();
        gzip.ok().applyTo(map);
        return map;
    }

    @Benchmark
    public HeaderMap emptyHeaderMap() {
        return new HeaderMap();
    }
}
