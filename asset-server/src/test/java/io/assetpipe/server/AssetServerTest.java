package io.assetpipe.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.http.LogicalPathPolicy;
import io.assetpipe.http.SlowReader;
import io.assetpipe.http.TestBundles;
import io.assetpipe.http.TestServer;
import io.assetpipe.http.Text;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
                "--prefix", "/static", "--cors-origin", "none", "--logical-paths", "REDIRECT",
                "--shutdown-grace", "3", "--access-log");
        ServerSettings settings = ((AssetServer) cli.getCommand()).settings();
        assertEquals(new ServerSettings("127.0.0.1", 0, List.of(Path.of("a.jar"), Path.of("b.jar"), Path.of("dir")),
                "/static", null, LogicalPathPolicy.REDIRECT, Duration.ofSeconds(3), true), settings);
    }

    @Test
    void helpNamesEveryFlagAndVariable() {
        StringWriter help = new StringWriter();
        AssetServer.commandLine().usage(new PrintWriter(help));
        for (String expected : List.of("--port", "--host", "--bundle", "--prefix", "--cors-origin", "--logical-paths",
                "--shutdown-grace", "--access-log", "--help", "--version", "PORT", "HOST", "ASSET_BUNDLES",
                "ASSET_PREFIX", "ASSET_CORS_ORIGIN", "ASSET_LOGICAL_PATHS", "SHUTDOWN_GRACE", "ASSET_ACCESS_LOG")) {
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
        Path jar = TestBundles.builder().add("media/big.bin", "application/octet-stream", big)
                .writeJar(temp.resolve("big-assets.jar"));
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, List.of(jar), "/assets", "*",
                LogicalPathPolicy.SERVE, grace, accessLog);
        return RunningServer.start(settings, new Log(new PrintStream(log, true, StandardCharsets.UTF_8)));
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
            assertEquals(200, TestServer.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + server.port() + "/readyz")).build()).statusCode());

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
}
