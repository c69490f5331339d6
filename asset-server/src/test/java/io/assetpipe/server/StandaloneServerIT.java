package io.assetpipe.server;

import static io.assetpipe.manifest.ContentEncoding.BR;
import static io.assetpipe.manifest.ContentEncoding.GZIP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.assetpipe.http.SlowReader;
import io.assetpipe.http.TestBundles;
import io.assetpipe.http.TestServer;
import io.assetpipe.http.Text;
import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.ManifestCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code asset-server-<version>-standalone.jar} as a child process: configuration
 * from the environment with a flag overriding it, a bad bundle, and SIGTERM with a request in
 * flight ({@link Process#destroy()} sends SIGTERM on Linux and macOS).
 */
class StandaloneServerIT {
    static final Pattern STARTED = Pattern.compile(" INFO started address=[^:]+:(\\d+) ");
    private static final Path STANDALONE_JAR =
            Path.of(System.getProperty("standalone.jar", "target/asset-server-standalone.jar"));

    @TempDir
    Path temp;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    /**
     * A running child. Its output goes to a file rather than a pipe because {@link Process#destroy()}
     * closes the parent's end of the pipes, and the test must read the log after SIGTERM.
     */
    record Child(Process process, Path log) {
        /** Waits up to 60 s for a line containing {@code fragment} and returns it. */
        String await(String fragment) throws InterruptedException, IOException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            do {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    if (line.contains(fragment)) {
                        return line;
                    }
                }
                if (!process.isAlive() && process.waitFor(0, TimeUnit.SECONDS)) {
                    break; // exited: the log is complete and has no such line
                }
                Thread.sleep(50);
            } while (System.nanoTime() < deadline);
            throw new AssertionError("no line with \"" + fragment + "\"; output: " + output());
        }

        String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }
    }

    private Child start(Map<String, String> env, String... args) throws IOException {
        return start(STANDALONE_JAR, env, args);
    }

    private Child start(Path jar, Map<String, String> env, String... args) throws IOException {
        return start(jar, List.of(), env, args);
    }

    private Child start(Path jar, List<String> jvmOptions, Map<String, String> env, String... args)
            throws IOException {
        assertTrue(Files.isRegularFile(jar), "run through Maven (failsafe) after package: " + jar);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(temp, "server", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("ASSET_") || name.equals("PORT")
                || name.equals("HOST") || name.equals("SHUTDOWN_GRACE"));
        builder.environment().putAll(env);
        Process process = builder.start();
        processes.add(process);
        return new Child(process, log);
    }

    @Test
    void sigtermLetsTheRequestInFlightFinishAndExitsZero() throws Exception {
        byte[] big = new byte[16 << 20];
        new Random(7).nextBytes(big);
        byte[] jquery = TestBundles.jquery();
        TestBundles.Builder site = TestBundles.builder()
                .add("js/jquery.js", "text/javascript; charset=utf-8", jquery, BR, GZIP)
                .add("media/big.bin", "application/octet-stream", big);
        Path bundle = site.writeJar(temp.resolve("site-assets.jar"));
        AssetEntry js = site.manifest().assets().get("js/jquery.js");
        String bigPath = "/static/" + site.manifest().assets().get("media/big.bin").path();

        // Environment for everything; the --prefix flag overrides ASSET_PREFIX.
        Child child = start(Map.of("HOST", "127.0.0.1", "PORT", "0", "ASSET_BUNDLES", bundle.toString(),
                "ASSET_PREFIX", "/ignored", "SHUTDOWN_GRACE", "60", "ASSET_ACCESS_LOG", "true"), "--prefix", "/static");
        int port = port(child);
        Text.that(child.output()).contains("prefix=/static").contains("bundles=1").contains("assets=2")
                .contains("files=4").contains("sources=" + bundle)
                // The jar's manifest opens sun.nio.ch, so large bodies (big.bin below) leave corked.
                .contains(System.getProperty("os.name").startsWith("Linux")
                        ? "large_bodies=sendfile+cork" : "large_bodies=sendfile+nagle");

        ProbeClient probes = new ProbeClient(port);
        assertEquals(200, probes.status("/healthz"));
        assertEquals(200, probes.status("/readyz"));
        HttpResponse<byte[]> br = TestServer.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/static/" + js.path()))
                .header("Accept-Encoding", "br").build());
        assertEquals(200, br.statusCode());
        assertEquals("br", br.headers().firstValue("Content-Encoding").orElseThrow());
        assertArrayEquals(jquery, TestBundles.decode(BR, br.body(), jquery.length));
        child.await(" INFO access 127.0.0.1 - - [");

        try (SlowReader slow = SlowReader.open(port, bigPath)) {
            assertEquals(200, slow.status());
            child.process().destroy(); // SIGTERM
            child.await(" INFO signal name=SIGTERM");
            child.await(" INFO shutdown readyz=503 in_flight=1 grace_s=60");
            probes.awaitStatus("/readyz", 503);
            assertEquals(200, probes.status("/healthz"), "alive while draining");
            assertTrue(child.process().isAlive(), "waits for the request in flight");

            assertArrayEquals(big, slow.readBody());
        }
        assertTrue(child.process().waitFor(60, TimeUnit.SECONDS), child.output());
        assertEquals(0, child.process().exitValue(), child.output());
        Text.that(child.output()).contains(" INFO stopped drained=true in_flight=0");
    }

    @Test
    void sendfileCanBeSwitchedOffForDeploysThatOverwriteTheJarInPlace() throws Exception {
        byte[] jquery = TestBundles.jquery(); // 256 KB: above the sendfile threshold
        TestBundles.Builder site = TestBundles.builder().add("js/jquery.js", "text/javascript; charset=utf-8", jquery);
        Path bundle = site.writeJar(temp.resolve("memory-assets.jar"));
        Child child = start(STANDALONE_JAR, List.of("-Dassetpipe.sendfile=false"), Map.of(),
                "--bundle", bundle.toString(), "--host", "127.0.0.1", "--port", "0");
        int port = port(child);
        Text.that(child.output()).contains("large_bodies=memory");
        HttpResponse<byte[]> response = TestServer.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/assets/" + site.manifest().assets().get("js/jquery.js").path())).build());
        assertArrayEquals(jquery, response.body());
        child.process().destroy();
        assertTrue(child.process().waitFor(60, TimeUnit.SECONDS), child.output());
    }

    @Test
    void aBadBundleStopsStartUpNamingTheFile() throws Exception {
        TestBundles.Builder site = TestBundles.builder()
                .add("css/site.css", "text/css; charset=utf-8", "body{margin:0}\n".getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> entries = new TreeMap<>(site.files());
        String css = site.manifest().assets().get("css/site.css").path();
        entries.put(css, "body{margin:1}\n".getBytes(StandardCharsets.UTF_8));
        entries.put(ManifestCodec.FILE_NAME, ManifestCodec.write(site.manifest()));
        Path bad = TestBundles.Builder.writeJar(temp.resolve("bad-assets.jar"), entries);

        Child child = start(Map.of("PORT", "0", "HOST", "127.0.0.1"), "--bundle", bad.toString());
        assertTrue(child.process().waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, child.process().exitValue());
        child.await(" ERROR start-failed " + bad + "!/META-INF/assets/" + css + ": sha256 ");
    }

    @Test
    void tooLittleDirectMemoryIsAStartUpErrorNamingTheFileAndTheSetting() throws Exception {
        byte[] big = new byte[4 << 20];
        new Random(3).nextBytes(big);
        TestBundles.Builder site = TestBundles.builder().add("media/big.bin", "application/octet-stream", big);
        Path bundle = site.writeJar(temp.resolve("big-assets.jar"));
        String file = site.manifest().assets().get("media/big.bin").path();

        Child child = start(STANDALONE_JAR,
                List.of("-XX:MaxDirectMemorySize=1m"), Map.of("PORT", "0", "HOST", "127.0.0.1"),
                "--bundle", bundle.toString());
        assertTrue(child.process().waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, child.process().exitValue(), child.output());
        String line = child.await(" ERROR start-failed " + bundle + "!/META-INF/assets/" + file + ": no direct memory");
        assertTrue(line.contains("-XX:MaxDirectMemorySize"), line);
    }

    /** docs/server.md (Start-up) recommends a runtime image of exactly these modules. */
    @Test
    void runsWithOnlyTheModulesTheStartUpDocsName() throws Exception {
        byte[] jquery = TestBundles.jquery();
        TestBundles.Builder site = TestBundles.builder()
                .add("js/jquery.js", "text/javascript; charset=utf-8", jquery, GZIP);
        Path bundle = site.writeJar(temp.resolve("site-assets.jar"));
        Child child = start(STANDALONE_JAR,
                List.of("--limit-modules", "java.base,java.logging,java.security.sasl,jdk.unsupported"),
                Map.of("PORT", "0", "HOST", "127.0.0.1", "ASSET_ACCESS_LOG", "true"), "--bundle", bundle.toString());
        int port = port(child);
        assertEquals(200, new ProbeClient(port).status("/readyz"));
        HttpResponse<byte[]> gzip = TestServer.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/assets/" + site.manifest().assets().get("js/jquery.js").path()))
                .header("Accept-Encoding", "gzip").build());
        assertEquals(200, gzip.statusCode());
        assertArrayEquals(jquery, TestBundles.decode(GZIP, gzip.body(), jquery.length));
        child.await(" INFO access 127.0.0.1 - - [");
        child.process().destroy(); // SIGTERM
        assertTrue(child.process().waitFor(60, TimeUnit.SECONDS), child.output());
        assertEquals(0, child.process().exitValue(), child.output());
    }

    /**
     * docs/server.md (Start-up): an AOT cache trained in the image build stores every class the
     * server loads, picocli's included (its jar's Java 5 class files could not be stored; the
     * standalone jar carries them rebuilt at release 17), and a run with that cache serves.
     */
    @Test
    void anAotCacheTrainedOnTheStandaloneJarHoldsItsClasses() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches from a training run need JDK 25");
        TestBundles.Builder site = TestBundles.builder()
                .add("js/app.js", "text/javascript; charset=utf-8", "console.log('aot');\n".repeat(20).getBytes(StandardCharsets.UTF_8), GZIP);
        Path bundle = site.writeJar(temp.resolve("site-assets.jar"));
        String url = "/assets/" + site.manifest().assets().get("js/app.js").path();
        Path cache = temp.resolve("asset-server.aot");
        Map<String, String> env = Map.of("PORT", "0", "HOST", "127.0.0.1");

        Child training = start(STANDALONE_JAR, List.of("-XX:AOTCacheOutput=" + cache), env, "--bundle", bundle.toString());
        assertEquals(200, new ProbeClient(port(training)).status(url));
        training.process().destroy(); // SIGTERM: the JVM writes the cache as it exits
        assertTrue(training.process().waitFor(120, TimeUnit.SECONDS), training.output());
        assertTrue(Files.size(cache) > 0, training.output());
        List<String> skipped = training.output().lines()
                .filter(line -> line.contains("[aot] Skipping") && (line.contains(" picocli/") || line.contains(" io/assetpipe/")))
                .toList();
        assertEquals(List.of(), skipped, "classes the AOT cache could not store");

        Child cached = start(STANDALONE_JAR, List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on", "-XX:CompileThresholdScaling=10"), env,
                "--bundle", bundle.toString());
        assertEquals(200, new ProbeClient(port(cached)).status(url));
        cached.process().destroy();
        assertTrue(cached.process().waitFor(60, TimeUnit.SECONDS), cached.output());
        assertEquals(0, cached.process().exitValue(), cached.output());
    }

    private static int port(Child child) throws Exception {
        Matcher started = STARTED.matcher(child.await(" INFO started "));
        assertTrue(started.find(), child.output());
        return Integer.parseInt(started.group(1));
    }

    @Test
    void versionAndHelp() throws Exception {
        Child version = start(Map.of(), "--version");
        assertTrue(version.process().waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, version.process().exitValue());
        version.await("asset-server " + System.getProperty("assetpipe.version", "(run through Maven)"));
        Child help = start(Map.of(), "--help");
        assertTrue(help.process().waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, help.process().exitValue());
        help.await("ASSET_BUNDLES");
    }

    @Test
    void theThinJarRunsWithItsLibDirectory() throws Exception {
        Path thin = Path.of(System.getProperty("thin.jar", "target/asset-server.jar"));
        assertTrue(Files.isDirectory(thin.resolveSibling("lib")), "dependency:copy-dependencies fills target/lib");
        Child version = start(thin, Map.of(), "--version");
        assertTrue(version.process().waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, version.process().exitValue(), version.output());
        version.await("asset-server " + System.getProperty("assetpipe.version", "(run through Maven)"));
    }
}
