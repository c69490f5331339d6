package io.assetpipe.server;

import io.assetpipe.http.AssetResponses;
import io.assetpipe.http.LogicalPathPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Everything the standalone server is configured with (see {@link AssetServer} for the sources). */
record ServerSettings(
        String host,
        int port,
        List<Path> bundles,
        String prefix,
        String corsOrigin,
        List<String> corsAllowedHeaders,
        LogicalPathPolicy logicalPaths,
        Duration shutdownDelay,
        Duration shutdownGrace,
        Duration writeTimeout,
        boolean accessLog) {

    static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(60);

    ServerSettings {
        bundles = List.copyOf(bundles);
        corsAllowedHeaders = List.copyOf(corsAllowedHeaders);
    }

    /** The settings of the eight oldest options, the others at their defaults. */
    ServerSettings(String host, int port, List<Path> bundles, String prefix, String corsOrigin,
            LogicalPathPolicy logicalPaths, Duration shutdownGrace, boolean accessLog) {
        this(host, port, bundles, prefix, corsOrigin, AssetResponses.DEFAULT_CORS_ALLOWED_HEADERS, logicalPaths,
                Duration.ZERO, shutdownGrace, DEFAULT_WRITE_TIMEOUT, accessLog);
    }
}
