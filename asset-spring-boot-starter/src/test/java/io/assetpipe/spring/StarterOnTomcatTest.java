package io.assetpipe.spring;

import io.assetpipe.http.AssetHttpContract;
import io.assetpipe.http.LogicalPathPolicy;
import io.assetpipe.http.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The HTTP contract on a Spring Boot app built from the starter, on Tomcat, configured by properties. */
class StarterOnTomcatTest extends AssetHttpContract {
    static Map<String, Object> properties(String corsOrigin, LogicalPathPolicy policy) {
        return Map.of("assetpipe.cors-origin", corsOrigin == null ? "" : corsOrigin,
                "assetpipe.logical-paths", policy.name().toLowerCase());
    }

    @Override
    protected TestServer start(List<Path> bundles, String corsOrigin, LogicalPathPolicy policy) throws Exception {
        return BootApps.start(BootApps.OnTomcat.class, bundles, properties(corsOrigin, policy));
    }

    @Override
    protected boolean containerAnswersTrace() {
        return true; // Tomcat's allowTrace=false, Spring Boot's default too
    }
}
