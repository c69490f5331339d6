package io.assetpipe.reliability;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.reliability.bundle.Release;
import io.assetpipe.reliability.bundle.ReleaseBuilder;
import io.assetpipe.reliability.harness.Http;
import io.assetpipe.reliability.harness.Origin;
import io.assetpipe.reliability.harness.ProcessGroup;
import io.assetpipe.reliability.harness.Report;
import io.assetpipe.reliability.harness.Suite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One instance, attacked directly (no balancer to shield it) with malformed request lines, huge and
 * numerous headers, byte-a-second clients, connection bursts and fuzzed paths, while a valid client
 * keeps fetching assets and the instance's resident memory is sampled. Every phase is bounded in
 * time or in count.
 */
class HostileInputIT {
    private static final String SECTION = "6 Hostile input";
    /** A JVM with a 96 MB heap must stay well below this, whatever it is sent. */
    private static final long RSS_LIMIT_KIB = 512 * 1024;
    private static final String FUZZ = "fuzzed paths (3000)";
    private static final ProcessGroup processes = new ProcessGroup("hostile-input");
    private static Release v1;
    private static Origin origin;
    private static Set<String> bundleDigests;

    @BeforeAll
    static void start() throws Exception {
        v1 = ReleaseBuilder.v1(Suite.freshDir("hostile-input"));
        origin = Origin.start(processes, "origin", List.of(v1.jar()), 2);
        bundleDigests = v1.content().values().stream().map(HostileInputIT::sha256).collect(Collectors.toSet());
    }

    @AfterAll
    static void stop() {
        processes.close();
    }

    @Test
    void validClientsAreServedWhileTheServerIsAttacked() throws Exception {
        // Warm up, then take the resident size as the baseline.
        for (int i = 0; i < 300; i++) {
            Http.get(origin.uri(Traffic.PREFIX + "/" + v1.asset("js/vendor.js").path()), "Accept-Encoding", "gzip");
        }
        long baselineRss = origin.process().rssKib();
        AtomicLong peakRss = new AtomicLong(baselineRss);
        AtomicBoolean running = new AtomicBoolean(true);
        ValidClient valid = new ValidClient();
        Thread validThread = Thread.ofPlatform().name("valid-client").start(() -> valid.run(running));
        Thread sampler = Thread.ofPlatform().name("rss-sampler").start(() -> {
            while (running.get()) {
                peakRss.accumulateAndGet(origin.process().rssKib(), Math::max);
                Suite.sleep(Duration.ofMillis(100));
            }
        });
        Map<String, Map<String, Long>> outcomes = new LinkedHashMap<>();
        Map<String, Map<String, String>> details = new LinkedHashMap<>();
        try {
            Map<String, String> malformed = rawRequests(malformedRequests());
            Map<String, String> headers = rawRequests(headerAbuse());
            outcomes.put("malformed request lines (" + malformed.size() + ")", count(malformed));
            outcomes.put("random binary junk (50)", count(rawRequests(junk(50))));
            outcomes.put("huge / numerous headers (" + headers.size() + ")", count(headers));
            details.put("malformed request lines, one by one", malformed);
            details.put("header abuse, one by one", headers);
            outcomes.put("slow clients (1 byte/s, 12 s)", slowloris(200, Duration.ofSeconds(12)));
            outcomes.put("connection bursts (2 × 2000)", bursts(2, 2000));
            outcomes.put(FUZZ, fuzz(3000));
        } finally {
            running.set(false);
            validThread.join(30_000);
            sampler.join(5_000);
        }
        long finalRss = origin.process().rssKib();

        outcomes.forEach((phase, counts) -> Report.figure(SECTION, phase + ": " + counts));
        details.forEach((phase, answers) -> Report.figure(SECTION, phase + ": " + answers.entrySet().stream()
                .map(e -> e.getKey() + " → " + e.getValue()).collect(Collectors.joining("; "))));
        Report.figure(SECTION, "valid client meanwhile: " + valid);
        Report.figure(SECTION, String.format("server RSS (VmRSS, -Xmx96m): baseline %d MiB, peak %d MiB, after %d MiB "
                + "(limit %d MiB)", baselineRss / 1024, peakRss.get() / 1024, finalRss / 1024, RSS_LIMIT_KIB / 1024));
        assertAll(
                () -> assertTrue(origin.process().isAlive(), "the server survived\n" + origin.process().logTail()),
                () -> assertEquals(200, Http.status(origin.uri("/healthz")), "still healthy"),
                () -> assertTrue(valid.ok.sum() > 0, "the valid client was served at all"),
                () -> assertEquals(0, valid.bad.sum(), "valid requests answered other than 200/304: " + valid),
                () -> assertEquals(0, valid.errors.sum(), "valid requests failed: " + valid),
                () -> outcomes.forEach((phase, counts) -> assertTrue(
                        counts.keySet().stream().noneMatch(k -> k.startsWith("5")), phase + " got a 5xx: " + counts)),
                () -> assertEquals(0L, outcomes.get(FUZZ).getOrDefault("200 outside the bundle", 0L),
                        "a fuzzed path served bytes that are not a bundle file"),
                () -> assertTrue(peakRss.get() < RSS_LIMIT_KIB, "peak RSS " + peakRss.get() + " KiB"));
    }

