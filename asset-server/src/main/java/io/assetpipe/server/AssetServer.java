package io.assetpipe.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * The standalone asset origin: {@code java -jar asset-server.jar --bundle app-assets.jar}.
 *
 * <p>Configuration comes from the environment (12-factor); a command-line flag overrides its
 * variable. Logs go to stdout, one line per event. SIGTERM (or SIGINT) starts a graceful shutdown
 * and the process exits 0 once in-flight requests are done or the grace period is over.
 */
@Command(
        name = "asset-server",
        mixinStandardHelpOptions = true,
        versionProvider = AssetServer.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Serves prebuilt assetpipe bundles (assets jars or directories) over HTTP.",
        footer = {"", "Each flag overrides the environment variable named in its description."})
public final class AssetServer implements Callable<Integer> {
    // Keep references: java.util.logging holds loggers weakly, and a collected one loses its level.
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.xnio"), Logger.getLogger("io.undertow"),
            Logger.getLogger("org.jboss"));

    @Option(names = "--port", defaultValue = "${env:PORT:-8080}", paramLabel = "PORT",
            description = "TCP port, 0 for any free port (env PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "${env:HOST:-0.0.0.0}", paramLabel = "HOST",
            description = "Address to listen on (env HOST, default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--bundle", split = ",", defaultValue = "${env:ASSET_BUNDLES}", paramLabel = "JAR|DIR",
            description = "Assets jar or bundle directory; repeat or comma-separate for several "
                    + "(env ASSET_BUNDLES, comma-separated). Required.")
    List<Path> bundles;

    @Option(names = "--prefix", defaultValue = "${env:ASSET_PREFIX:-/assets}", paramLabel = "PATH",
            description = "URL path prefix of the assets (env ASSET_PREFIX, default ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--cors-origin", defaultValue = "${env:ASSET_CORS_ORIGIN:-*}", paramLabel = "ORIGIN",
            description = "Access-Control-Allow-Origin value; 'none' switches CORS off "
                    + "(env ASSET_CORS_ORIGIN, default ${DEFAULT-VALUE}).")
    String corsOrigin;

    @Option(names = "--logical-paths", defaultValue = "${env:ASSET_LOGICAL_PATHS:-serve}", paramLabel = "POLICY",
            description = "Requests for logical paths: serve (no-cache), redirect (302) or deny (404) "
                    + "(env ASSET_LOGICAL_PATHS, default ${DEFAULT-VALUE}).")
    LogicalPathPolicy logicalPaths;

    @Option(names = "--shutdown-grace", defaultValue = "${env:SHUTDOWN_GRACE:-10}", paramLabel = "SECONDS",
            description = "How long in-flight requests may take after SIGTERM (env SHUTDOWN_GRACE, default ${DEFAULT-VALUE}).")
    long shutdownGraceSeconds;

    @Option(names = "--access-log", defaultValue = "${env:ASSET_ACCESS_LOG:-false}", arity = "0..1",
            fallbackValue = "true", paramLabel = "BOOLEAN",
            description = "Log every request to stdout, combined format (env ASSET_ACCESS_LOG, default ${DEFAULT-VALUE}).")
    boolean accessLog;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new AssetServer()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() throws InterruptedException {
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
        Log log = new Log(System.out);
        ServerSettings settings;
        RunningServer server;
        try {
            settings = settings();
            server = RunningServer.start(settings, log);
        } catch (BundleException | IllegalArgumentException e) {
            log.error("start-failed", e.getMessage());
            return 1;
        } catch (RuntimeException e) { // e.g. the port is taken
            log.error("start-failed", e.toString());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        // A signal handler rather than a shutdown hook: after a hook the JVM exits 143, and a clean
        // drain should exit 0.
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), signal -> {
                log.info("signal", "name=SIG" + signal.getName());
                if (!stopping.compareAndSet(false, true)) {
                    return; // already draining; a second signal does not cut the grace period short
                }
                try {
                    server.shutdown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    stopped.countDown();
                }
            });
        }
        stopped.await();
        return 0;
    }

    ServerSettings settings() {
        if (bundles == null || bundles.isEmpty()) {
            throw new IllegalArgumentException("no bundle: pass --bundle <assets.jar|dir> or set ASSET_BUNDLES");
        }
        if (shutdownGraceSeconds < 0) {
            throw new IllegalArgumentException("--shutdown-grace must be >= 0, not " + shutdownGraceSeconds);
        }
        String origin = corsOrigin.isBlank() || corsOrigin.equalsIgnoreCase("none") ? null : corsOrigin;
        return new ServerSettings(host, port, bundles, prefix, origin, logicalPaths,
                Duration.ofSeconds(shutdownGraceSeconds), accessLog);
    }

    /** {@code --version}: the Maven project version, filtered into a resource at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = AssetServer.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"asset-server " + properties.getProperty("version", "unknown")};
        }
    }
}
