package io.assetpipe.reliability;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.reliability.bundle.Release;
import io.assetpipe.reliability.bundle.ReleaseBuilder;
import io.assetpipe.reliability.harness.Haproxy;
import io.assetpipe.reliability.harness.Http;
import io.assetpipe.reliability.harness.ManagedProcess;
import io.assetpipe.reliability.harness.Origin;
import io.assetpipe.reliability.harness.ProcessGroup;
import io.assetpipe.reliability.harness.Report;
import io.assetpipe.reliability.harness.Suite;
import io.assetpipe.reliability.harness.Varnish;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The origin as an operator probes it before production: clients that never read, requests that
 * half-close, an empty bundle, and requests RFC 9112 says a server must reject, sent to the origin
 * directly and through HAProxy and Varnish as deploy/ configures them.
 */
class OriginHardeningIT {
    private static final String SECTION = "8 Origin in production";
    private static final int WRITE_TIMEOUT = 5;
    private static final Pattern STATUS_LINE = Pattern.compile("(?m)^HTTP/1\\.[01] (\\d{3}) ");
    private static final ProcessGroup processes = new ProcessGroup("origin-hardening");
    private static Path dir;
    private static Release v1;

    @BeforeAll
    static void build() {
        dir = Suite.freshDir("origin-hardening");
        v1 = ReleaseBuilder.v1(dir);
    }

    @AfterAll
    static void stop() {
        processes.close();
    }

    private static String largest() {
        AssetEntry entry = v1.manifest().assets().values().stream()
                .max(Comparator.comparingLong(AssetEntry::size)).orElseThrow();
        return Traffic.PREFIX + "/" + entry.path();
    }

