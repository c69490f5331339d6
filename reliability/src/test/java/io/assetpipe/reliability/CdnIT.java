package io.assetpipe.reliability;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.reliability.bundle.Release;
import io.assetpipe.reliability.bundle.ReleaseBuilder;
import io.assetpipe.reliability.harness.Http;
import io.assetpipe.reliability.harness.Origin;
import io.assetpipe.reliability.harness.ProcessGroup;
import io.assetpipe.reliability.harness.Report;
import io.assetpipe.reliability.harness.Suite;
import io.assetpipe.reliability.harness.Varnish;
import io.assetpipe.reliability.harness.Wrk;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Varnish ({@code deploy/varnish-cdn.vcl}, only its backend addresses rewritten) in front of two
 * origins as a CDN stand-in: fingerprinted assets are cached at the edge per encoding, a query
 * string does not split the cache, one origin killed under load costs the clients nothing (the
 * director retries on the other), and with every origin gone the edge keeps serving what it has,
 * logical paths included, from the first failed fetch on.
 */
class CdnIT {
    private static final String SECTION = "5 CDN (Varnish)";
    private static final ProcessGroup processes = new ProcessGroup("cdn");
    private static Release v1;
    private static List<Origin> origins;
    private static Varnish varnish;

    /** A request through the edge and the encoding its answer must have ({@code null}: identity). */
    private record Fetch(String path, String acceptEncoding, ContentEncoding expected) {}

    @BeforeAll
    static void start() {
        v1 = ReleaseBuilder.v1(Suite.freshDir("cdn"));
        origins = Origin.startAll(processes, "origin", 2, List.of(v1.jar()), 2);
        varnish = Varnish.start(processes, origins);
    }

    @AfterAll
    static void stop() {
        processes.close();
    }

    @Test
    void edgeCachesPerEncodingRetriesOnAnotherOriginAndServesStaleWhenAllAreDown() throws Exception {
        List<Fetch> fetches = new ArrayList<>();
        for (AssetEntry entry : v1.manifest().assets().values()) {
            String path = Traffic.PREFIX + "/" + entry.path();
            fetches.add(new Fetch(path, null, null));
            // Without variants the origin sends no Vary, so one edge object serves every Accept-Encoding.
            for (ContentEncoding encoding : entry.encodings().keySet()) {
                fetches.add(new Fetch(path, encoding.token(), encoding));
            }
        }
        // Half of them are cached now; the other half is first asked for after an origin is killed.
        List<Fetch> cached = new ArrayList<>();
        List<Fetch> uncached = new ArrayList<>();
        for (int i = 0; i < fetches.size(); i++) {
            (i % 2 == 0 ? cached : uncached).add(fetches.get(i));
        }

        // Cold edge: a miss, then a hit with an Age, the same bytes and the right encoding.
        for (Fetch f : cached) {
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
        // A random query string (a cache-buster, or an attack on the cache) is no new object.
        HttpResponse<byte[]> busted = Http.get(varnish.uri(css + "?x=" + new Random().nextInt(1_000_000)),
                "Accept-Encoding", "zstd, gzip;q=0.5, deflate");
        assertEquals("HIT", busted.headers().firstValue("X-Cache").orElse(""), "?x=random is a hit");
        String logical = Traffic.PREFIX + "/css/site.css";
        assertEquals(200, Http.get(varnish.uri(logical)).statusCode(), "logical path through the edge");

        // Load through the edge: cached fingerprinted URLs, and the logical path, which is revalidated
        // at an origin on every request. Then one origin dies (kill -9) under it.
        List<Wrk.Request> mix = new ArrayList<>();
        for (Fetch f : cached) {
            mix.add(new Wrk.Request(f.path(), f.acceptEncoding() == null ? Map.of() : Map.of("Accept-Encoding",
                    f.acceptEncoding())));
        }
        mix.add(new Wrk.Request(logical, Map.of("Accept-Encoding", Traffic.BROWSER_ACCEPT_ENCODING)));
        Wrk wrk = Wrk.start(processes, "wrk", varnish.uri("/"), mix, 4, Duration.ofSeconds(120));
        Suite.sleep(Duration.ofSeconds(2));
        origins.get(0).process().kill();
        origins.get(0).process().awaitExit(Duration.ofSeconds(30));
        int uncachedServed = 0;
        for (Fetch f : uncached) { // first asked for now: fetched from whichever origin answers
            HttpResponse<byte[]> response = fetch(f);
            assertEquals(200, response.statusCode(), "uncached, one origin killed: " + f);
            assertEncoding(f, response);
            uncachedServed++;
        }
        Suite.sleep(Duration.ofSeconds(3));
        Wrk.Result underLoad = wrk.stop();
        String backends = varnish.admin("backend.list");

        // The last origin goes away too: from the very next request on, the logical path is stale.
        origins.get(1).process().kill();
        long killed = System.nanoTime();
        origins.get(1).process().awaitExit(Duration.ofSeconds(30));
        HttpResponse<byte[]> stale = Http.get(varnish.uri(logical));
        long staleMillis = (System.nanoTime() - killed) / 1_000_000;
        assertEquals(200, stale.statusCode(), "logical path served stale after the first failed fetch");
        assertArrayEquals(v1.content().get(v1.asset("css/site.css").path()), stale.body());

        int served = 0;
        for (Fetch f : fetches) {
            HttpResponse<byte[]> response = fetch(f);
            assertEquals(200, response.statusCode(), "served from the edge with no origin: " + f);
            assertEncoding(f, response);
            served++;
        }
        int neverCached = Http.status(varnish.uri(Traffic.PREFIX + "/js/never-cached-0123456789ab.js"));
        assertEquals(503, neverCached, "an object the edge never had cannot be served: the origins really are gone");

        Report.figure(SECTION, "deploy/varnish-cdn.vcl, round-robin director over 2 origins, addresses rewritten only");
        Report.figure(SECTION, cached.size() + " (URL, Accept-Encoding) pairs: first request MISS, second HIT with Age, "
                + "identical bytes, Content-Encoding per request (Vary: Accept-Encoding, normalised in VCL: two "
                + "spellings of one set of codings share an object); ?x=<random> on a fingerprinted URL: HIT");
        Report.figure(SECTION, "origin1 killed (kill -9) under wrk -t1 -c4 (cached URLs + the logical path, "
                + "revalidated at an origin each time): " + underLoad);
        Report.figure(SECTION, "right after the kill, " + uncachedServed + " of " + uncached.size()
                + " never-cached (URL, encoding) pairs fetched 200 with the right bytes; backends then: "
                + backends.lines().skip(1).map(String::trim).toList());
        Report.figure(SECTION, "origin2 killed as well: the logical path served stale " + staleMillis
                + " ms after the kill (first failed fetch, no probe needed); " + served + " of " + fetches.size()
                + " cached responses served 200 with the right encoding; an uncached URL got " + neverCached);
        assertAll(
                () -> assertTrue(underLoad.requests() > 0, "no load was generated"),
                () -> assertEquals(0, underLoad.badResponses(), "responses other than 2xx/304: " + underLoad),
                () -> assertEquals(0, underLoad.socketErrors(), "connection errors at the client: " + underLoad));
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
