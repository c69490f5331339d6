package io.assetpipe.reliability.harness;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One standalone asset-server in its own JVM on a loopback port, started from the shipped
 * {@code asset-server-<version>-standalone.jar} and configured by environment as in production, so
 * SIGTERM and kill -9 reach a real process.
 */
public final class Origin {
    /** Small heap: the suite runs several instances on a shared 2-core machine, and memory must stay bounded anyway. */
    private static final List<String> JVM_OPTIONS =
            List.of("-Xmx96m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    private final ProcessGroup group;
    private final String name;
    private final int port;
    private final List<Path> bundles;
    private final int shutdownGraceSeconds;
    private final Map<String, String> extraEnv;
    private ManagedProcess process;
    private int generation;

    private Origin(ProcessGroup group, String name, int port, List<Path> bundles, int shutdownGraceSeconds,
            Map<String, String> extraEnv) {
        this.group = group;
        this.name = name;
        this.port = port;
        this.bundles = List.copyOf(bundles);
        this.shutdownGraceSeconds = shutdownGraceSeconds;
        this.extraEnv = Map.copyOf(extraEnv);
    }

    /** Starts an instance serving {@code bundles} (jars or directories) and waits until /readyz answers 200. */
    public static Origin start(ProcessGroup group, String name, List<Path> bundles, int shutdownGraceSeconds) {
        return start(group, name, bundles, shutdownGraceSeconds, Map.of());
    }

    /** As above, with more environment variables (e.g. {@code SHUTDOWN_DELAY}). */
    public static Origin start(ProcessGroup group, String name, List<Path> bundles, int shutdownGraceSeconds,
            Map<String, String> extraEnv) {
        Origin origin = new Origin(group, name, Suite.freePort(), bundles, shutdownGraceSeconds, extraEnv);
        origin.launch();
        origin.awaitReady();
        return origin;
    }

    /** Starts every instance first and then waits for all, so JVM start-ups overlap. */
    public static List<Origin> startAll(ProcessGroup group, String prefix, int count, List<Path> bundles,
            int shutdownGraceSeconds) {
        return startAll(group, prefix, count, bundles, shutdownGraceSeconds, Map.of());
    }

    /** As above, with more environment variables. */
    public static List<Origin> startAll(ProcessGroup group, String prefix, int count, List<Path> bundles,
            int shutdownGraceSeconds, Map<String, String> extraEnv) {
        List<Origin> origins = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Origin origin = new Origin(group, prefix + i, Suite.freePort(), bundles, shutdownGraceSeconds, extraEnv);
            origin.launch();
            origins.add(origin);
        }
        origins.forEach(Origin::awaitReady);
        return origins;
    }

    private void launch() {
        generation++;
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(serverJar().toString());
        // Configured through the environment, as in production; the flags are covered by the server's own tests.
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("HOST", Suite.LOOPBACK);
        env.put("PORT", Integer.toString(port));
        env.put("ASSET_BUNDLES", bundles.stream().map(Path::toString).collect(Collectors.joining(",")));
        env.put("SHUTDOWN_GRACE", Integer.toString(shutdownGraceSeconds));
        process = group.start(name + "-" + generation, command, env);
    }

    /** The shipped self-contained server, {@code asset-server-<version>-standalone.jar}, copied by the POM. */
    public static Path serverJar() {
        Path jar = Path.of(System.getProperty("reliability.serverJar", "target/server/asset-server-standalone.jar"));
        if (!java.nio.file.Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: run the suite through Maven (./mvnw -Preliability -pl "
                    + "reliability -am verify), which copies asset-server's standalone jar there");
        }
        return jar;
    }

    /** Starts a fresh process on the same port (after a stop or a crash) and waits until it is ready. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch();
        awaitReady();
    }

    public void awaitReady() {
        Suite.await(name + " /readyz = 200", Duration.ofSeconds(60),
                () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError(name + " exited during start-up\n" + process.logTail());
                    }
                    return Http.status(uri("/readyz")) == 200;
                },
                process::logTail);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}, as HAProxy wants it. */
    public String address() {
        return Suite.LOOPBACK + ":" + port;
    }

    public URI uri(String path) {
        return URI.create("http://" + address() + path);
    }

    public ManagedProcess process() {
        return process;
    }

    public int shutdownGraceSeconds() {
        return shutdownGraceSeconds;
    }
}