    @Test
    void connectionsThatNeverReadAreClosedByTheWriteTimeoutAndTheirMemoryReturned() throws Exception {
        Origin origin = Origin.start(processes, "never-read", List.of(v1.jar()), 2,
                Map.of("ASSET_WRITE_TIMEOUT", Integer.toString(WRITE_TIMEOUT)));
        ManagedProcess server = origin.process();
        String path = largest();
        for (int i = 0; i < 300; i++) { // warm up, then take the baseline
            Http.get(origin.uri(path));
        }
        long baselineRss = server.rssKib();
        int baselineFds = openFds(server);
        long baselineTcp = tcpMemoryKib();
        byte[] pipelined = ("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").repeat(200)
                .getBytes(StandardCharsets.ISO_8859_1);
        List<Socket> sockets = new ArrayList<>();
        long peakRss = baselineRss;
        long peakTcp = baselineTcp;
        long started = System.nanoTime();
        try {
            for (int i = 0; i < 100; i++) {
                Socket socket = new Socket();
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress(Suite.LOOPBACK, origin.port()), 10_000);
                socket.getOutputStream().write(pipelined); // and never read a byte
                sockets.add(socket);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(WRITE_TIMEOUT + 60).toNanos();
            while (openFds(server) > baselineFds + 5 && System.nanoTime() < deadline) {
                peakRss = Math.max(peakRss, server.rssKib());
                peakTcp = Math.max(peakTcp, tcpMemoryKib());
                Suite.sleep(Duration.ofMillis(200));
            }
            long closedAfter = (System.nanoTime() - started) / 1_000_000;
            int fdsAfter = openFds(server);
            Suite.sleep(Duration.ofSeconds(2));
            long rssAfter = server.rssKib();
            long tcpAfter = tcpMemoryKib();
            Report.figure(SECTION, String.format("100 connections sending 200 pipelined GETs of %s each and never "
                            + "reading, ASSET_WRITE_TIMEOUT=%d: the server's open descriptors back to %d (baseline %d) "
                            + "after %d ms; RSS baseline %d MiB, peak %d MiB, after %d MiB; kernel TCP memory "
                            + "(/proc/net/sockstat) baseline %d KiB, peak %d KiB, after %d KiB",
                    path, WRITE_TIMEOUT, fdsAfter, baselineFds, closedAfter, baselineRss / 1024, peakRss / 1024,
                    rssAfter / 1024, baselineTcp, peakTcp, tcpAfter));
            long rss = rssAfter;
            assertAll(
                    () -> assertTrue(fdsAfter <= baselineFds + 5, "the server closed the connections: "
                            + fdsAfter + " descriptors open, " + baselineFds + " before"),
                    () -> assertTrue(rss <= baselineRss * 1.10, "RSS " + rss + " KiB within 10 % of "
                            + baselineRss + " KiB"),
                    () -> assertEquals(200, Http.status(origin.uri(path)), "still serving"));
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void halfClosedRequestsThenSigtermDrainAtOnce() throws Exception {
        Origin origin = Origin.start(processes, "half-closed", List.of(v1.jar()), 30);
        String path = largest();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                Socket socket = new Socket(Suite.LOOPBACK, origin.port());
                socket.setSoTimeout(30_000);
                // Announces a 10-byte body, sends 3 bytes and half-closes.
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
                        .getBytes(StandardCharsets.ISO_8859_1));
                socket.shutdownOutput();
                sockets.add(socket);
            }
            for (Socket socket : sockets) {
                socket.getInputStream().readAllBytes(); // each is answered
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        long signalled = System.nanoTime();
        origin.process().terminate();
        int exit = origin.process().awaitExit(Duration.ofSeconds(60));
        long exitMillis = (System.nanoTime() - signalled) / 1_000_000;
        String log = origin.process().log();
        Report.figure(SECTION, "100 half-closed requests (Content-Length: 10, 3 bytes sent), then SIGTERM with "
                + "SHUTDOWN_GRACE=30: exit " + exit + " after " + exitMillis + " ms; "
                + log.lines().filter(l -> l.contains(" stopped ")).findFirst().orElse("no stopped line"));
        assertAll(
                () -> assertEquals(0, exit),
                () -> assertTrue(log.contains(" INFO stopped drained=true in_flight=0"), log),
                // Generous for a loaded machine; before the fix it waited the whole 30 s grace.
                () -> assertTrue(exitMillis < 10_000, "exited after " + exitMillis + " ms"));
    }

    @Test
    void aBundleWithoutAssetsDoesNotStart() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-bundle"));
        Files.writeString(empty.resolve("manifest.json"), """
                {"version": 1, "generator": "reliability", "buildTime": "2026-01-01T00:00:00Z", "assets": {}, "retired": {}}
                """, StandardCharsets.UTF_8);
        ManagedProcess process = processes.start("empty-bundle", List.of(
                ProcessHandle.current().info().command().orElse("java"), "-jar", Origin.serverJar().toString()),
                Map.of("HOST", Suite.LOOPBACK, "PORT", Integer.toString(Suite.freePort()),
                        "ASSET_BUNDLES", empty.toString()));
        int exit = process.awaitExit(Duration.ofSeconds(60));
        List<String> errors = process.log().lines().filter(l -> l.contains(" ERROR ")).toList();
        Report.figure(SECTION, "a bundle whose manifest lists no assets: exit " + exit + ", " + errors);
        assertEquals(1, exit, process.logTail());
        assertEquals(1, errors.size(), process.logTail());
        assertTrue(errors.get(0).contains("start-failed " + empty + ": the bundle lists no assets"), errors.get(0));
    }

