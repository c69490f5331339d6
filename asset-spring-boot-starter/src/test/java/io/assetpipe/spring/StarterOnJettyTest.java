package io.assetpipe.spring;

import io.assetpipe.http.AssetHttpContract;
import io.assetpipe.http.LogicalPathPolicy;
import io.assetpipe.http.TestServer;
import java.nio.file.Path;
import java.util.List;

/** The HTTP contract on a Spring Boot app built from the starter, on Jetty, configured by properties. */
class StarterOnJettyTest extends AssetHttpContract {
    @Override
    protected TestServer start(List<Path> bundles, String corsOrigin, LogicalPathPolicy policy) throws Exception {
        return BootApps.start(BootApps.OnJetty.class, bundles, StarterOnTomcatTest.properties(corsOrigin, policy));
    }
}
