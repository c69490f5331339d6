package io.assetpipe.servlet;

import io.assetpipe.http.AssetHttpContract;
import io.assetpipe.http.LogicalPathPolicy;
import io.assetpipe.http.TestServer;
import java.nio.file.Path;
import java.util.List;

/** The HTTP contract on Tomcat: {@link AssetServlet} in an embedded Tomcat. */
class TomcatAssetServletTest extends AssetHttpContract {
    @Override
    protected TestServer start(List<Path> bundles, String corsOrigin, LogicalPathPolicy policy) throws Exception {
        return Containers.tomcat(Containers.servlet(bundles, corsOrigin, policy));
    }

    @Override
    protected boolean containerAnswersTrace() {
        return true; // Tomcat's allowTrace=false, as in Spring Boot: TRACE never reaches an application
    }
}
