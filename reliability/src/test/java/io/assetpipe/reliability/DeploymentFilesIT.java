package io.assetpipe.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.assetpipe.reliability.bundle.Release;
import io.assetpipe.reliability.bundle.ReleaseBuilder;
import io.assetpipe.reliability.harness.Http;
import io.assetpipe.reliability.harness.ManagedProcess;
import io.assetpipe.reliability.harness.Origin;
import io.assetpipe.reliability.harness.ProcessGroup;
import io.assetpipe.reliability.harness.Report;
import io.assetpipe.reliability.harness.Suite;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The files in {@code deploy/} are what operators copy, so they are checked like code: the
 * Kubernetes YAML parses and its probes, drain timing and selectors agree; the HAProxy, Varnish and
 * nginx configurations are accepted by the real programs, and nginx is run in front of real origins.
 */
class DeploymentFilesIT {
    private static final String SECTION = "7 Deployment files";
    /** The Kubernetes API schemas (OpenAPI) the manifests are checked against, from the npm registry. */
    private static final String KUBERNETES_MODELS = "5.1.0";
    private static final ProcessGroup processes = new ProcessGroup("deployment-files");
    private static Map<String, JsonNode> manifests;

    @BeforeAll
    static void parse() throws Exception {
        Suite.freshDir("deployment-files");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        manifests = new HashMap<>();
        try (var parser = yaml.getFactory().createParser(Suite.deployFile("kubernetes.yaml").toFile())) {
            for (var it = yaml.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode doc = it.next();
                manifests.put(doc.path("kind").asText(), doc);
            }
        }
    }

    @AfterAll
    static void stop() {
        processes.close();
    }

