package io.assetpipe.server;

import io.assetpipe.http.AssetResponses;
import io.assetpipe.http.BundleException;
import io.assetpipe.http.LogicalPathPolicy;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import sun.misc.Signal;

/**
 * The standalone asset origin: {@code java -jar asset-server.jar --bundle app-assets.jar}.
 *
 * <p>Configuration comes from the environment (12-factor); a command-line flag overrides its
 * variable. Logs go to stdout, one line per event. SIGTERM (or SIGINT) starts a graceful shutdown
 * and the process exits 0 once in-flight requests are done or the grace period is over.
 *
 * <p>The command line is declared with picocli's programmatic {@link CommandSpec} API rather than
 * annotations: reading annotations costs reflection, generated annotation proxies and method-handle
 * field setters, about 0.2 s of a one-core start-up (see docs/server.md).
 */
public final class AssetServer implements Callable<Integer> {
    // Keep references: java.util.logging holds loggers weakly, and a collected one loses its level.
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.xnio"), Logger.getLogger("io.undertow"),
            Logger.getLogger("org.jboss"));

    private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this)
            .name("asset-server")
            .versionProvider(new Version())
            .addOption(option("--port", int.class, "${env:PORT:-8080}", "PORT",
                    "TCP port, 0 for any free port (env PORT, default ${DEFAULT-VALUE}).").build())
            .addOption(option("--host", String.class, "${env:HOST:-0.0.0.0}", "HOST",
                    "Address to listen on (env HOST, default ${DEFAULT-VALUE}).").build())
            .addOption(option("--bundle", List.class, "${env:ASSET_BUNDLES}", "JAR|DIR",
                            "Assets jar or bundle directory; repeat or comma-separate for several "
                                    + "(env ASSET_BUNDLES, comma-separated). Required.")
                    .auxiliaryTypes(Path.class)
                    .splitRegex(",")
                    .build())
            .addOption(option("--prefix", String.class, "${env:ASSET_PREFIX:-/assets}", "PATH",
                    "URL path prefix of the assets (env ASSET_PREFIX, default ${DEFAULT-VALUE}).").build())
            .addOption(option("--cors-origin", String.class, "${env:ASSET_CORS_ORIGIN:-*}", "ORIGIN",
                    "Access-Control-Allow-Origin value; 'none' switches CORS off "
                            + "(env ASSET_CORS_ORIGIN, default ${DEFAULT-VALUE}).").build())
            .addOption(option("--cors-headers", List.class,
                            "${env:ASSET_CORS_HEADERS:-" + String.join(",", AssetResponses.DEFAULT_CORS_ALLOWED_HEADERS) + "}",
                            "NAMES",
                            "Request headers a CORS preflight may allow, comma-separated; '*' for any, 'none' for "
                                    + "only the safelisted ones (env ASSET_CORS_HEADERS, default ${DEFAULT-VALUE}).")
                    .auxiliaryTypes(String.class)
                    .splitRegex(",")
                    .build())
            .addOption(option("--logical-paths", LogicalPathPolicy.class, "${env:ASSET_LOGICAL_PATHS:-serve}",
                    "POLICY",
                    "Requests for logical paths: serve (no-cache), redirect (302) or deny (404) "
                            + "(env ASSET_LOGICAL_PATHS, default ${DEFAULT-VALUE}).").build())
            .addOption(option("--shutdown-delay", long.class, "${env:SHUTDOWN_DELAY:-0}", "SECONDS",
                    "After SIGTERM, how long to keep serving normally with /readyz at 503, so that balancers "
                            + "stop routing here first (env SHUTDOWN_DELAY, default ${DEFAULT-VALUE}).").build())
            .addOption(option("--shutdown-grace", long.class, "${env:SHUTDOWN_GRACE:-10}", "SECONDS",
                    "How long in-flight requests may take once the drain begins "
                            + "(env SHUTDOWN_GRACE, default ${DEFAULT-VALUE}).").build())
            .addOption(option("--write-timeout", long.class,
                    "${env:ASSET_WRITE_TIMEOUT:-" + ServerSettings.DEFAULT_WRITE_TIMEOUT.toSeconds() + "}", "SECONDS",
                    "Close a connection whose response makes no progress for this long, as nginx's "
                            + "send_timeout (env ASSET_WRITE_TIMEOUT, default ${DEFAULT-VALUE}).").build())
            .addOption(option("--access-log", boolean.class, "${env:ASSET_ACCESS_LOG:-false}", "BOOLEAN",
                            "Log every request to stdout, combined format "
                                    + "(env ASSET_ACCESS_LOG, default ${DEFAULT-VALUE}).")
                    .arity("0..1")
                    .fallbackValue("true")
                    .build())
            // What mixinStandardHelpOptions adds, minus the annotated mixin class it reads them from.
            .addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help message and exit.").build())
            .addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                    .description("Print version information and exit.").build());

    {
        spec.usageMessage()
                .sortOptions(false)
                .autoWidth(true)
                .description("Serves prebuilt assetpipe bundles (assets jars or directories) over HTTP.")
                .footer("", "Each flag overrides the environment variable named in its description.");
    }

    private static OptionSpec.Builder option(
            String name, Class<?> type, String defaultValue, String label, String description) {
        return OptionSpec.builder(name).type(type).defaultValue(defaultValue).paramLabel(label)
                .description(description);
    }

    public static void main(String[] args) {
        // No option has a java.sql or java.time type; picocli's reflective converters for those
        // load some 150 JDK classes at start-up unless excluded (a documented picocli property).
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            System.setProperty(CONVERTER_EXCLUDES, "java\\.sql\\..*,java\\.time\\..*");
        }
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new AssetServer().spec).setCaseInsensitiveEnumValuesAllowed(true);
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

    /** The parsed value of {@code option}: its flag, else its variable, else its default. */
    <T> T value(String option) {
        return spec.findOption(option).getValue();
    }

    ServerSettings settings() {
        List<Path> bundles = value("--bundle");
        String corsOrigin = value("--cors-origin");
        if (bundles == null || bundles.isEmpty()) {
            throw new IllegalArgumentException("no bundle: pass --bundle <assets.jar|dir> or set ASSET_BUNDLES");
        }
        String origin = corsOrigin.isBlank() || corsOrigin.equalsIgnoreCase("none") ? null : corsOrigin;
        return new ServerSettings(value("--host"), (int) value("--port"), bundles, value("--prefix"), origin,
                corsHeaders(), value("--logical-paths"), seconds("--shutdown-delay", 0),
                seconds("--shutdown-grace", 0), seconds("--write-timeout", 1), value("--access-log"));
    }

    private Duration seconds(String option, long least) {
        long seconds = value(option);
        if (seconds < least) {
            throw new IllegalArgumentException(option + " must be >= " + least + ", not " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /** The names of {@code --cors-headers}, trimmed; {@code none} or nothing: an empty list. */
    private List<String> corsHeaders() {
        List<String> names = value("--cors-headers");
        if (names == null) {
            return List.of();
        }
        List<String> trimmed = names.stream().map(String::trim).filter(name -> !name.isEmpty()).toList();
        return trimmed.size() == 1 && trimmed.get(0).equalsIgnoreCase("none") ? List.of() : trimmed;
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
