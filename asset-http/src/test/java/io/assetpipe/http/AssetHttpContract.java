package io.assetpipe.http;

import static io.assetpipe.manifest.ContentEncoding.BR;
import static io.assetpipe.manifest.ContentEncoding.GZIP;
import static io.assetpipe.manifest.ContentEncoding.ZSTD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.ContentEncoding;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every HTTP behaviour of {@link AssetResponses}, against a real server on an ephemeral port with
 * a real client: each container adapter (the Undertow handler, the servlet on Tomcat and on Jetty)
 * runs this same suite by extending it and starting its server in {@link #start}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AssetHttpContract {
    static final String LAST_MODIFIED = "Thu, 01 Jan 2026 00:00:00 GMT";
    static final byte[] CSS = "body{margin:0}\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] OLD_JS = "window.old = true;\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path temp;

    static byte[] jquery;
    static AssetManifest manifest;
    static AssetEntry js;
    static AssetEntry css;
    static AssetEntry retired;
    static Map<String, byte[]> files;
    TestServer server;

    /** A real server of this adapter on an ephemeral port, serving {@code bundles} under {@code /assets}. */
    protected abstract TestServer start(List<Path> bundles, String corsOrigin, LogicalPathPolicy policy)
            throws Exception;

    @BeforeAll
    void startServer() throws Exception {
        jquery = TestBundles.jquery();
        TestBundles.Builder site = TestBundles.builder()
                .add("js/jquery.js", "text/javascript; charset=utf-8", jquery, BR, GZIP, ZSTD)
                .add("css/site.css", "text/css; charset=utf-8", CSS)
                .add("txt/empty.txt", "text/plain; charset=utf-8", new byte[0])
                .retire("js/jquery.js", "text/javascript; charset=utf-8", OLD_JS);
        manifest = site.manifest();
        js = manifest.assets().get("js/jquery.js");
        css = manifest.assets().get("css/site.css");
        retired = manifest.retired().values().iterator().next();
        files = site.files();
        Path jar = site.writeJar(temp.resolve("site-assets.jar"));
        server = start(List.of(jar), "*", LogicalPathPolicy.SERVE);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    static String url(AssetEntry entry) {
        return "/assets/" + entry.path();
    }

    static String etag(String sha256) {
        return "\"" + sha256 + "\"";
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** Equal media types: Tomcat drops the optional whitespace before a parameter (RFC 9110 §5.6.6). */
    static void assertMediaType(String expected, String actual) {
        assertEquals(expected, actual == null ? null : actual.replace(";charset", "; charset"));
    }

    /**
     * Whether the container answers TRACE itself, before any servlet sees it (Tomcat's default:
     * 405 with its own Allow), as an application on it would be answered.
     */
    protected boolean containerAnswersTrace() {
        return false;
    }

    /** A status line of any HTTP/1.x version with this status, the reason phrase optional (RFC 9112 §4). */
    static String statusLine(int status) {
        return "HTTP/1\\.[01] " + status + "[^\\r]*\\r\\n";
    }

    // ---- 200 and its headers -------------------------------------------------------------------

    @Test
    void fingerprintedPathIsServedImmutableWithEveryHeader() {
        HttpResponse<byte[]> response = server.get(url(js));
        assertEquals(200, response.statusCode());
        assertArrayEquals(jquery, response.body());
        assertMediaType("text/javascript; charset=utf-8", header(response, "Content-Type"));
        assertEquals("public, max-age=31536000, immutable", header(response, "Cache-Control"));
        assertEquals(etag(js.sha256()), header(response, "ETag"));
        assertEquals(LAST_MODIFIED, header(response, "Last-Modified"));
        assertEquals("Accept-Encoding", header(response, "Vary"));
        assertEquals("nosniff", header(response, "X-Content-Type-Options"));
        assertEquals("*", header(response, "Access-Control-Allow-Origin"));
        assertEquals("bytes", header(response, "Accept-Ranges"));
        assertEquals(String.valueOf(jquery.length), header(response, "Content-Length"));
        assertNull(header(response, "Content-Encoding"), "no Accept-Encoding: identity");
    }

    @Test
    void anAssetWithoutVariantsHasNoVary() {
        HttpResponse<byte[]> response = server.get(url(css), "Accept-Encoding", "gzip, br, zstd");
        assertEquals(200, response.statusCode());
        assertArrayEquals(CSS, response.body());
        assertNull(header(response, "Vary"));
        assertNull(header(response, "Content-Encoding"));
        assertMediaType("text/css; charset=utf-8", header(response, "Content-Type"));
    }

    @Test
    void headSendsTheGetHeadersAndNoBody() throws IOException {
        for (String encoding : List.of("identity", "br", "gzip", "zstd")) {
            HttpResponse<byte[]> get = server.get(url(js), "Accept-Encoding", encoding);
            HttpResponse<byte[]> head = server.head(url(js), "Accept-Encoding", encoding);
            assertEquals(200, head.statusCode());
            assertEquals(0, head.body().length);
            for (String name : List.of("Content-Type", "Content-Encoding", "Content-Length", "Cache-Control", "ETag",
                    "Last-Modified", "Vary", "X-Content-Type-Options", "Access-Control-Allow-Origin", "Accept-Ranges")) {
                assertEquals(header(get, name), header(head, name), encoding + " " + name);
            }
        }
        // On the wire: the Content-Length of the representation and not one byte after the head.
        RawHttp.Response raw = RawHttp.send(server.port,
                "HEAD " + url(js) + " HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br\r\nConnection: close\r\n\r\n");
        assertEquals(String.valueOf(js.encodings().get(BR).size()), raw.header("Content-Length"));
        assertEquals(0, raw.body().length);
        // HEAD ignores Range (RFC 9110 §14.2: GET is the only method with range handling).
        assertEquals(200, server.head(url(js), "Range", "bytes=0-9").statusCode());
    }

    // ---- negotiation ---------------------------------------------------------------------------

    static ContentEncoding smallest() {
        return js.encodings().entrySet().stream()
                .min((a, b) -> Long.compare(a.getValue().size(), b.getValue().size()))
                .orElseThrow().getKey();
    }

    @ParameterizedTest(name = "Accept-Encoding: \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
        "gzip, deflate, br, zstd | SMALLEST",
        "* | SMALLEST",
        "gzip | gzip",
        "GZIP | gzip",
        "br | br",
        "zstd | zstd",
        "gzip;q=0, br | br",
        "br;q=0.5, gzip | gzip",
        "br;q=0.5, gzip;q=0.8, zstd;q=0.1 | gzip",
        "gzip;q=0.5, *;q=0.9 | SMALLEST_BUT_GZIP",
        "identity | identity",
        "'' | identity",
        "deflate | identity",
        "br;q=0, gzip;q=0, zstd;q=0 | identity",
        "*;q=0, identity | identity",
        "identity;q=0, gzip | gzip",
        "identity;q=0.5, gzip;q=0.4 | identity",
        "*;q=0 | 406",
        "identity;q=0 | 406",
        "identity;q=0, deflate | 406",
    })
    void chooseTheVariantByQValueThenSize(String acceptEncoding, String expected) throws IOException {
        HttpResponse<byte[]> response = server.get(url(js), "Accept-Encoding", acceptEncoding);
        assertEquals("Accept-Encoding", header(response, "Vary"), "Vary on every response, 406 included");
        if (expected.equals("406")) {
            assertEquals(406, response.statusCode());
            return;
        }
        String token = switch (expected) {
            case "SMALLEST" -> smallest().token();
            case "SMALLEST_BUT_GZIP" -> js.encodings().entrySet().stream()
                    .filter(e -> e.getKey() != GZIP)
                    .min((a, b) -> Long.compare(a.getValue().size(), b.getValue().size()))
                    .orElseThrow().getKey().token();
            default -> expected;
        };
        assertEquals(200, response.statusCode());
        Optional<ContentEncoding> encoding = ContentEncoding.fromToken(token);
        assertEquals(encoding.map(ContentEncoding::token).orElse(null), header(response, "Content-Encoding"));
        String sha = encoding.map(e -> js.encodings().get(e).sha256()).orElse(js.sha256());
        assertEquals(etag(sha), header(response, "ETag"));
        byte[] body = response.body();
        assertEquals(String.valueOf(body.length), header(response, "Content-Length"));
        assertArrayEquals(encoding.map(e -> files.get(js.encodings().get(e).path())).orElse(jquery), body);
        assertArrayEquals(jquery, TestBundles.decode(encoding.orElse(null), body, jquery.length), "decodes to the original");
    }

    @Test
    void answersStayTheSameOnceAValueIsRememberedAndAfterTheMemoStartsOver() {
        Map<String, String> expected = Map.of("gzip", "200 gzip", "br;q=0.5, gzip", "200 gzip",
                "identity;q=0", "406 null", "deflate", "200 null", "br", "200 br");
        for (int round = 0; round < 2; round++) { // the second round answers from the memo
            expected.forEach((value, answer) -> assertEquals(answer, encodingAnswer(value), value));
        }
        for (int i = 0; i <= ContentNegotiation.MEMO_SIZE; i++) { // more distinct values than it holds
            assertEquals("200 br", encodingAnswer("x-coding-" + i + ", br"));
        }
        expected.forEach((value, answer) -> assertEquals(answer, encodingAnswer(value), value));
    }

    String encodingAnswer(String acceptEncoding) {
        HttpResponse<byte[]> response = server.get(url(js), "Accept-Encoding", acceptEncoding);
        return response.statusCode() + " " + header(response, "Content-Encoding");
    }

    @Test
    void anAssetWithoutVariantsIs406OnlyWhenIdentityIsRefused() {
        assertEquals(406, server.get(url(css), "Accept-Encoding", "identity;q=0").statusCode());
        assertEquals(406, server.get(url(css), "Accept-Encoding", "gzip, *;q=0").statusCode());
        assertEquals(200, server.get(url(css), "Accept-Encoding", "br;q=0").statusCode());
    }

    @Test
    void repeatedAcceptEncodingFieldsAreOneList() {
        HttpResponse<byte[]> response = server.get(url(js), "Accept-Encoding", "br;q=0, zstd;q=0",
                "Accept-Encoding", "gzip");
        assertEquals("gzip", header(response, "Content-Encoding"));
    }

    @Test
    void anEmptyAssetHasZeroLengthAndNoSatisfiableRange() throws IOException {
        String path = "/assets/" + manifest.assets().get("txt/empty.txt").path();
        RawHttp.Response raw = RawHttp.send(server.port, RawHttp.get(path));
        assertEquals(200, raw.status());
        assertEquals("0", raw.header("Content-Length"));
        assertEquals(0, raw.body().length);
        HttpResponse<byte[]> range = server.get(path, "Range", "bytes=0-");
        assertEquals(416, range.statusCode());
        assertEquals("bytes */0", header(range, "Content-Range"));
    }

    @Test
    void everyRepresentationHasItsOwnStrongEtag() {
        Set<String> tags = new HashSet<>();
        for (String encoding : List.of("identity", "br", "gzip", "zstd")) {
            String tag = header(server.get(url(js), "Accept-Encoding", encoding), "ETag");
            assertTrue(tag.startsWith("\"") && !tag.startsWith("W/"), tag);
            tags.add(tag);
        }
        assertEquals(4, tags.size(), tags.toString());
    }

    // ---- conditional requests ------------------------------------------------------------------

    @Test
    void ifNoneMatchGives304WithTheCacheHeadersOnly() throws IOException {
        String tag = etag(js.encodings().get(BR).sha256());
        RawHttp.Response raw = RawHttp.send(server.port, "GET " + url(js) + " HTTP/1.1\r\nHost: x\r\n"
                + "Accept-Encoding: br\r\nIf-None-Match: " + tag + "\r\nConnection: close\r\n\r\n");
        assertEquals(304, raw.status());
        assertEquals(tag, raw.header("ETag"));
        assertEquals("public, max-age=31536000, immutable", raw.header("Cache-Control"));
        assertEquals("Accept-Encoding", raw.header("Vary"));
        assertEquals("*", raw.header("Access-Control-Allow-Origin"));
        assertNull(raw.header("Content-Type"));
        assertNull(raw.header("Content-Encoding"));
        assertNull(raw.header("Content-Length"));
        assertEquals(0, raw.body().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TAG", "\"other\", TAG", "W/TAG", "\"a\",W/TAG ,\"b\"", "*"})
    void ifNoneMatchUsesWeakComparisonOverLists(String header) {
        String tag = etag(js.encodings().get(GZIP).sha256());
        HttpResponse<byte[]> response = server.get(url(js), "Accept-Encoding", "gzip",
                "If-None-Match", header.replace("TAG", tag));
        assertEquals(304, response.statusCode());
        assertEquals(tag, header(response, "ETag"));
        assertEquals(0, response.body().length);
    }

    @Test
    void anotherVariantsEtagDoesNotMatch() {
        String identityTag = etag(js.sha256());
        HttpResponse<byte[]> response = server.get(url(js), "Accept-Encoding", "gzip", "If-None-Match", identityTag);
        assertEquals(200, response.statusCode());
        assertEquals("gzip", header(response, "Content-Encoding"));
    }

    @Test
    void ifModifiedSinceUsesTheBuildTimeAndLosesToIfNoneMatch() {
        assertEquals(304, server.get(url(css), "If-Modified-Since", LAST_MODIFIED).statusCode());
        assertEquals(304, server.get(url(css), "If-Modified-Since", "Fri, 02 Jan 2026 00:00:00 GMT").statusCode());
        assertEquals(200, server.get(url(css), "If-Modified-Since", "Wed, 31 Dec 2025 23:59:59 GMT").statusCode());
        assertEquals(200, server.get(url(css), "If-Modified-Since", "not a date").statusCode());
        // If-None-Match present and not matching: If-Modified-Since is not even looked at.
        assertEquals(200, server.get(url(css), "If-None-Match", "\"nope\"", "If-Modified-Since", LAST_MODIFIED)
                .statusCode());
        assertEquals(304, server.get(url(css), "If-None-Match", etag(css.sha256()),
                "If-Modified-Since", "Wed, 31 Dec 2025 23:59:59 GMT").statusCode());
    }

    // ---- ranges --------------------------------------------------------------------------------

    @Test
    void aSingleRangeGives206OfTheSelectedVariant() {
        long length = jquery.length;
        HttpResponse<byte[]> first = server.get(url(js), "Range", "bytes=0-99");
        assertEquals(206, first.statusCode());
        assertEquals("bytes 0-99/" + length, header(first, "Content-Range"));
        assertEquals("100", header(first, "Content-Length"));
        assertArrayEquals(Arrays.copyOfRange(jquery, 0, 100), first.body());
        assertEquals("Accept-Encoding", header(first, "Vary"));
        assertEquals(etag(js.sha256()), header(first, "ETag"));

        HttpResponse<byte[]> suffix = server.get(url(js), "Range", "bytes=-100");
        assertEquals("bytes " + (length - 100) + "-" + (length - 1) + "/" + length, header(suffix, "Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(jquery, (int) length - 100, (int) length), suffix.body());

        HttpResponse<byte[]> open = server.get(url(js), "Range", "bytes=1000-");
        assertArrayEquals(Arrays.copyOfRange(jquery, 1000, (int) length), open.body());

        HttpResponse<byte[]> beyond = server.get(url(js), "Range", "bytes=10-999999999");
        assertEquals("bytes 10-" + (length - 1) + "/" + length, header(beyond, "Content-Range"));

        byte[] br = files.get(js.encodings().get(BR).path());
        HttpResponse<byte[]> compressed = server.get(url(js), "Accept-Encoding", "br", "Range", "bytes=5-14");
        assertEquals(206, compressed.statusCode());
        assertEquals("br", header(compressed, "Content-Encoding"));
        assertEquals("bytes 5-14/" + br.length, header(compressed, "Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(br, 5, 15), compressed.body());
    }

    @Test
    void anUnsatisfiableRangeGives416() {
        HttpResponse<byte[]> response = server.get(url(js), "Accept-Encoding", "gzip",
                "Range", "bytes=" + js.encodings().get(GZIP).size() + "-");
        assertEquals(416, response.statusCode());
        assertEquals("bytes */" + js.encodings().get(GZIP).size(), header(response, "Content-Range"));
        assertEquals("Accept-Encoding", header(response, "Vary"));
        assertEquals("*", header(response, "Access-Control-Allow-Origin"));
        assertEquals("0", header(response, "Content-Length"));
        assertNull(header(response, "Cache-Control"), "an error about the request is not cached for a year");
        assertNull(header(response, "ETag"));
        assertNull(header(response, "Content-Encoding"));
        assertEquals(0, response.body().length);
        assertEquals(416, server.get(url(js), "Range", "bytes=-0").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-1,5-6", "bytes=0-1, 3-4", "bytes=0-,-5"})
    void severalRangesGiveTheFullRepresentation(String range) {
        HttpResponse<byte[]> response = server.get(url(js), "Range", range);
        assertEquals(200, response.statusCode());
        assertNull(header(response, "Content-Range"));
        assertArrayEquals(jquery, response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=abc", "items=0-5", "bytes=5-1", "bytes="})
    void anInvalidRangeIsIgnored(String range) {
        HttpResponse<byte[]> response = server.get(url(css), "Range", range);
        assertEquals(200, response.statusCode());
        assertArrayEquals(CSS, response.body());
    }

    @Test
    void ifRangeAppliesTheRangeOnlyForTheCurrentRepresentation() {
        String gzipTag = etag(js.encodings().get(GZIP).sha256());
        assertEquals(206, server.get(url(js), "Accept-Encoding", "gzip", "Range", "bytes=0-9",
                "If-Range", gzipTag).statusCode());
        assertEquals(206, server.get(url(js), "Range", "bytes=0-9", "If-Range", LAST_MODIFIED).statusCode());
        // Another variant's tag, a weak tag, an older date: the whole representation.
        for (String ifRange : List.of(gzipTag, "W/" + etag(js.sha256()), "\"stale\"", "Wed, 31 Dec 2025 23:59:59 GMT")) {
            HttpResponse<byte[]> response = server.get(url(js), "Range", "bytes=0-9", "If-Range", ifRange);
            assertEquals(200, response.statusCode(), ifRange);
            assertArrayEquals(jquery, response.body());
        }
    }

    // ---- logical and retired paths -------------------------------------------------------------

    @Test
    void logicalPathsAreServedWithNoCacheByDefault() {
        HttpResponse<byte[]> response = server.get("/assets/js/jquery.js", "Accept-Encoding", "gzip");
        assertEquals(200, response.statusCode());
        assertEquals("no-cache", header(response, "Cache-Control"));
        assertEquals(etag(js.encodings().get(GZIP).sha256()), header(response, "ETag"));
        assertEquals("Accept-Encoding", header(response, "Vary"));
        HttpResponse<byte[]> revalidated = server.get("/assets/js/jquery.js", "Accept-Encoding", "gzip",
                "If-None-Match", header(response, "ETag"));
        assertEquals(304, revalidated.statusCode());
        assertEquals("no-cache", header(revalidated, "Cache-Control"));
    }

    @Test
    void logicalPathPoliciesRedirectAndDeny() throws Exception {
        Path jar = TestBundles.builder()
                .add("js/jquery.js", "text/javascript; charset=utf-8", jquery, GZIP)
                .writeJar(temp.resolve("policies-assets.jar"));
        String fingerprinted = TestBundles.fingerprint("js/jquery.js", js.sha256());
        try (TestServer redirect = start(List.of(jar), "*", LogicalPathPolicy.REDIRECT)) {
            HttpResponse<byte[]> response = redirect.get("/assets/js/jquery.js");
            assertEquals(302, response.statusCode());
            assertEquals("/assets/" + fingerprinted, header(response, "Location"));
            assertEquals(200, redirect.get("/assets/" + fingerprinted).statusCode());
        }
        try (TestServer deny = start(List.of(jar), "*", LogicalPathPolicy.DENY)) {
            assertEquals(404, deny.get("/assets/js/jquery.js").statusCode());
            assertEquals(200, deny.get("/assets/" + fingerprinted).statusCode());
        }
    }

    @Test
    void retiredAssetsAreServedByFingerprintOnly() {
        HttpResponse<byte[]> response = server.get(url(retired));
        assertEquals(200, response.statusCode());
        assertArrayEquals(OLD_JS, response.body());
        assertEquals("public, max-age=31536000, immutable", header(response, "Cache-Control"));
        assertArrayEquals(jquery, server.get("/assets/js/jquery.js").body(), "the logical path is the current file");
    }

    @Test
    void variantFilesAndUnknownPathsAre404() {
        assertEquals(404, server.get("/assets/" + js.encodings().get(GZIP).path()).statusCode());
        assertEquals(404, server.get("/assets/manifest.json").statusCode());
        assertEquals(404, server.get("/assets/js/nothing.js").statusCode());
        assertEquals(404, server.get("/assets/").statusCode());
        assertEquals(404, server.get("/assets").statusCode());
        assertEquals(404, server.get("/" + js.path()).statusCode());
    }

    // ---- methods and CORS ----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND"})
    void otherMethodsGet405WithAllow(String method) {
        HttpResponse<byte[]> response = server.method(method, url(js));
        assertEquals(405, response.statusCode());
        if (!(method.equals("TRACE") && containerAnswersTrace())) {
            assertEquals("GET, HEAD, OPTIONS", header(response, "Allow"));
        }
    }

    @Test
    void optionsGives204WithAllowAndAnswersCorsPreflight() {
        HttpResponse<byte[]> plain = server.method("OPTIONS", url(js));
        assertEquals(204, plain.statusCode());
        assertEquals("GET, HEAD, OPTIONS", header(plain, "Allow"));
        assertNull(header(plain, "Access-Control-Allow-Methods"));

        HttpResponse<byte[]> preflight = server.method("OPTIONS", url(js), "Origin", "https://app.example",
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "range");
        assertEquals(204, preflight.statusCode());
        assertEquals("*", header(preflight, "Access-Control-Allow-Origin"));
        assertEquals("GET, HEAD, OPTIONS", header(preflight, "Access-Control-Allow-Methods"));
        Text.that(header(preflight, "Access-Control-Allow-Headers")).contains("Range");
        assertEquals("86400", header(preflight, "Access-Control-Max-Age"));
    }

    @Test
    void corsCanBeSwitchedOffOrPinnedToAnOrigin() throws Exception {
        Path jar = TestBundles.builder().add("css/site.css", "text/css; charset=utf-8", CSS)
                .writeJar(temp.resolve("cors-assets.jar"));
        try (TestServer off = start(List.of(jar), null, LogicalPathPolicy.SERVE)) {
            assertNull(header(off.get(url(css), "Origin", "https://app.example"), "Access-Control-Allow-Origin"));
            HttpResponse<byte[]> preflight = off.method("OPTIONS", url(css), "Origin", "https://app.example",
                    "Access-Control-Request-Method", "GET");
            assertEquals(204, preflight.statusCode());
            assertNull(header(preflight, "Access-Control-Allow-Origin"));
        }
        try (TestServer pinned = start(List.of(jar), "https://app.example", LogicalPathPolicy.SERVE)) {
            assertEquals("https://app.example", header(pinned.get(url(css)), "Access-Control-Allow-Origin"));
        }
    }

    // ---- hostile requests (raw sockets) --------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "/assets/../assets/css/site.css",
        "/assets/js/../../etc/passwd",
        "/assets/%2e%2e/%2e%2e/etc/passwd",
        "/assets/%2E%2E/manifest.json",
        "/assets/js%2fjquery.js",
        "/assets/js%2Fjquery.js",
        "/assets/js%5cjquery.js",
        "/assets/js\\jquery.js",
        "/assets/js/jquery.js%00",
        "/assets/js/%00",
        "/assets//js/jquery.js",
        "/assets/js//jquery.js",
        "/assets/./js/jquery.js",
        "/assets/%252e%252e/x",
        "/assets/%zz",
        "/assets/%",
        "/assets/\u00e9",
        "/assets/%c0%ae%c0%ae/x",
        "/assets/js/jquery.js#frag",
        "//assets/js/jquery.js",
        "/..",
        "*",
    })
    void pathAttacksGet400Or404AndNeverA500(String target) throws IOException {
        RawHttp.Response response = RawHttp.send(server.port, RawHttp.get(target));
        assertTrue(response.status() == 400 || response.status() == 404,
                target + " -> " + response.status() + "\n" + response.raw());
        // An error page may echo the path; no file's contents ever leave (/etc/passwd starts "root:").
        assertFalse(new String(response.body(), StandardCharsets.ISO_8859_1).contains("root:"));
    }

    @Test
    void overLongPathsGet4xx() throws IOException {
        String medium = "/assets/" + "a/".repeat(600) + "x.js"; // over 1024: refused by the handler
        assertEquals(400, RawHttp.send(server.port, RawHttp.get(medium)).status());
        String huge = "/assets/" + "a".repeat(40_000); // over the header size limit: refused by the parser
        int status = RawHttp.send(server.port, RawHttp.get(huge)).status();
        assertTrue(status == 400 || status == 414, "400, or Jetty's 414 URI Too Long: " + status);
    }

    @Test
    void aPercentEncodedPathIsDecodedOnce() throws IOException {
        String encoded = url(css).replace("css/", "%63ss/"); // %63 = 'c'
        RawHttp.Response response = RawHttp.send(server.port, RawHttp.get(encoded));
        assertEquals(200, response.status());
        assertArrayEquals(CSS, response.body());
        // Decoded once, %2563ss is "%63ss", not "css": 404 (Jetty refuses an encoded '%' outright: 400).
        int twice = RawHttp.send(server.port, RawHttp.get(url(css).replace("css/", "%2563ss/"))).status();
        assertTrue(twice == 404 || twice == 400, "never the asset: " + twice);
        // The query is not part of the path.
        assertArrayEquals(CSS, RawHttp.send(server.port, RawHttp.get(url(css) + "?../../x")).body());
    }

    @Test
    void contentLengthWithTransferEncodingIsRejectedOrAnsweredOnceAndClosed() throws IOException {
        // RFC 9112 §6.1: reject (400: Undertow, Jetty), or follow Transfer-Encoding alone (Tomcat);
        // either way close after the response, so the request smuggled behind it is never answered.
        // RawHttp reading to EOF proves the connection was closed (keep-alive asked).
        RawHttp.Response response = RawHttp.send(server.port, "GET " + url(css) + " HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                + RawHttp.get(url(css)));
        assertTrue(response.status() == 400 || response.status() == 200, response.raw());
        assertEquals(1, response.raw().split("HTTP/1\\.1 ", -1).length - 1, "one response: " + response.raw());
    }

    @Test
    void malformedRequestLinesAndHeadersGet400() throws IOException {
        for (String request : List.of(
                "GET /assets/x HTTP/1.1\r\nConnection: close\r\n\r\n",
                "GET /assets/x HTTP/1.1\r\nHost: x\r\nHost: y\r\nConnection: close\r\n\r\n",
                "GET /assets/ x y HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /assets/\u0001 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /assets/x HTTP/1.1\r\n" + "X-A: b\r\n".repeat(100) + "Connection: close\r\n\r\n")) {
            int status = RawHttp.send(server.port, request).status();
            assertEquals(400, status, request);
        }
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws IOException {
        String keepAlive = "GET " + url(css) + " HTTP/1.1\r\nHost: x\r\n\r\n";
        RawHttp.Response response = RawHttp.send(server.port, keepAlive + keepAlive + RawHttp.get(url(css)));
        String wire = response.raw();
        assertEquals(3, wire.split(statusLine(200), -1).length - 1, wire);
        assertNotEquals(-1, wire.indexOf("body{margin:0}"));
    }

    @Test
    void http11ResponsesNeedNoConnectionHeaderAndHttp10KeepAliveIsConfirmed() throws IOException {
        // HTTP/1.1 persists by default (RFC 9112 §9.3): the first response says nothing, the last closes.
        String wire = RawHttp.send(server.port,
                "GET " + url(css) + " HTTP/1.1\r\nHost: x\r\n\r\n" + RawHttp.get(url(css))).raw();
        String[] heads = responseHeads(wire, statusLine(200));
        assertEquals(2, heads.length, wire);
        Text.that(heads[0].toLowerCase()).doesNotContain("connection:");
        Text.that(heads[1].toLowerCase()).contains("connection: close");
        // HTTP/1.0 persists only when the response says keep-alive as well (RFC 9112 §C.2.2); the
        // second request asks nothing, so the server closes after it (RawHttp reads to EOF).
        wire = RawHttp.send(server.port, "GET " + url(css) + " HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n"
                + "GET " + url(css) + " HTTP/1.0\r\nHost: x\r\n\r\n").raw();
        heads = responseHeads(wire, statusLine(200));
        assertEquals(2, heads.length, wire);
        Text.that(heads[0].toLowerCase()).contains("connection: keep-alive");
    }

    /** The header blocks of the responses in {@code wire} that start with a line matching {@code statusLine}. */
    static String[] responseHeads(String wire, String statusLine) {
        return Arrays.stream(wire.split(statusLine, -1)).skip(1)
                .map(response -> response.substring(0, response.indexOf("\r\n\r\n")))
                .toArray(String[]::new);
    }
}