    /** Fetches assets over keep-alive for as long as the attack lasts, counting every outcome. */
    private static final class ValidClient {
        final LongAdder ok = new LongAdder();
        final LongAdder bad = new LongAdder();
        final LongAdder errors = new LongAdder();
        final Map<String, Long> failures = new ConcurrentHashMap<>();
        long maxMillis;

        void run(AtomicBoolean running) {
            List<String> paths = v1.manifest().assets().values().stream()
                    .map(e -> Traffic.PREFIX + "/" + e.path()).toList();
            int i = 0;
            while (running.get()) {
                String path = paths.get(i++ % paths.size());
                long start = System.nanoTime();
                try {
                    HttpResponse<byte[]> r = Http.get(origin.uri(path), "Accept-Encoding", Traffic.BROWSER_ACCEPT_ENCODING);
                    if (r.statusCode() == 200 || r.statusCode() == 304) {
                        ok.increment();
                    } else {
                        bad.increment();
                        failures.merge(r.statusCode() + " " + path, 1L, Long::sum);
                    }
                } catch (IOException e) {
                    errors.increment();
                    failures.merge(e.toString(), 1L, Long::sum);
                }
                maxMillis = Math.max(maxMillis, (System.nanoTime() - start) / 1_000_000);
            }
        }

        @Override
        public String toString() {
            return ok.sum() + " answered 200/304, " + bad.sum() + " other statuses, " + errors.sum()
                    + " failed; slowest " + maxMillis + " ms" + (failures.isEmpty() ? "" : " " + failures);
        }
    }

