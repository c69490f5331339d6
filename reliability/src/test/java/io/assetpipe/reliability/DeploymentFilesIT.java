package io.assetpipe.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        int preStop = preStopSeconds(container.at("/lifecycle/preStop"));
        int terminationGrace = pod.at("/spec/terminationGracePeriodSeconds").asInt();
        assertTrue(preStop > 0, "a preStop sleep lets balancers drop the pod before SIGTERM");
        assertTrue(terminationGrace >= preStop + shutdownGrace, "terminationGracePeriodSeconds " + terminationGrace
                + " >= preStop " + preStop + " + SHUTDOWN_GRACE " + shutdownGrace);
        int haproxyDetection = haproxyDetectionSeconds();
        assertTrue(haproxyDetection <= preStop, "HAProxy (deploy/haproxy.cfg) notices a not-ready instance within "
                + haproxyDetection + " s, inside the preStop window of " + preStop + " s");

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

        Report.figure(SECTION, "deploy/kubernetes.yaml: readiness /readyz, liveness /healthz, preStop " + preStop
                + " s + SHUTDOWN_GRACE " + shutdownGrace + " s <= terminationGracePeriodSeconds " + terminationGrace
                + " s; HAProxy detection " + haproxyDetection + " s <= preStop; PDB and Service select the pods");
    }

    @Test
    void haproxyAndVarnishAcceptTheShippedConfigurations() throws Exception {
        Map<String, String> env = Map.of("HAPROXY_BIND", "127.0.0.1:1", "HAPROXY_STATS_BIND", "127.0.0.1:2",
                "ASSET_ORIGIN_1", "127.0.0.1:3", "ASSET_ORIGIN_2", "127.0.0.1:4", "ASSET_ORIGIN_3", "127.0.0.1:5");
        ManagedProcess haproxy = processes.start("haproxy-check",
                List.of("haproxy", "-c", "-f", Suite.deployFile("haproxy.cfg").toString()), env);
        assertEquals(0, haproxy.awaitExit(Duration.ofSeconds(30)), haproxy.logTail());
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
                + "origins stopped the cached variants are still served 200, an uncached URL gets " + uncached);
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
