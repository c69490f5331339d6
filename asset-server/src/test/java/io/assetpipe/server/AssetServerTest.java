package io.assetpipe.server;

import io.assetpipe.http.RawHttp;
import io.assetpipe.http.AssetResponses;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.http.BundleException;
import io.assetpipe.http.LogicalPathPolicy;
import io.assetpipe.http.SlowReader;
import io.assetpipe.http.TestBundles;
import io.assetpipe.http.TestServer;
import io.assetpipe.http.Text;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The standalone server in-process: flags, probes and the drain. {@code StandaloneServerIT} runs the jar. */
class AssetServerTest {
    @TempDir
    Path temp;

    @Test
    void flagsAreParsedIntoSettings() {
        CommandLine cli = AssetServer.commandLine();
        cli.parseArgs("--port", "0", "--host", "127.0.0.1", "--bundle", "a.jar,b.jar", "--bundle", "dir",
                "--prefix", "/static", "--cors-origin", "none", "--cors-headers", "Range, hx-request,hx-target",
                "--logical-paths", "REDIRECT", "--shutdown-delay", "5", "--shutdown-grace", "3",
                "--write-timeout", "30", "--access-log");
        ServerSettings settings = ((AssetServer) cli.getCommand()).settings();
        assertEquals(new ServerSettings("127.0.0.1", 0, List.of(Path.of("a.jar"), Path.of("b.jar"), Path.of("dir")),
                "/static", null, List.of("Range", "hx-request", "hx-target"), LogicalPathPolicy.REDIRECT,
                Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(30), true), settings);
    }

    @Test
    void defaultsOfTheNewerFlags() {
        CommandLine cli = AssetServer.commandLine();
        cli.parseArgs("--bundle", "a.jar");
        ServerSettings settings = ((AssetServer) cli.getCommand()).settings();
        if (System.getenv("ASSET_CORS_HEADERS") == null && System.getenv("SHUTDOWN_DELAY") == null
                && System.getenv("ASSET_WRITE_TIMEOUT") == null) {
            assertEquals(AssetResponses.DEFAULT_CORS_ALLOWED_HEADERS, settings.corsAllowedHeaders());
            assertEquals(Duration.ZERO, settings.shutdownDelay());
            assertEquals(Duration.ofSeconds(60), settings.writeTimeout());
        }
        cli.parseArgs("--bundle", "a.jar", "--cors-headers", "none");
        assertEquals(List.of(), ((AssetServer) cli.getCommand()).settings().corsAllowedHeaders());
        cli.parseArgs("--bundle", "a.jar", "--write-timeout", "0");
        Text.that(assertThrows(IllegalArgumentException.class, ((AssetServer) cli.getCommand())::settings)
                .getMessage()).contains("--write-timeout must be >= 1");
    }

    @Test
    void helpNamesEveryFlagAndVariable() {
        StringWriter help = new StringWriter();
        AssetServer.commandLine().usage(new PrintWriter(help));
        for (String expected : List.of("--port", "--host", "--bundle", "--prefix", "--cors-origin", "--logical-paths",
                "--shutdown-grace", "--access-log", "--help", "--version", "PORT", "HOST", "ASSET_BUNDLES",
                "ASSET_PREFIX", "ASSET_CORS_ORIGIN", "ASSET_LOGICAL_PATHS", "SHUTDOWN_GRACE", "ASSET_ACCESS_LOG",
                "--cors-headers", "ASSET_CORS_HEADERS", "--shutdown-delay", "SHUTDOWN_DELAY", "--write-timeout",
                "ASSET_WRITE_TIMEOUT")) {
            Text.that(help.toString()).contains(expected);
        }
    }

    @Test
    void versionIsTheProjectVersion() throws Exception {
        String[] version = new AssetServer.Version().getVersion();
        assertTrue(version[0].matches("asset-server \\d+\\.\\d+\\.\\d+.*"), version[0]);
    }

    @Test
    void withoutABundleItRefusesToStart() {
        CommandLine cli = AssetServer.commandLine();
        cli.parseArgs("--port", "0");
        AssetServer command = cli.getCommand();
        if (command.value("--bundle") == null) { // ASSET_BUNDLES is not set where the tests run
            Text.that(assertThrows(IllegalArgumentException.class, command::settings).getMessage())
                    .contains("--bundle").contains("ASSET_BUNDLES");
        }
    }

    /** Far more than the socket buffers hold, so a response to a {@link SlowReader} stays in flight. */
    static byte[] big() {
        byte[] big = new byte[16 << 20];
        new java.util.Random(42).nextBytes(big);
        return big;
    }

    /** A standalone server on a free port serving only {@code big}, logging into {@code log}. */
    private RunningServer serveBig(byte[] big, Duration grace, boolean accessLog, ByteArrayOutputStream log)
            throws Exception {
        return serveBig(big, new ServerSettings("127.0.0.1", 0, List.of(), "/assets", "*",
                LogicalPathPolicy.SERVE, grace, accessLog), log);
    }