    /** Each probe: the lines after the request line and before the request smuggled behind it. */
    private static Map<String, String> probes() {
        Map<String, String> probes = new LinkedHashMap<>();
        probes.put("obs-fold", "Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n");
        probes.put("colonless", "NoColonHere\r\n\r\n");
        probes.put("NUL in value", "X-A: a\u0000b\r\n\r\n");
        probes.put("CR in value", "X-A: a\rb\r\n\r\n");
        probes.put("TE gzip, chunked", "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
        probes.put("TE gzip", "Transfer-Encoding: gzip\r\n\r\n");
        probes.put("bad chunk size", "Transfer-Encoding: chunked\r\n\r\nzzz\r\n\r\n");
        return probes;
    }

    @Test
    void malformedRequestsAreRefusedAndNothingSmuggledReachesTheOrigin() throws Exception {
        List<Origin> origins = Origin.startAll(processes, "strict", 2, List.of(v1.jar()), 2,
                Map.of("ASSET_ACCESS_LOG", "true"));
        Haproxy haproxy = Haproxy.start(processes, origins);
        Varnish varnish = Varnish.start(processes, origins);
        String css = Traffic.PREFIX + "/" + v1.asset("css/site.css").path();
        Map<String, URI> fronts = new LinkedHashMap<>();
        fronts.put("origin", origins.get(0).uri("/"));
        fronts.put("HAProxy", haproxy.uri("/"));
        fronts.put("Varnish", varnish.uri("/"));
        Map<String, String> direct = new LinkedHashMap<>();
        // smuggled path -> how many answers the client got on the probe's connection
        Map<String, Integer> answered = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, URI> front : fronts.entrySet()) {
            Map<String, String> answers = new LinkedHashMap<>();
            for (Map.Entry<String, String> probe : probes().entrySet()) {
                String smuggled = Traffic.PREFIX + "/smuggled-" + (++n);
                String request = "GET " + css + " HTTP/1.1\r\nHost: x\r\n" + probe.getValue()
                        + "GET " + smuggled + " HTTP/1.1\r\nHost: x\r\n\r\n";
                String answer = exchange(front.getValue(), request);
                answers.put(probe.getKey(), answer);
                answered.put(smuggled, answer.split(",")[0].split("\\+").length);
            }
            Report.figure(SECTION, "parser probes, each with a second request behind it, sent to the " + front.getKey()
                    + ": " + answers);
            if (front.getKey().equals("origin")) {
                direct.putAll(answers);
            }
        }
        Suite.sleep(Duration.ofSeconds(1)); // the access log is written at the end of each exchange
        // A proxy that reads the bytes as two requests (after unfolding a folded line, say) forwards
        // the second one and answers it to the client: the same framing on both sides. Smuggling is
        // the second request reaching an origin while the client got no answer of its own for it.
        Map<String, String> reached = new LinkedHashMap<>();
        origins.stream().flatMap(o -> o.process().log().lines()).forEach(line -> {
            Matcher m = Pattern.compile("GET (/assets/smuggled-\\d+) ").matcher(line);
            if (m.find()) {
                reached.put(m.group(1), answered.get(m.group(1)) == 2 ? "answered to the client" : "SMUGGLED");
            }
        });
        Report.figure(SECTION, "second requests that reached an origin (its access log), and whether the front "
                + "answered them to the client as requests of their own: " + reached);
        Map<String, String> expected = new LinkedHashMap<>();
        probes().keySet().forEach(probe -> expected.put(probe, probe.startsWith("TE ") ? "501, closed"
                : probe.equals("bad chunk size") ? "200, closed" : "400, closed"));
        assertAll(
                () -> assertEquals(expected, direct, "the origin's answers"),
                () -> assertFalse(reached.containsValue("SMUGGLED"), "a request reached an origin unseen: " + reached));
    }

    /** The status codes answered to {@code request} and whether the connection was closed within 5 s. */
    private static String exchange(URI front, String request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(front.getHost(), front.getPort()), 10_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            String end;
            try {
                socket.getInputStream().transferTo(bytes);
                end = "closed";
            } catch (SocketTimeoutException e) {
                end = "left open";
            } catch (IOException e) {
                end = "closed"; // reset
            }
            Matcher m = STATUS_LINE.matcher(bytes.toString(StandardCharsets.ISO_8859_1));
            List<String> statuses = new ArrayList<>();
            while (m.find()) {
                statuses.add(m.group(1));
            }
            return String.join("+", statuses) + (statuses.isEmpty() ? "no answer" : "") + ", " + end;
        } catch (IOException e) {
            return "connect failed: " + e;
        }
    }

    private static int openFds(ManagedProcess process) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The kernel's TCP buffer memory ({@code TCP: ... mem <pages>} in /proc/net/sockstat), in KiB. */
    private static long tcpMemoryKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/sockstat"))) {
                Matcher m = Pattern.compile("^TCP:.* mem (\\d+)").matcher(line);
                if (m.find()) {
                    return Long.parseLong(m.group(1)) * 4;
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return -1;
    }
}
