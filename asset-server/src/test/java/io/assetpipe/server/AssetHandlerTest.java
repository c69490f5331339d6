package io.assetpipe.server;

import io.assetpipe.http.AssetHttpContract;
import io.assetpipe.http.LogicalPathPolicy;
import io.assetpipe.http.TestServer;
import java.nio.file.Path;
import java.util.List;

/** The HTTP contract on Undertow: {@link AssetHandler} inside the standalone server. */
class AssetHandlerTest extends AssetHttpContract {
    @Override
    protected TestServer start(List<Path> bundles, String corsOrigin, LogicalPathPolicy policy) {
        return Standalone.start(bundles, corsOrigin, policy);
    }
}
