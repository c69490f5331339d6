package io.assetpipe.server;

import io.assetpipe.http.LogicalPathPolicy;
import io.assetpipe.http.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The standalone server ({@link RunningServer}) on an ephemeral port, as tests start it. */
final class Standalone {
    private Standalone() {}

    static TestServer start(List<Path> bundles, String corsOrigin, LogicalPathPolicy policy) {
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, bundles, "/assets", corsOrigin, policy,
                Duration.ZERO, false);
        RunningServer server = RunningServer.start(settings, new Log(System.out));
        return new TestServer(server.port(), server::shutdown);
    }
}
