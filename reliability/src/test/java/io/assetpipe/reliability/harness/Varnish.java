package io.assetpipe.reliability.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Varnish as the CDN stand-in, running the shipped {@code deploy/varnish-cdn.vcl} with only the
 * addresses of its backends ({@code origin1}, {@code origin2}) rewritten to the test's origins.
 */
public final class Varnish {
    private final ManagedProcess process;
    private final Path workDir;
    private final int port;

    private Varnish(ManagedProcess process, Path workDir, int port) {
        this.process = process;
        this.workDir = workDir;
        this.port = port;
    }

    /** The ports of the shipped file's backends, in order: {@code origin1}, {@code origin2}. */
    public static final List<String> SHIPPED_PORTS = List.of("8080", "8082");

    public static Varnish start(ProcessGroup group, List<Origin> origins) {
        if (origins.size() != SHIPPED_PORTS.size()) {
            throw new IllegalArgumentException("deploy/varnish-cdn.vcl has " + SHIPPED_PORTS.size() + " backends");
        }
        Path dir = group.logDir().getParent().resolve("varnish");
        Path vcl = dir.resolve("cdn.vcl");
        try {
            Files.createDirectories(dir);
            String rewritten = Files.readString(Suite.deployFile("varnish-cdn.vcl"), StandardCharsets.UTF_8);
            for (int i = 0; i < origins.size(); i++) {
                String line = ".port = \"" + SHIPPED_PORTS.get(i) + "\";";
                if (!rewritten.contains(line)) {
                    throw new AssertionError("deploy/varnish-cdn.vcl no longer has the backend line " + line);
                }
                rewritten = rewritten.replace(line, ".port = \"" + origins.get(i).port() + "\";");
            }
            Files.writeString(vcl, rewritten, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = Suite.freePort();
        ManagedProcess process = group.start("varnishd", List.of("varnishd",
                "-F",                         // foreground: the harness owns the process
                "-j", "none",                 // no privilege separation: runs as the test user, in target/
                "-n", dir.resolve("instance").toString(),
                "-a", Suite.LOOPBACK + ":" + port,
                "-T", Suite.LOOPBACK + ":" + Suite.freePort(),
                "-f", vcl.toString(),
                "-s", "malloc,64m",
                "-p", "http_gzip_support=off"), Map.of());
        Varnish varnish = new Varnish(process, dir.resolve("instance"), port);
        Suite.await("varnish listening on " + port, Duration.ofSeconds(60),
                () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("varnishd exited\n" + process.logTail());
                    }
                    return Http.status(varnish.uri("/healthz")) > 0;
                },
                process::logTail);
        return varnish;
    }

    public URI uri(String path) {
        return URI.create("http://" + Suite.LOOPBACK + ":" + port + path);
    }

    /** A varnishadm command's output (e.g. {@code backend.list}). */
    public String admin(String... command) {
        return run("varnishadm", command);
    }

    private String run(String tool, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(tool, "-n", workDir.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public ManagedProcess process() {
        return process;
    }
}
