package io.assetpipe.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.reliability.bundle.Release;
import io.assetpipe.reliability.bundle.ReleaseBuilder;
import io.assetpipe.reliability.harness.Haproxy;
import io.assetpipe.reliability.harness.Http;
import io.assetpipe.reliability.harness.Origin;
import io.assetpipe.reliability.harness.ProcessGroup;
import io.assetpipe.reliability.harness.Report;
import io.assetpipe.reliability.harness.Suite;
import io.assetpipe.reliability.harness.Varnish;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Varnish ({@code deploy/varnish-cdn.vcl}) in front of HAProxy and three origins as a CDN stand-in:
 * fingerprinted assets are cached at the edge per encoding (second request is a hit), and when every
 * origin is gone the edge keeps serving what it has.
 */
class CdnIT {
    private static final String SECTION = "5 CDN (Varnish)";
    private static final ProcessGroup processes = new ProcessGroup("cdn");
    private static Release v1;
    private static List<Origin> origins;
    private static Haproxy haproxy;
    private static Varnish varnish;

    /** A request through the edge and the encoding its answer must have ({@code null}: identity). */
    private record Fetch(String path, String acceptEncoding, ContentEncoding expected) {}

    @BeforeAll
    static void start() {
        v1 = ReleaseBuilder.v1(Suite.freshDir("cdn"));
        origins = Origin.startAll(processes, "origin", 3, List.of(v1.jar()), 2);
        haproxy = Haproxy.start(processes, origins);
        varnish = Varnish.start(processes, haproxy.port());
    }

    @AfterAll
    static void stop() {
        processes.close();
    }

    @Test
    void edgeCachesImmutableAssetsPerEncodingAndServesThemWithEveryOriginDown() throws Exception {
        List<Fetch> fetches = new ArrayList<>();
        for (AssetEntry entry : v1.manifest().assets().values()) {
            String path = Traffic.PREFIX + "/" + entry.path();
            fetches.add(new Fetch(path, null, null));
            // Without variants the origin sends no Vary, so one edge object serves every Accept-Encoding.
            for (ContentEncoding encoding : entry.encodings().keySet()) {
                fetches.add(new Fetch(path, encoding.token(), encoding));
            }
        }

        // Cold edge: a miss, then a hit with an Age, the same bytes and the right encoding.
        for (Fetch f : fetches) {
            HttpResponse<byte[]> first = fetch(f);
            assertEquals("MISS", first.headers().firstValue("X-Cache").orElse(""), "first " + f);
            HttpResponse<byte[]> second = fetch(f);
            assertEquals("HIT", second.headers().firstValue("X-Cache").orElse(""), "second " + f);
            assertTrue(second.headers().firstValue("Age").isPresent(), "Age on a hit " + f);
            assertArrayEquals(first.body(), second.body(), "same bytes from the edge " + f);
            assertEncoding(f, second);
        }
        // Two browsers' spellings of the same codings share one edge object (the VCL normalises the header).
        String css = Traffic.PREFIX + "/" + v1.asset("css/site.css").path();
        Http.get(varnish.uri(css), "Accept-Encoding", "zstd, gzip;q=0.5, deflate");
        HttpResponse<byte[]> other = Http.get(varnish.uri(css), "Accept-Encoding", "deflate, GZIP, zstd;q=1.0");
        assertEquals("HIT", other.headers().firstValue("X-Cache").orElse(""), "normalised Accept-Encoding is a hit");
        String image = Traffic.PREFIX + "/" + v1.asset("img/logo.png").path();
        assertTrue(v1.asset("img/logo.png").encodings().isEmpty());
        assertEquals("HIT", Http.get(varnish.uri(image), "Accept-Encoding", "gzip").headers().firstValue("X-Cache")
                .orElse(""), "an asset without variants has one edge object for every Accept-Encoding");
        String logical = Traffic.PREFIX + "/css/site.css";
        assertEquals(200, Http.get(varnish.uri(logical)).statusCode(), "logical path through the edge");

        // Every origin goes away (and so the balancer has nobody to send to).
        for (Origin origin : origins) {
            origin.process().terminate();
        }
        for (Origin origin : origins) {
            origin.process().awaitExit(Duration.ofSeconds(30));
        }
        haproxy.awaitServers("DOWN", List.of("origin1", "origin2", "origin3"));
        assertEquals(503, Http.status(haproxy.uri(css)), "HAProxy has no origin left");
        Suite.await("Varnish's probe marks the origin tier sick", Duration.ofSeconds(30),
                () -> varnish.admin("backend.list").contains("sick"), () -> varnish.admin("backend.list"));

        int served = 0;
        for (Fetch f : fetches) {
            HttpResponse<byte[]> response = fetch(f);
            assertEquals(200, response.statusCode(), "served from the edge with no origin: " + f);
            assertEncoding(f, response);
            served++;
        }
        HttpResponse<byte[]> stale = Http.get(varnish.uri(logical));
        assertEquals(200, stale.statusCode(), "logical path served stale (grace) while the origin is down");
        assertArrayEquals(v1.content().get(v1.asset("css/site.css").path()), stale.body());
        int neverCached = Http.status(varnish.uri(Traffic.PREFIX + "/js/never-cached-0123456789ab.js"));
        assertEquals(503, neverCached, "an object the edge never had cannot be served: the origin really is gone");

        Report.figure(SECTION, fetches.size() + " (URL, Accept-Encoding) pairs: first request MISS, second HIT with Age, "
                + "identical bytes, Content-Encoding per request (Vary: Accept-Encoding, normalised in VCL: two "
                + "spellings of one set of codings share an object; an asset without variants has one object)");
        Report.figure(SECTION, "all 3 origins stopped (HAProxy 503, Varnish probe sick): " + served + " of "
                + fetches.size() + " cached responses still served 200 with the right encoding; logical path served "
                + "stale from grace; an uncached URL got " + neverCached);
    }

    private static HttpResponse<byte[]> fetch(Fetch f) throws Exception {
        return f.acceptEncoding() == null
                ? Http.get(varnish.uri(f.path()))
                : Http.get(varnish.uri(f.path()), "Accept-Encoding", f.acceptEncoding());
    }

    private static void assertEncoding(Fetch f, HttpResponse<byte[]> response) {
        String expected = f.expected() == null ? "" : f.expected().token();
        assertEquals(expected, response.headers().firstValue("Content-Encoding").orElse(""), "encoding of " + f);
        AssetEntry entry = v1.manifest().assets().values().stream()
                .filter(e -> f.path().endsWith("/" + e.path())).findFirst().orElseThrow();
        String file = f.expected() == null ? entry.path() : entry.encodings().get(f.expected()).path();
        assertArrayEquals(v1.content().get(file), response.body(), "bytes of " + f);
        Map<String, String> headers = Http.comparableHeaders(response);
        if (!entry.encodings().isEmpty()) {
            assertTrue(headers.getOrDefault("vary", "").toLowerCase().contains("accept-encoding"), "Vary on " + f);
        }
    }
}