    private static Map<String, byte[]> malformedRequests() {
        String css = Traffic.PREFIX + "/" + v1.asset("css/site.css").path();
        Map<String, String> r = new LinkedHashMap<>();
        r.put("not HTTP", "GARBAGE\r\n\r\n");
        r.put("method only", "GET\r\n\r\n");
        r.put("HTTP/0.9 style", "GET " + css + "\r\n\r\n");
        r.put("HTTP/9.9", "GET " + css + " HTTP/9.9\r\nHost: x\r\n\r\n");
        r.put("extra token", "GET " + css + " HTTP/1.1 extra\r\nHost: x\r\n\r\n");
        r.put("double spaces", "GET  " + css + "  HTTP/1.1\r\nHost: x\r\n\r\n");
        r.put("lower-case method and version", "get " + css + " http/1.1\r\nHost: x\r\n\r\n");
        r.put("bare LF line ends", "GET " + css + " HTTP/1.1\nHost: x\n\n");
        r.put("NUL in path", "GET /assets/\u0000x HTTP/1.1\r\nHost: x\r\n\r\n");
        r.put("space in path", "GET /assets/a b HTTP/1.1\r\nHost: x\r\n\r\n");
        r.put("DEL in path", "GET /assets/\u007f HTTP/1.1\r\nHost: x\r\n\r\n");
        r.put("absolute-form URI", "GET http://evil.example" + css + " HTTP/1.1\r\nHost: x\r\n\r\n");
        r.put("asterisk-form GET", "GET * HTTP/1.1\r\nHost: x\r\n\r\n");
        r.put("CONNECT", "CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n");
        r.put("100 KB path", "GET /" + "a".repeat(100_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        r.put("Content-Length + Transfer-Encoding (smuggling)",
                "GET " + css + " HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        r.put("negative Content-Length", "GET " + css + " HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n");
        r.put("overflowing Content-Length",
                "GET " + css + " HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n");
        r.put("POST with a 10 MB body announced", "POST " + css + " HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n"
                + "x".repeat(65536));
        r.put("bad chunk size", "GET " + css + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzzz\r\n");
        r.put("7 ranges", "GET " + css + " HTTP/1.1\r\nHost: x\r\nRange: bytes=0-1,2-3,4-5,6-7,8-9,10-11,12-13\r\n\r\n");
        r.put("bad range", "GET " + css + " HTTP/1.1\r\nHost: x\r\nRange: bytes=--1\r\n\r\n");
        r.put("500-entry Accept-Encoding",
                "GET " + css + " HTTP/1.1\r\nHost: x\r\nAccept-Encoding: " + "gzip;q=0.5,".repeat(500) + "\r\n\r\n");
        r.put("blank lines only", "\r\n\r\n\r\n\r\n");
        r.put("TLS ClientHello on the plain port", "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003");
        return bytes(r);
    }

    private static Map<String, byte[]> junk(int count) {
        Map<String, byte[]> junk = new LinkedHashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[1 + random.nextInt(2000)];
            random.nextBytes(bytes);
            junk.put("junk " + i, bytes);
        }
        return junk;
    }

    private static Map<String, byte[]> headerAbuse() {
        String css = Traffic.PREFIX + "/" + v1.asset("css/site.css").path();
        String head = "GET " + css + " HTTP/1.1\r\nHost: x\r\n";
        Map<String, String> r = new LinkedHashMap<>();
        r.put("one 64 KB header", head + "X-Big: " + "a".repeat(64 * 1024) + "\r\n\r\n");
        r.put("one 1 MB header", head + "X-Huge: " + "a".repeat(1024 * 1024) + "\r\n\r\n");
        StringBuilder many = new StringBuilder(head);
        for (int i = 0; i < 10_000; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        r.put("10000 headers", many.append("\r\n").toString());
        StringBuilder sameName = new StringBuilder(head);
        for (int i = 0; i < 5_000; i++) {
            sameName.append("Accept-Encoding: gzip\r\n");
        }
        r.put("5000 × Accept-Encoding", sameName.append("\r\n").toString());
        r.put("header without colon", head + "NoColonHere\r\n\r\n");
        r.put("obsolete line folding", head + " folded: continuation\r\n\r\n");
        r.put("control character in name", head + "X-Bad\u0001Name: v\r\n\r\n");
        r.put("second Host", head + "Host: second\r\n\r\n");
        r.put("no Host", "GET " + css + " HTTP/1.1\r\n\r\n");
        return bytes(r);
    }

    private static Map<String, byte[]> bytes(Map<String, String> requests) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        requests.forEach((label, request) -> bytes.put(label, request.getBytes(StandardCharsets.ISO_8859_1)));
        return bytes;
    }

    private static Map<String, Long> count(Map<String, String> outcomes) {
        return outcomes.values().stream().collect(Collectors.groupingBy(o -> o, TreeMap::new, Collectors.counting()));
    }

    /** Sends each request on its own connection; the outcome is the answer's status code, or what happened. */
    private static Map<String, String> rawRequests(Map<String, byte[]> requests) throws Exception {
        Map<String, String> outcomes = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            Map<String, Future<String>> results = new LinkedHashMap<>();
            requests.forEach((label, request) -> results.put(label, pool.submit(() -> exchange(request))));
            for (Map.Entry<String, Future<String>> e : results.entrySet()) {
                outcomes.put(e.getKey(), e.getValue().get());
            }
        }
        return outcomes;
    }

    /** Writes {@code request}, reads up to the end of the status line of the answer. */
    private static String exchange(byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Suite.LOOPBACK, origin.port()), 10_000);
            socket.setSoTimeout(15_000);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // The server may close before reading everything we send (e.g. a 1 MB header); its answer
                // may still be waiting in our receive buffer.
            }
            String line = statusLine(socket.getInputStream());
            return line == null ? "closed without answer" : line.split(" ").length > 1 ? line.split(" ")[1] : line;
        } catch (java.net.SocketTimeoutException e) {
            return "no answer in 15 s";
        } catch (IOException e) {
            return "reset";
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1).trim();
    }

    /**
     * {@code count} connections each send a request line and then one header byte per second; the
     * outcome says how many the server closed within {@code duration}.
     */
    private static Map<String, Long> slowloris(int count, Duration duration) {
        List<Socket> sockets = new ArrayList<>();
        Map<String, Long> outcomes = new TreeMap<>();
        try {
            for (int i = 0; i < count; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(Suite.LOOPBACK, origin.port()), 10_000);
                socket.getOutputStream().write(("GET " + Traffic.PREFIX + "/" + v1.asset("css/site.css").path()
                        + " HTTP/1.1\r\nHost: x\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII));
                sockets.add(socket);
            }
            Set<Socket> closed = ConcurrentHashMap.newKeySet();
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) {
                for (Socket socket : sockets) {
                    if (closed.contains(socket)) {
                        continue;
                    }
                    try {
                        OutputStream out = socket.getOutputStream();
                        out.write('a');
                        out.flush();
                    } catch (IOException e) {
                        closed.add(socket);
                    }
                }
                Suite.sleep(Duration.ofSeconds(1));
            }
            outcomes.put("held open", (long) (sockets.size() - closed.size()));
            outcomes.put("closed by the server", (long) closed.size());
        } catch (IOException e) {
            outcomes.merge("could not open: " + e.getMessage(), 1L, Long::sum);
        } finally {
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
        return outcomes;
    }

    /** {@code rounds} bursts of {@code size} simultaneous connections, each sending one valid request. */
    private static Map<String, Long> bursts(int rounds, int size) throws Exception {
        Map<String, Long> outcomes = new TreeMap<>();
        byte[] request = ("GET " + Traffic.PREFIX + "/" + v1.asset("css/site.css").path()
                + " HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < rounds; round++) {
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    results.add(threads.submit(() -> exchange(request)));
                }
                for (Future<String> f : results) {
                    outcomes.merge(f.get(), 1L, Long::sum);
                }
            }
        }
        return outcomes;
    }

    /**
     * Random and encoded paths: traversal in every spelling, NULs, overlong UTF-8, double encoding,
     * mangled asset names. Answers must be 4xx, or 200 with the bytes of a bundle file.
     */
    private static Map<String, Long> fuzz(int count) throws Exception {
        Random random = new Random(1234);
        List<String> pieces = List.of("..", "%2e%2e", "%2E%2e", ".%2e", "%252e%252e", "%2f", "%2F", "%5c", "\\",
                "%00", "%c0%af", "%c0%ae", "%e0%80%af", "%ff", "%", "%zz", "//", "/./", ";", ";jsessionid=1", "?", "#",
                "etc/passwd", "META-INF", "manifest.json", "WEB-INF", "%u002e", "é", "%C3%A9", "~", "*", "a".repeat(300));
        List<String> assets = new ArrayList<>(v1.filePaths(Traffic.PREFIX));
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder path = new StringBuilder(random.nextInt(4) == 0 ? "/" : Traffic.PREFIX + "/");
            if (random.nextBoolean()) {
                String asset = assets.get(random.nextInt(assets.size())).substring(Traffic.PREFIX.length() + 1);
                int cut = random.nextInt(asset.length() + 1);
                path.append(asset, 0, cut);
            }
            int parts = random.nextInt(6);
            for (int p = 0; p < parts; p++) {
                switch (random.nextInt(3)) {
                    case 0 -> path.append(pieces.get(random.nextInt(pieces.size())));
                    case 1 -> path.append('/');
                    default -> path.append(String.format("%%%02x", random.nextInt(256)));
                }
            }
            paths.add(path.toString());
        }
        Map<String, Long> outcomes = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (String path : paths) {
                done.add(pool.submit(() -> outcomes.merge(fuzzOne(path), 1L, Long::sum)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        return new java.util.TreeMap<>(outcomes);
    }

    private static String fuzzOne(String path) {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Suite.LOOPBACK, origin.port()), 10_000);
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request);
            byte[] response = socket.getInputStream().readNBytes(2 * 1024 * 1024);
            String text = new String(response, StandardCharsets.ISO_8859_1);
            int eol = text.indexOf("\r\n");
            if (eol < 0) {
                return "closed without answer";
            }
            String status = text.substring(0, eol).split(" ")[1];
            if (status.equals("200")) {
                int bodyStart = text.indexOf("\r\n\r\n") + 4;
                byte[] body = java.util.Arrays.copyOfRange(response, bodyStart, response.length);
                return bundleDigests.contains(sha256(body)) ? "200 (a bundle file)" : "200 outside the bundle";
            }
            return status;
        } catch (IOException e) {
            return "reset";
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
