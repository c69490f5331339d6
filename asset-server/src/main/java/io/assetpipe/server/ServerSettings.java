package io.assetpipe.server;

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
        LogicalPathPolicy logicalPaths,
        Duration shutdownGrace,
        boolean accessLog) {

    ServerSettings {
        bundles = List.copyOf(bundles);
    }
}
