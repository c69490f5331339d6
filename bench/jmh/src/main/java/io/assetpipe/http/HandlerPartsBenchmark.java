package io.assetpipe.http;

import io.assetpipe.manifest.ContentEncoding;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.util.Arrays;
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
 * The in-memory steps of {@link AssetResponses}'s request path, one by one: encoding negotiation
 * (memo hit, fresh header string, memo miss), the If-None-Match comparison and writing the
 * prepared header block into Undertow's {@link HeaderMap} as {@code AssetHandler} does. Lives in
 * {@code io.assetpipe.http} to reach the package-private seams ({@link ContentNegotiation},
 * {@link Preconditions}): the If-None-Match steps are its two paths, the exact-string fast path and
 * the entity-tag list parser it falls back to.
 *
 * <p>Representations mirror the 2 KB script of the bench bundle: identity 2107 bytes, br 790,
 * gzip 902, zstd 870, with the header block {@code AssetResponses} prepares for it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HandlerPartsBenchmark {
    private static final String TAG = "c8ebcf98a081432007757455ed7e9b7675cc323920ff57eb8cefffe41976cf7d";
    /** Undertow's header names by {@link HeaderField#ordinal()}, as {@code AssetHandler} maps them. */
    private static final HttpString[] NAMES = Arrays.stream(HeaderField.values())
            .map(field -> HttpString.tryFromString(field.text())).toArray(HttpString[]::new);

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
        HeaderBlock ok = HeaderBlock.builder()
                .add(HeaderField.CONTENT_TYPE, "text/javascript; charset=utf-8")
                .add(HeaderField.CONTENT_ENCODING, encoding == null ? null : encoding.token())
                .add(HeaderField.CACHE_CONTROL, AssetResponses.IMMUTABLE)
                .add(HeaderField.ETAG, etag)
                .add(HeaderField.LAST_MODIFIED, "Thu, 01 Jan 2026 00:00:00 GMT")
                .add(HeaderField.VARY, HeaderField.ACCEPT_ENCODING.text())
                .add(HeaderField.ACCEPT_RANGES, "bytes")
                .build();
        HeaderBlock notModified = HeaderBlock.builder()
                .add(HeaderField.CACHE_CONTROL, AssetResponses.IMMUTABLE)
                .add(HeaderField.ETAG, etag)
                .add(HeaderField.VARY, HeaderField.ACCEPT_ENCODING.text())
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

    /** A memo miss: what parsing one header costs (the q-value parse and the weights). */
    @Benchmark
    public Representation negotiateBrowserParse() {
        return ContentNegotiation.best(ContentNegotiation.Weights.parse(acceptBrowser), representations);
    }

    /** The general path: the entity-tag list parser with weak comparison. */
    @Benchmark
    public boolean ifNoneMatch() {
        return Preconditions.listsTag(ifNoneMatch.get(0), gzip.tag());
    }

    /** The fast path: compare the header with the prepared quoted tag (the case browsers send). */
    @Benchmark
    public boolean ifNoneMatchFastPath() {
        return ifNoneMatch.get(0).equals(gzip.etag());
    }

    @Benchmark
    public HeaderMap writeOkHeaders() {
        HeaderMap map = new HeaderMap();
        HeaderBlock ok = gzip.ok();
        for (int i = 0; i < ok.size(); i++) {
            map.put(NAMES[ok.name(i).ordinal()], ok.value(i));
        }
        return map;
    }

    @Benchmark
    public HeaderMap emptyHeaderMap() {
        return new HeaderMap();
    }
}