    @Test
    void kubernetesManifestsAgreeWithTheServerContract() {
        JsonNode deployment = kind("Deployment");
        JsonNode pod = deployment.path("spec").path("template");
        JsonNode container = pod.path("spec").path("containers").path(0);
        Map<String, String> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));

        assertEquals("/readyz", container.at("/readinessProbe/httpGet/path").asText(), "readiness probe");
        assertEquals("/healthz", container.at("/livenessProbe/httpGet/path").asText(), "liveness probe");
        assertEquals("http", container.at("/readinessProbe/httpGet/port").asText());
        assertEquals("http", container.at("/livenessProbe/httpGet/port").asText());
        int containerPort = container.at("/ports/0/containerPort").asInt();
        assertEquals("http", container.at("/ports/0/name").asText());
        assertEquals(Integer.toString(containerPort), env.get("PORT"), "PORT env = containerPort");
        assertEquals("0.0.0.0", env.get("HOST"), "listens on the pod's address");
        assertNotNull(env.get("ASSET_BUNDLES"), "ASSET_BUNDLES is configured");

        int shutdownGrace = Integer.parseInt(env.getOrDefault("SHUTDOWN_GRACE", "10"));
        int shutdownDelay = Integer.parseInt(env.getOrDefault("SHUTDOWN_DELAY", "0"));
        int preStop = container.at("/lifecycle/preStop").isMissingNode()
                ? 0 : preStopSeconds(container.at("/lifecycle/preStop"));
        int serving = preStop + shutdownDelay; // after the pod turns Terminating, still answering normally
        int terminationGrace = pod.at("/spec/terminationGracePeriodSeconds").asInt();
        assertTrue(serving > 0, "SHUTDOWN_DELAY (or a preStop sleep) lets balancers drop the pod first");
        assertTrue(terminationGrace >= serving + shutdownGrace, "terminationGracePeriodSeconds " + terminationGrace
                + " >= SHUTDOWN_DELAY " + shutdownDelay + " + preStop " + preStop + " + SHUTDOWN_GRACE " + shutdownGrace);
        int haproxyDetection = haproxyDetectionSeconds();
        assertTrue(haproxyDetection <= serving, "HAProxy (deploy/haproxy.cfg) notices a not-ready instance within "
                + haproxyDetection + " s, inside the " + serving + " s it is still served");
        // The image of docs/server.md runs as it is: its ENTRYPOINT carries the runtime, the AOT cache
        // and their flags (imageEntrypointStartsWithTheManifestsEnvironment runs it).
        assertTrue(container.path("command").isMissingNode() && container.path("args").isMissingNode(),
                "no command or args overriding the image's ENTRYPOINT");
        assertTrue(container.path("image").asText().matches(".+@sha256:[0-9a-f]{64}"), "image pinned by digest: "
                + container.path("image").asText());
        assertTrue(container.at("/readinessProbe/failureThreshold").asInt() >= 2
                        && container.at("/readinessProbe/timeoutSeconds").asInt() >= 2,
                "one slow readiness answer does not take the pod out");

        for (String kind : List.of("requests", "limits")) {
            assertFalse(container.at("/resources/" + kind + "/memory").asText().isEmpty(), kind + ".memory");
            assertFalse(container.at("/resources/" + kind + "/cpu").asText().isEmpty(), kind + ".cpu");
        }

        Map<String, String> podLabels = labels(pod.at("/metadata/labels"));
        assertContains(podLabels, labels(deployment.at("/spec/selector/matchLabels")), "Deployment selector");
        assertContains(podLabels, labels(kind("Service").at("/spec/selector")), "Service selector");
        assertContains(podLabels, labels(kind("PodDisruptionBudget").at("/spec/selector/matchLabels")), "PDB selector");
        assertEquals("http", kind("Service").at("/spec/ports/0/targetPort").asText(), "Service targets the named port");
        assertEquals(0, deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt(), "never below capacity");
        assertTrue(deployment.at("/spec/replicas").asInt()
                > kind("PodDisruptionBudget").at("/spec/maxUnavailable").asInt(), "the PDB leaves instances serving");

        Report.figure(SECTION, "deploy/kubernetes.yaml: readiness /readyz (timeout 2 s, 2 failures), liveness "
                + "/healthz, SHUTDOWN_DELAY " + shutdownDelay + " s + SHUTDOWN_GRACE " + shutdownGrace
                + " s <= terminationGracePeriodSeconds " + terminationGrace + " s; HAProxy detection "
                + haproxyDetection + " s <= SHUTDOWN_DELAY; no command/args over the image's ENTRYPOINT; image by "
                + "digest; PDB and Service select the pods");
    }

    /**
     * deploy/kubernetes.yaml against the Kubernetes API's schemas: the npm package kubernetes-models
     * (its validate() checks a document against the OpenAPI schema of its kind), installed from the
     * npm registry into target/.
     */
    @Test
    void kubernetesManifestsPassTheApiSchemas() throws Exception {
        Path dir = Suite.workDir().resolve("kubernetes-schema");
        Files.createDirectories(dir);
        Path script = dir.resolve("validate-kubernetes.mjs");
        try (var in = DeploymentFilesIT.class.getResourceAsStream("/validate-kubernetes.mjs")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(dir.resolve("node_modules/kubernetes-models"))) {
            ManagedProcess npm = processes.start("npm-install", List.of("npm", "install", "--prefix", dir.toString(),
                    "--no-audit", "--no-fund", "kubernetes-models@" + KUBERNETES_MODELS, "js-yaml@4.1.0"), Map.of());
            assertEquals(0, npm.awaitExit(Duration.ofSeconds(300)), npm.logTail());
        }
        ManagedProcess node = processes.start("kubernetes-schema", List.of("node", script.toString(),
                Suite.deployFile("kubernetes.yaml").toString()), Map.of());
        int exit = node.awaitExit(Duration.ofSeconds(60));
        List<String> verdicts = node.log().lines().filter(l -> l.startsWith("valid") || l.startsWith("invalid")
                || l.startsWith("unknown")).toList();
        Report.figure(SECTION, "deploy/kubernetes.yaml against the API schemas (npm kubernetes-models "
                + KUBERNETES_MODELS + "): " + verdicts);
        assertEquals(0, exit, node.logTail());
        assertEquals(3, verdicts.stream().filter(v -> v.startsWith("valid ")).count(), node.logTail());
    }

    @Test
    void haproxyAndVarnishAcceptTheShippedConfigurations() throws Exception {
        for (int origins : List.of(1, 2, 5, 16)) {
            Map<String, String> env = new HashMap<>(Map.of("HAPROXY_BIND", "127.0.0.1:1"));
            for (int i = 1; i <= origins; i++) {
                env.put("ASSET_ORIGIN_" + i, "127.0.0.1:" + (1000 + i));
            }
            ManagedProcess haproxy = processes.start("haproxy-check-" + origins,
                    List.of("haproxy", "-c", "-f", Suite.deployFile("haproxy.cfg").toString()), env);
            assertEquals(0, haproxy.awaitExit(Duration.ofSeconds(30)), haproxy.logTail());
        }
        ManagedProcess varnish = processes.start("varnish-check",
                List.of("varnishd", "-C", "-f", Suite.deployFile("varnish-cdn.vcl").toString()), Map.of());
        assertEquals(0, varnish.awaitExit(Duration.ofSeconds(60)), varnish.logTail());
    }

    @Test
    void nginxConfigurationFrontsRealOriginsAndKeepsServingWhenTheyStop() throws Exception {
        Path dir = Suite.workDir().resolve("deployment-files");
        Release v1 = ReleaseBuilder.v1(dir);
        List<Origin> origins = Origin.startAll(processes, "origin", 2, List.of(v1.jar()), 2);
        int port = Suite.freePort();
        String shipped = Files.readString(Suite.deployFile("nginx-origin.conf"), StandardCharsets.UTF_8);
        String conf = replaceOnce(shipped, "server 127.0.0.1:8080;", "server " + origins.get(0).address() + ";");
        conf = replaceOnce(conf, "server 127.0.0.1:8082;", "server " + origins.get(1).address() + ";");
        conf = replaceOnce(conf, "listen 8081;", "listen 127.0.0.1:" + port + ";");
        conf = replaceOnce(conf, "/var/cache/nginx/assets", dir.resolve("nginx-cache").toString());
        Path site = dir.resolve("nginx-origin.conf");
        Files.writeString(site, conf, StandardCharsets.UTF_8);
        // The surrounding nginx.conf a distribution provides, pointed at target/.
        Path main = dir.resolve("nginx.conf");
        Files.writeString(main, """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log stderr notice;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/client_temp;
                    proxy_temp_path %1$s/proxy_temp;
                    fastcgi_temp_path %1$s/fastcgi_temp;
                    uwsgi_temp_path %1$s/uwsgi_temp;
                    scgi_temp_path %1$s/scgi_temp;
                    include %2$s;
                }
                """.formatted(dir, site), StandardCharsets.UTF_8);
        ManagedProcess nginx = processes.start("nginx", List.of("nginx", "-p", dir.toString(), "-c", main.toString()),
                Map.of());
        URI base = URI.create("http://127.0.0.1:" + port);
        Suite.await("nginx listening", Duration.ofSeconds(30), () -> {
            if (!nginx.isAlive()) {
                throw new AssertionError("nginx exited\n" + nginx.logTail());
            }
            return Http.status(base.resolve("/nginx-health")) == 200;
        }, nginx::logTail);

        String css = Traffic.PREFIX + "/" + v1.asset("css/site.css").path();
        byte[] gz = v1.content().get(v1.asset("css/site.css").path() + ".gz");
        byte[] zst = v1.content().get(v1.asset("css/site.css").path() + ".zst");
        HttpResponse<byte[]> miss = Http.get(base.resolve(css), "Accept-Encoding", "gzip");
        assertEquals(200, miss.statusCode());
        assertEquals("MISS", miss.headers().firstValue("X-Cache-Status").orElse(""));
        assertEquals("public, max-age=31536000, immutable", miss.headers().firstValue("Cache-Control").orElse(""));
        HttpResponse<byte[]> hit = Http.get(base.resolve(css), "Accept-Encoding", "gzip");
        assertEquals("HIT", hit.headers().firstValue("X-Cache-Status").orElse(""));
        assertEquals("gzip", hit.headers().firstValue("Content-Encoding").orElse(""));
        assertArrayEquals(gz, hit.body());
        assertTrue(hit.headers().firstValue("ETag").isPresent(), "ETag passes through");
        HttpResponse<byte[]> zstd = Http.get(base.resolve(css), "Accept-Encoding", "zstd");
        assertEquals("zstd", zstd.headers().firstValue("Content-Encoding").orElse(""), "Vary honoured by the cache");
        assertArrayEquals(zst, zstd.body());
        Http.get(base.resolve(css), "Accept-Encoding", "zstd");

        // A 50 MB upload is refused at once (client_max_body_size), never spooled to disk.
        String refused = post(port, css, 50L << 20);
        Path clientTemp = dir.resolve("client_temp");
        long spooled;
        try (var files = Files.walk(clientTemp)) {
            spooled = files.filter(Files::isRegularFile).count();
        } catch (java.nio.file.NoSuchFileException e) {
            spooled = 0;
        }
        assertTrue(refused.startsWith("HTTP/1.1 413"), "a 50 MB POST: " + refused);
        assertEquals(0, spooled, "nothing spooled under " + clientTemp);

        for (Origin origin : origins) {
            origin.process().terminate();
            origin.process().awaitExit(Duration.ofSeconds(30));
        }
        HttpResponse<byte[]> cached = Http.get(base.resolve(css), "Accept-Encoding", "gzip");
        assertEquals(200, cached.statusCode(), "served from nginx's cache with no origin");
        assertArrayEquals(gz, cached.body());
        HttpResponse<byte[]> cachedZstd = Http.get(base.resolve(css), "Accept-Encoding", "zstd");
        assertEquals(200, cachedZstd.statusCode());
        assertArrayEquals(zst, cachedZstd.body());
        int uncached = Http.status(base.resolve(Traffic.PREFIX + "/" + v1.asset("js/app.js").path()));
        assertEquals(502, uncached, "what the cache never saw is gone with the origins");
        Report.figure(SECTION, "deploy/nginx-origin.conf in front of 2 real origins: MISS then HIT per encoding "
                + "(gzip and zstd variants of one URL), immutable Cache-Control and ETag passed through; with both "
                + "origins stopped the cached variants are still served 200, an uncached URL gets " + uncached
                + "; a 50 MB POST is answered " + refused.substring(9, 12) + " with nothing spooled to disk");
    }

    /**
     * The container of deploy/kubernetes.yaml as the kubelet would start it: the image that
     * docs/server.md's Dockerfile builds (its jlink runtime, its training run writing the AOT cache,
     * its ENTRYPOINT and ENV, with the image's /opt and /app under target/), started with the
     * manifest's environment. Only PORT and HOST (loopback) and SHUTDOWN_DELAY (1 s, to keep the
     * suite short) are changed, and ASSET_BUNDLES points at the same file under target/.
     */
    @Test
    void imageEntrypointStartsWithTheManifestsEnvironment() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the image's AOT cache needs JDK 25's tools");
        String markdown = Files.readString(Suite.projectRoot().resolve("docs/server.md"), StandardCharsets.UTF_8);
        int open = markdown.indexOf("```dockerfile\n");
        assertTrue(open >= 0, "docs/server.md has a dockerfile block");
        String dockerfile = markdown.substring(open + 14, markdown.indexOf("\n```", open + 14));
        List<String> instructions = dockerfile.replace("\\\n", " ").lines().map(String::strip).toList();
        Path image = Suite.freshDir("deployment-files-image");
        Path app = Files.createDirectories(image.resolve("app"));
        java.util.function.UnaryOperator<String> inImage = text -> text.replace("/opt/jre", image + "/opt/jre")
                .replace("/app/", app + "/").replace("/app ", app + " ");
        Release v1 = ReleaseBuilder.v1(Suite.workDir().resolve("deployment-files"));
        Files.copy(Origin.serverJar(), app.resolve("asset-server-standalone.jar"));
        Files.copy(v1.jar(), app.resolve("site-assets.jar"));
        assertTrue(instructions.contains("COPY asset-server-standalone.jar site-assets.jar /app/"), dockerfile);

        String jdkBin = Path.of(System.getProperty("java.home"), "bin").toString();
        Map<String, String> path = Map.of("PATH", jdkBin + ":" + System.getenv("PATH"));
        int trainingPort = Suite.freePort();
        for (String run : instructions.stream().filter(i -> i.startsWith("RUN jlink") || i.startsWith("RUN /opt/jre"))
                .toList()) {
            String command = inImage.apply(run.substring(4)).replace("8080", Integer.toString(trainingPort));
            ManagedProcess step = processes.start("image-" + command.substring(0, command.indexOf(' ')).replaceAll(
                    ".*/", ""), List.of("bash", "-c", command), path);
            assertEquals(0, step.awaitExit(Duration.ofSeconds(300)), step.logTail());
        }
        assertTrue(Files.size(app.resolve("asset-server.aot")) > 0, "the training run wrote the AOT cache");

        String entrypointJson = instructions.stream().filter(i -> i.startsWith("ENTRYPOINT ")).findFirst()
                .orElseThrow().substring("ENTRYPOINT ".length());
        List<String> entrypoint = new ArrayList<>();
        new ObjectMapper().readTree(entrypointJson).forEach(arg -> entrypoint.add(inImage.apply(arg.asText())));
        Map<String, String> env = new HashMap<>();
        instructions.stream().filter(i -> i.startsWith("ENV ")).forEach(i -> {
            String[] pair = i.substring(4).split("=", 2);
            env.put(pair[0], inImage.apply(pair[1]));
        });
        JsonNode container = kind("Deployment").at("/spec/template/spec/containers/0");
        container.path("env").forEach(e -> env.put(e.path("name").asText(), inImage.apply(e.path("value").asText())));
        int port = Suite.freePort();
        env.putAll(Map.of("PORT", Integer.toString(port), "HOST", "127.0.0.1", "SHUTDOWN_DELAY", "1"));
        ManagedProcess server = processes.start("image-entrypoint", entrypoint, env);
        URI base = URI.create("http://127.0.0.1:" + port);
        Suite.await("the image's ENTRYPOINT ready", Duration.ofSeconds(60), () -> {
            if (!server.isAlive()) {
                throw new AssertionError("exited\n" + server.logTail());
            }
            return Http.status(base.resolve("/readyz")) == 200;
        }, server::logTail);
        HttpResponse<byte[]> css = Http.get(base.resolve("/assets/" + v1.asset("css/site.css").path()),
                "Accept-Encoding", "gzip");
        server.terminate();
        int exit = server.awaitExit(Duration.ofSeconds(60));
        String log = server.log();
        List<String> aot = log.lines().filter(line -> line.contains("[aot")).toList();
        Report.figure(SECTION, "deploy/kubernetes.yaml's container = docs/server.md's image (jlink runtime, AOT cache "
                + "from its training run) started by its ENTRYPOINT " + String.join(" ", entrypoint).replace(
                image.toString(), "") + " with the manifest's environment: /readyz 200, an asset "
                + css.statusCode() + " (" + css.headers().firstValue("Content-Encoding").orElse("identity")
                + "), SIGTERM exit " + exit + "; [aot] warnings: " + aot.size());
        assertEquals(200, css.statusCode());
        assertEquals("gzip", css.headers().firstValue("Content-Encoding").orElse(""));
        assertEquals(0, exit, server.logTail());
        assertEquals(List.of(), aot, "the AOT cache was accepted");
    }

    /** Announces a body of {@code length} bytes, sends up to 1 MiB of it, returns the status line. */
    private static String post(int port, String path, long length) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(new byte[1 << 20]);
            } catch (java.io.IOException e) {
                // nginx may answer and close before reading the body
            }
            String head = new String(socket.getInputStream().readNBytes(64), StandardCharsets.ISO_8859_1);
            return head.lines().findFirst().orElse("");
        }
    }

    @Test
    void haproxyStatsAnswerLoopbackOrCredentialsOnly() throws Exception {
        int withAuth = Suite.freePort();
        ManagedProcess haproxy = processes.start("haproxy-stats-auth",
                List.of("haproxy", "-db", "-f", Suite.deployFile("haproxy.cfg").toString()),
                Map.of("HAPROXY_BIND", "127.0.0.1:" + Suite.freePort(), "HAPROXY_STATS_BIND", "127.0.0.1:" + withAuth,
                        "HAPROXY_STATS_AUTH", "ops:s3cret", "ASSET_ORIGIN_1", "127.0.0.1:" + Suite.freePort()));
        URI stats = URI.create("http://127.0.0.1:" + withAuth + "/stats;csv");
        Suite.await("HAProxy's stats listening", Duration.ofSeconds(30), () -> Http.status(stats) > 0,
                haproxy::logTail);
        int anonymous = Http.status(stats);
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("ops:s3cret".getBytes(StandardCharsets.UTF_8));
        int authorized = Http.get(stats, "Authorization", basic).statusCode();
        String cfg = Files.readString(Suite.deployFile("haproxy.cfg"), StandardCharsets.UTF_8);
        Report.figure(SECTION, "deploy/haproxy.cfg stats with HAPROXY_STATS_AUTH: " + anonymous + " without "
                + "credentials, " + authorized + " with them; without it only loopback clients are answered, and the "
                + "page binds 127.0.0.1:8404 unless HAPROXY_STATS_BIND says otherwise");
        assertEquals(401, anonymous);
        assertEquals(200, authorized);
        assertTrue(cfg.contains("presetenv HAPROXY_STATS_BIND 127.0.0.1:8404"), "stats on loopback by default");
        assertTrue(cfg.contains("http-request deny unless { src 127.0.0.0/8 ::1 }"), "no credentials: loopback only");
    }

    private static int preStopSeconds(JsonNode preStop) {
        if (preStop.has("sleep")) {
            return preStop.at("/sleep/seconds").asInt();
        }
        JsonNode command = preStop.at("/exec/command");
        return Integer.parseInt(command.get(command.size() - 1).asText());
    }

    /** Worst-case time for deploy/haproxy.cfg's health checks to take an instance out: inter × fall. */
    private static int haproxyDetectionSeconds() {
        try {
            String cfg = Files.readString(Suite.deployFile("haproxy.cfg"), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("default-server .*inter (\\d+)s.* fall (\\d+)").matcher(cfg);
            assertTrue(m.find(), "deploy/haproxy.cfg has a default-server line with inter and fall");
            return Integer.parseInt(m.group(1)) * Integer.parseInt(m.group(2));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode kind(String kind) {
        JsonNode node = manifests.get(kind);
        assertNotNull(node, "deploy/kubernetes.yaml has a " + kind);
        return node;
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new HashMap<>();
        node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private static void assertContains(Map<String, String> podLabels, Map<String, String> selector, String what) {
        assertFalse(selector.isEmpty(), what + " is not empty");
        selector.forEach((k, v) -> assertEquals(v, podLabels.get(k), what + " " + k + " matches the pod template"));
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        assertTrue(at >= 0 && text.indexOf(from, at + 1) < 0, "exactly one '" + from + "' in deploy/nginx-origin.conf");
        return text.replace(from, to);
    }
}
