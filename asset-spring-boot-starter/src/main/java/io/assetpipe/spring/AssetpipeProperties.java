package io.assetpipe.spring;

import io.assetpipe.http.LogicalPathPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code assetpipe.*} properties of a Spring Boot app. */
@ConfigurationProperties("assetpipe")
public class AssetpipeProperties {
    /** URL path the assets are served under; the servlet is mapped at this path plus "/*". */
    private String prefix = "/assets";

    /** What a request for a logical (not fingerprinted) path such as css/app.css gets. */
    private LogicalPathPolicy logicalPaths = LogicalPathPolicy.SERVE;

    /** Access-Control-Allow-Origin sent with every asset; empty switches CORS off. */
    private String corsOrigin = "*";

    /** Base URL of a CDN in front of the app (https://cdn.example) for the URLs AssetUrls writes; empty for same-origin URLs. */
    private String assetHost = "";

    /**
     * Whether start-up fails when no META-INF/assets/manifest.json is on the classpath. Set it to
     * false for an app that may run without assets (nothing is then served or registered).
     */
    private boolean requireBundle = true;

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public LogicalPathPolicy getLogicalPaths() {
        return logicalPaths;
    }

    public void setLogicalPaths(LogicalPathPolicy logicalPaths) {
        this.logicalPaths = logicalPaths;
    }

    public String getCorsOrigin() {
        return corsOrigin;
    }

    public void setCorsOrigin(String corsOrigin) {
        this.corsOrigin = corsOrigin;
    }

    public String getAssetHost() {
        return assetHost;
    }

    public void setAssetHost(String assetHost) {
        this.assetHost = assetHost;
    }

    public boolean isRequireBundle() {
        return requireBundle;
    }

    public void setRequireBundle(boolean requireBundle) {
        this.requireBundle = requireBundle;
    }
}