    /** As above, with {@code settings} but for the bundle. */
    private RunningServer serveBig(byte[] big, ServerSettings settings, ByteArrayOutputStream log) throws Exception {
        Path jar = TestBundles.builder().add("media/big.bin", "application/octet-stream", big)
                .writeJar(temp.resolve("big-assets.jar"));
        ServerSettings withBundle = new ServerSettings(settings.host(), settings.port(), List.of(jar),
                settings.prefix(), settings.corsOrigin(), settings.corsAllowedHeaders(), settings.logicalPaths(),
                settings.shutdownDelay(), settings.shutdownGrace(), settings.writeTimeout(), settings.accessLog());
        return RunningServer.start(withBundle, new Log(new PrintStream(log, true, StandardCharsets.UTF_8)));
    }

    private static String bigPath(byte[] big) {
        return "/assets/" + TestBundles.fingerprint("media/big.bin", TestBundles.sha256(big));
    }

    @Test
    void readyzTurns503AndInFlightRequestsFinishDuringShutdown() throws Exception {
        byte[] big = big();
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        RunningServer server = serveBig(big, Duration.ofSeconds(60), true, logBytes);
        String path = bigPath(big);
        try (SlowReader slow = SlowReader.open(server.port(), path)) {
            assertEquals(200, slow.status());
            assertEquals(200, TestServer.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/readyz")).build()).statusCode());

            CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.shutdown();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            int port = server.port();
            ProbeClient probes = new ProbeClient(port);
            probes.awaitStatus("/readyz", 503);
            assertEquals(200, probes.status("/healthz"), "alive while draining");
            assertEquals(503, probes.status(path), "new requests are turned away while draining");
            assertFalse(drained.isDone(), "the slow request is still in flight");

            byte[] body = slow.readBody();
            assertEquals(big.length, body.length);
            assertArrayEquals(big, body);
            assertTrue(drained.get(), "drained within the grace period");
        }
        String log = logBytes.toString(StandardCharsets.UTF_8);
        Text.that(log).contains(" INFO started ").contains("assets=1").contains("bytes=" + big.length)
                .contains(" INFO shutdown readyz=503 in_flight=1 grace_s=60")
                .contains(" INFO stopped drained=true in_flight=0")
                .contains(" INFO access 127.0.0.1 - - [").contains("\"GET " + path + " HTTP/1.1\" 200 " + big.length);
    }

    @Test
    void whenTheGracePeriodRunsOutTheServerStopsAndSaysSo() throws Exception {
        byte[] big = big();
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        RunningServer server = serveBig(big, Duration.ofSeconds(1), false, logBytes);
        String path = bigPath(big);
        try (SlowReader slow = SlowReader.open(server.port(), path)) {
            assertEquals(200, slow.status());
            long started = System.nanoTime();
            assertFalse(server.shutdown(), "the slow request never finished");
            assertTrue(System.nanoTime() - started >= Duration.ofSeconds(1).toNanos(), "waited the grace period");
        }
        Text.that(logBytes.toString(StandardCharsets.UTF_8))
                .contains(" INFO shutdown readyz=503 in_flight=1 grace_s=1")
                .contains(" INFO stopped drained=false ");
    }

    private static ServerSettings settings(Duration delay, Duration grace, Duration writeTimeout,
            List<String> corsHeaders) {
        return new ServerSettings("127.0.0.1", 0, List.of(), "/assets", "*", corsHeaders, LogicalPathPolicy.SERVE,
                delay, grace, writeTimeout, false);
    }

    @Test
    void halfClosedRequestsDoNotKeepTheDrainWaiting() throws Exception {
        byte[] big = big();
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        RunningServer server = serveBig(big, settings(Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(60),
                AssetResponses.DEFAULT_CORS_ALLOWED_HEADERS), logBytes);
        String path = bigPath(big);
        List<java.net.Socket> sockets = new ArrayList<>();
        try {
            // Each announces a 10-byte body, sends 3 bytes and half-closes: 100 answered from memory
            // at once (a range), 3 with the whole body, sent after handleRequest returned.
            for (int i = 0; i < 103; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                socket.setSoTimeout(30_000);
                String range = i < 100 ? "Range: bytes=0-9\r\n" : "";
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + range
                        + "Content-Length: 10\r\n\r\nabc").getBytes(StandardCharsets.ISO_8859_1));
                socket.shutdownOutput();
                sockets.add(socket);
            }
            for (Socket socket : sockets) {
                byte[] response = socket.getInputStream().readAllBytes();
                String head = new String(response, 0, Math.min(response.length, 12), StandardCharsets.ISO_8859_1);
                assertTrue(head.equals("HTTP/1.1 206") || head.equals("HTTP/1.1 200"), head);
            }
            long started = System.nanoTime();
            assertTrue(server.shutdown(), "every half-closed request counted as finished");
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(20).toNanos(),
                    "did not wait out the 30 s grace period");
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        Text.that(logBytes.toString(StandardCharsets.UTF_8)).contains(" INFO stopped drained=true in_flight=0");
    }

    @Test
    void aClientThatStopsReadingIsCutOffAfterTheWriteTimeout() throws Exception {
        byte[] big = big();
        RunningServer server = serveBig(big, settings(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1),
                AssetResponses.DEFAULT_CORS_ALLOWED_HEADERS), new ByteArrayOutputStream());
        try (SlowReader slow = SlowReader.open(server.port(), bigPath(big))) {
            assertEquals(200, slow.status());
            Thread.sleep(4_000); // reads nothing for four times the write timeout
            IOException cut = assertThrows(IOException.class, slow::readBody);
            Text.that(cut.getMessage()).contains("Content-Length said " + big.length);
        } finally {
            server.shutdown();
        }
    }

    @Test
    void duringTheShutdownDelayRequestsAreServedWhileReadyzIs503() throws Exception {
        byte[] big = big();
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        RunningServer server = serveBig(big, settings(Duration.ofSeconds(6), Duration.ofSeconds(5),
                Duration.ofSeconds(60), AssetResponses.DEFAULT_CORS_ALLOWED_HEADERS), logBytes);
        String range = "GET " + bigPath(big) + " HTTP/1.1\r\nHost: x\r\nRange: bytes=0-9\r\n\r\n";
        SlowReader slow = SlowReader.open(server.port(), bigPath(big)); // in flight throughout
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
            try {
                return server.shutdown();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        ProbeClient probes = new ProbeClient(server.port());
        probes.awaitStatus("/readyz", 503);
        // Still well inside the 6 s delay: served as usual, on a connection that stays open.
        assertEquals(206, RawHttp.parse(exchangeKeepingOpen(server.port(), range)).status());
        probes.awaitStatus(bigPath(big), 503);
        RawHttp.Response refused = RawHttp.send(server.port(), RawHttp.get(bigPath(big)).replace(
                "Connection: close\r\n", ""));
        assertEquals(503, refused.status());
        assertEquals("close", refused.header("connection"), "the drain's 503 closes the connection");
        assertFalse(drained.isDone(), "the slow response is still in flight");
        slow.close(); // the client goes away: its response ends, aborted
        assertTrue(drained.get(), "an aborted response ends the drain");
        Text.that(logBytes.toString(StandardCharsets.UTF_8))
                .contains(" INFO shutdown readyz=503 in_flight=1 grace_s=5 delay_s=6")
                .contains(" INFO draining in_flight=1")
                .contains(" INFO stopped drained=true in_flight=0");
    }

    /** Sends {@code request} and reads one response head without waiting for the server to close. */
    private static byte[] exchangeKeepingOpen(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed in the head: " + head);
                }
                head.write(b);
            }
            return head.toByteArray();
        }
    }

    @Test
    void aBundleWithoutAssetsRefusesToStart() throws Exception {
        Path empty = TestBundles.builder().writeDirectory(temp.resolve("empty"));
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, List.of(empty), "/assets", "*",
                LogicalPathPolicy.SERVE, Duration.ZERO, false);
        Text.that(assertThrows(BundleException.class,
                        () -> RunningServer.start(settings, new Log(System.out))).getMessage())
                .contains(empty.toString()).contains("lists no assets");
    }

    @Test
    void theStartLineSaysMemoryWhenNoLargeBodyIsStoredInAJar() throws Exception {
        Path directory = TestBundles.builder().add("media/big.bin", "application/octet-stream", big())
                .writeDirectory(temp.resolve("directory"));
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        RunningServer server = RunningServer.start(new ServerSettings("127.0.0.1", 0, List.of(directory), "/assets",
                "*", LogicalPathPolicy.SERVE, Duration.ZERO, false),
                new Log(new PrintStream(logBytes, true, StandardCharsets.UTF_8)));
        server.shutdown();
        Text.that(logBytes.toString(StandardCharsets.UTF_8)).contains(" large_bodies=memory ");
    }

    @Test
    void aPreflightAllowsTheConfiguredRequestHeaders() throws Exception {
        byte[] big = big();
        RunningServer server = serveBig(big, settings(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(60),
                List.of("hx-request", "hx-target", "hx-current-url")), new ByteArrayOutputStream());
        try {
            HttpResponse<byte[]> preflight = TestServer.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + bigPath(big)))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://app.example")
                    .header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "hx-request, hx-target")
                    .build());
            assertEquals(204, preflight.statusCode());
            assertEquals("hx-request, hx-target, hx-current-url",
                    preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""));
        } finally {
            server.shutdown();
        }
    }
}
