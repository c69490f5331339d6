package io.assetpipe.example;

import io.assetpipe.http.AssetBundle;
import io.assetpipe.http.AssetUrls;
import io.assetpipe.server.AssetHandler;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.accesslog.AccessLogHandler;
import io.undertow.util.StatusCodes;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The example product page: an Undertow server whose assets come from the bundle that
 * asset-maven-plugin built into this jar ({@code META-INF/assets/}), served by the embedded
 * {@link AssetHandler} under {@code /assets}; every other path goes to the app's own pages.
 *
 * <p>{@code java -jar example-app/target/example-app.jar}; {@code PORT} picks the port (default
 * 8080, 0 for any free one), {@code HOST} the interface (default all) and {@code ACCESS_LOG=true}
 * logs one line per request to stdout.
 */
public final class ExampleApp implements AutoCloseable {
    static final String ASSET_PREFIX = "/assets";

    private final Undertow server;

    private ExampleApp(Undertow server) {
        this.server = server;
    }

    public static void main(String[] args) {
        ExampleApp app;
        try {
            int port = port(env("PORT", "8080"));
            app = start(env("HOST", "0.0.0.0"), port, Boolean.parseBoolean(env("ACCESS_LOG", "false")));
        } catch (RuntimeException e) {
            // A bad PORT, a corrupt bundle (the message names the file) or a port already in use:
            // one clear line instead of a stack trace.
            System.err.println("example-app: cannot start: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "example-app-shutdown"));
        // Tests and scripts read the port from this line when PORT=0.
        System.out.println("example-app listening on http://localhost:" + app.port() + "/");
    }

    /** Loads the bundle from the classpath, renders the pages and starts listening. */
    public static ExampleApp start(String host, int port, boolean accessLog) {
        AssetBundle bundle = AssetBundle.fromClasspath(ExampleApp.class.getClassLoader());
        AssetUrls urls = AssetUrls.create(bundle, ASSET_PREFIX, null);
        PageHandler pages = new PageHandler(
                Map.of("/", HtmlPage.of(StatusCodes.OK, PageTemplate.render("product.html", urls))),
                HtmlPage.of(StatusCodes.NOT_FOUND, PageTemplate.render("not-found.html", urls)));
        HttpHandler handler = AssetHandler.builder(bundle).prefix(ASSET_PREFIX).next(pages).build();
        if (accessLog) {
            handler = new AccessLogHandler(handler, System.out::println, "common",
                    ExampleApp.class.getClassLoader());
        }
        Undertow server = Undertow.builder().addHttpListener(port, host).setHandler(handler).build();
        server.start();
        return new ExampleApp(server);
    }

    public int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("PORT must be a number from 0 to 65535, not \"" + value + "\"");
    }
}
