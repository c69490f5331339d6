package io.assetpipe.servlet;

import io.assetpipe.http.AssetHttpContract;
import io.assetpipe.http.LogicalPathPolicy;
import io.assetpipe.http.TestServer;
import java.nio.file.Path;
import java.util.List;

/** The HTTP contract on Jetty: {@link AssetServlet} in an embedded Jetty (ee11, Servlet 6.1). */
class JettyAssetServletTest extends AssetHttpContract {
    @Override
    protected TestServer start(List<Path> bundles, String corsOrigin, LogicalPathPolicy policy) throws Exception {
        return Containers.jetty(Containers.servlet(bundles, corsOrigin, policy));
    }
}
