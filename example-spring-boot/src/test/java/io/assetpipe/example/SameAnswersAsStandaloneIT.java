package io.assetpipe.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.ManifestCodec;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spring Boot app (its packaged jar, the assets jar a plain dependency of it) and the
 * standalone origin ({@code asset-server}'s standalone jar serving the same assets jar) get the
 * same requests, and must give the same answers: status, body and every header that carries
 * meaning (Date, Server and connection management aside). Unknown paths are 404 on both; only
 * their error pages differ, so for them the status alone is compared.
 */
class SameAnswersAsStandaloneIT {
    private static final Pattern STARTED = Pattern.compile(" INFO started address=[^:]+:(\\d+) ");
    private static final List<String> COMPARED = List.of("content-type", "content-encoding", "content-length",
            "content-range", "cache-control", "etag", "last-modified", "vary", "accept-ranges",
            "x-content-type-options", "access-control-allow-origin", "access-control-expose-headers",
            "access-control-allow-methods", "access-control-allow-headers", "access-control-max-age", "allow",
            "location");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    private static AppProcess spring;
    private static Process standalone;
    private static int standalonePort;
    private static AssetManifest manifest;

    @BeforeAll
    static void start() throws Exception {
        Path assets = Path.of(System.getProperty("assets.jar"));
        try (ZipFile zip = new ZipFile(assets.toFile());
                InputStream in = zip.getInputStream(zip.getEntry("META-INF/assets/manifest.json"))) {
            manifest = ManifestCodec.read(in, assets + "!/META-INF/assets/manifest.json");
        }
        spring = AppProcess.start();
        Path log = Files.createTempFile("standalone", ".log");
        Path jar = Path.of(System.getProperty("standalone.jar"));
        assertTrue(Files.isRegularFile(jar), "run through Maven (failsafe) after asset-server's package: " + jar);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--bundle", assets.toString(), "--host", "127.0.0.1", "--port", "0")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("ASSET_") || name.equals("PORT"));
        standalone = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (standalonePort == 0) {
            Matcher started = STARTED.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (started.find()) {
                standalonePort = Integer.parseInt(started.group(1));
            } else if (System.nanoTime() > deadline || !standalone.isAlive()) {
                throw new AssertionError("the standalone origin did not start: " + Files.readString(log));
            } else {
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (standalone != null) {
            standalone.destroy();
            standalone.waitFor(20, TimeUnit.SECONDS);
        }
        if (spring != null) {
            spring.close();
        }
    }

    /** One request, as method, path and header name/value pairs. */
    private record Probe(String method, String path, String... headers) {
        @Override
        public String toString() {
            return method + " " + path + " " + String.join(" ", headers);
        }
    }

    @Test
    void everyAssetGetsTheSameAnswerFromBoth() throws Exception {
        List<Probe> probes = new ArrayList<>();
        for (Map.Entry<String, AssetEntry> asset : manifest.assets().entrySet()) {
            String fingerprinted = "/assets/" + asset.getValue().path();
            for (String path : List.of(fingerprinted, "/assets/" + asset.getKey())) {
                probes.add(new Probe("GET", path));
                for (String encoding : List.of("gzip", "br", "zstd", "gzip, deflate, br, zstd", "identity;q=0")) {
                    probes.add(new Probe("GET", path, "Accept-Encoding", encoding));
                }
                probes.add(new Probe("HEAD", path, "Accept-Encoding", "br"));
            }
            probes.add(new Probe("GET", fingerprinted, "Range", "bytes=0-99"));
            probes.add(new Probe("GET", fingerprinted, "Accept-Encoding", "gzip", "Range", "bytes=-10"));
            probes.add(new Probe("GET", fingerprinted, "Range", "bytes=999999999-"));
            probes.add(new Probe("GET", fingerprinted, "If-Modified-Since", "Thu, 01 Jan 2099 00:00:00 GMT"));
            probes.add(new Probe("OPTIONS", fingerprinted));
            probes.add(new Probe("OPTIONS", fingerprinted, "Origin", "https://app.example",
                    "Access-Control-Request-Method", "GET"));
            probes.add(new Probe("POST", fingerprinted));
            probes.add(new Probe("DELETE", fingerprinted));
        }
        probes.add(new Probe("GET", "/assets/css/no-such-file.css"));
        probes.add(new Probe("GET", "/assets/manifest.json"));

        int compared = 0;
        for (Probe probe : probes) {
            HttpResponse<byte[]> origin = send(standalonePort, probe);
            HttpResponse<byte[]> boot = send(springPort(), probe);
            assertEquals(origin.statusCode(), boot.statusCode(), probe.toString());
            if (origin.statusCode() != 404) {
                assertEquals(meaningful(origin), meaningful(boot), probe.toString());
                assertArrayEquals(origin.body(), boot.body(), probe.toString());
            }
            // Revalidation with the tag each one sent: 304 from both, with the same headers.
            String etag = origin.headers().firstValue("ETag").orElse(null);
            if (etag != null && probe.method().equals("GET") && probe.headers().length <= 2) {
                List<String> conditional = new ArrayList<>(List.of(probe.headers()));
                conditional.addAll(List.of("If-None-Match", etag));
                Probe revalidate = new Probe("GET", probe.path(), conditional.toArray(String[]::new));
                HttpResponse<byte[]> origin304 = send(standalonePort, revalidate);
                HttpResponse<byte[]> boot304 = send(springPort(), revalidate);
                assertEquals(304, origin304.statusCode(), revalidate.toString());
                assertEquals(304, boot304.statusCode(), revalidate.toString());
                assertEquals(meaningful(origin304), meaningful(boot304), revalidate.toString());
            }
            compared++;
        }
        assertTrue(compared > 100, "compared " + compared + " requests over " + manifest.assets().size() + " assets");
    }

    private static int springPort() {
        return URI.create(spring.baseUrl()).getPort();
    }

    private static HttpResponse<byte[]> send(int port, Probe probe) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + probe.path()))
                .timeout(Duration.ofSeconds(10))
                .method(probe.method(), HttpRequest.BodyPublishers.noBody());
        if (probe.headers().length > 0) {
            request.headers(probe.headers());
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The headers that carry meaning, lower-cased, media type parameters written one way. */
    private static Map<String, List<String>> meaningful(HttpResponse<?> response) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (COMPARED.contains(lower)) {
                headers.put(lower, lower.equals("content-type")
                        ? values.stream().map(v -> v.replace(";charset", "; charset")).toList()
                        : values);
            }
        });
        return headers;
    }
}
