package io.assetpipe.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.reliability.bundle.Release;
import io.assetpipe.reliability.bundle.ReleaseBuilder;
import io.assetpipe.reliability.harness.Http;
import io.assetpipe.reliability.harness.Origin;
import io.assetpipe.reliability.harness.ProcessGroup;
import io.assetpipe.reliability.harness.Report;
import io.assetpipe.reliability.harness.Suite;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Share-nothing: every instance gives every request the same answer — status, body bytes, ETag and
 * every other header except Date — and so does an instance after a restart.
 */
class StatelessIT {
    private static final String SECTION = "3 Stateless";
    private static final ProcessGroup processes = new ProcessGroup("stateless");
    private static Release v1;
    private static List<Origin> origins;

    /** A request: method, path and header pairs. */
    private record Probe(String method, String path, String... headers) {
        @Override
        public String toString() {
            return method + " " + path + " " + Arrays.toString(headers);
        }
    }

    /** What an instance answered. */
    private record Answer(int status, Map<String, String> headers, byte[] body) {
        static Answer of(HttpResponse<byte[]> response) {
            return new Answer(response.statusCode(), Http.comparableHeaders(response), response.body());
        }
    }

    @BeforeAll
    static void start() {
        v1 = ReleaseBuilder.v1(Suite.freshDir("stateless"));
        origins = Origin.startAll(processes, "origin", 3, List.of(v1.jar()), 2);
    }

    @AfterAll
    static void stop() {
        processes.close();
    }

    @Test
    void everyInstanceAnswersEveryRequestIdentically() throws Exception {
        List<Probe> probes = probes();
        List<Answer> reference = answers(origins.get(0), probes);
        checkFilesAreServedFromTheBundle(probes, reference);
        for (Origin other : origins.subList(1, origins.size())) {
            compare(other.name(), probes, reference, answers(other, probes));
        }

        // Disposable: a fresh process answers exactly as its predecessor did.
        Origin restarted = origins.get(0);
        restarted.process().terminate();
        restarted.process().awaitExit(Duration.ofSeconds(30));
        restarted.restart();
        compare(restarted.name() + " after restart", probes, reference, answers(restarted, probes));

        long statuses = reference.stream().map(Answer::status).distinct().count();
        Report.figure(SECTION, probes.size() + " requests × 3 instances (+1 restarted): identical status, body bytes "
                + "and headers except Date; " + statuses + " distinct statuses among them "
                + reference.stream().map(Answer::status).distinct().sorted().toList());
    }

    /** Each file by every encoding, HEAD, 304, ranges, logical paths, unknown paths and odd methods. */
    private static List<Probe> probes() {
        List<Probe> probes = new ArrayList<>();
        for (Map.Entry<String, AssetEntry> e : v1.manifest().assets().entrySet()) {
            String path = Traffic.PREFIX + "/" + e.getValue().path();
            probes.add(new Probe("GET", path));
            for (String encoding : List.of("gzip", "zstd", "br", Traffic.BROWSER_ACCEPT_ENCODING, "gzip;q=0, zstd")) {
                probes.add(new Probe("GET", path, "Accept-Encoding", encoding));
            }
            probes.add(new Probe("HEAD", path, "Accept-Encoding", Traffic.BROWSER_ACCEPT_ENCODING));
            probes.add(new Probe("GET", path, "If-None-Match", "\"" + e.getValue().sha256() + "\""));
            probes.add(new Probe("GET", path, "Range", "bytes=0-99"));
            probes.add(new Probe("GET", path, "Range", "bytes=999999-"));
            probes.add(new Probe("GET", Traffic.PREFIX + "/" + e.getKey()));
            probes.add(new Probe("GET", Traffic.PREFIX + "/" + e.getKey(), "Accept-Encoding", "gzip"));
        }
        // Variant files are reached by negotiation only; asked for by name they must get the same answer everywhere.
        v1.filePaths(Traffic.PREFIX).stream()
                .filter(p -> p.endsWith(".gz") || p.endsWith(".zst"))
                .forEach(p -> probes.add(new Probe("GET", p)));
        probes.add(new Probe("GET", Traffic.PREFIX + "/no/such-0123456789ab.css"));
        probes.add(new Probe("GET", Traffic.PREFIX + "/"));
        probes.add(new Probe("GET", "/"));
        probes.add(new Probe("OPTIONS", Traffic.PREFIX + "/" + v1.asset("css/site.css").path(),
                "Origin", "https://app.example", "Access-Control-Request-Method", "GET"));
        probes.add(new Probe("DELETE", Traffic.PREFIX + "/" + v1.asset("css/site.css").path()));
        probes.add(new Probe("GET", "/healthz"));
        probes.add(new Probe("GET", "/readyz"));
        return probes;
    }

    private static List<Answer> answers(Origin origin, List<Probe> probes) throws Exception {
        List<Answer> answers = new ArrayList<>();
        for (Probe p : probes) {
            answers.add(Answer.of(Http.send(p.method(), origin.uri(p.path()), p.headers())));
        }
        return answers;
    }

    /** The reference answers must be right, or identical answers would prove nothing. */
    private static void checkFilesAreServedFromTheBundle(List<Probe> probes, List<Answer> reference) {
        List<String> identityPaths = v1.manifest().assets().values().stream()
                .map(e -> Traffic.PREFIX + "/" + e.path()).toList();
        int checked = 0;
        for (int i = 0; i < probes.size(); i++) {
            Probe p = probes.get(i);
            if (p.method().equals("GET") && p.headers().length == 0 && identityPaths.contains(p.path())) {
                Answer a = reference.get(i);
                assertEquals(200, a.status(), p.toString());
                assertArrayEquals(v1.content().get(p.path().substring(Traffic.PREFIX.length() + 1)), a.body(),
                        "body of " + p);
                assertTrue(a.headers().containsKey("etag"), "ETag on " + p);
                checked++;
            }
        }
        assertEquals(identityPaths.size(), checked, "every asset was checked");
    }

    private static void compare(String who, List<Probe> probes, List<Answer> expected, List<Answer> actual) {
        for (int i = 0; i < probes.size(); i++) {
            Answer e = expected.get(i);
            Answer a = actual.get(i);
            String what = who + ": " + probes.get(i);
            assertEquals(e.status(), a.status(), "status of " + what);
            assertEquals(e.headers(), a.headers(), "headers of " + what);
            assertArrayEquals(e.body(), a.body(), "body of " + what);
        }
    }
}
