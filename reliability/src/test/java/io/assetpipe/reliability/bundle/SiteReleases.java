package io.assetpipe.reliability.bundle;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Releases 1.0.0 and 2.0.0 of {@code src/test/projects/site}, built by the real asset-maven-plugin
 * (maven-invoker-plugin runs the builds before the suite; see that directory's invoker.properties).
 */
public final class SiteReleases {
    private SiteReleases() {}

    /** Release 1.0.0. */
    public static Release v1() {
        return load("v1", "v1/target/site-1.0.0-assets.jar");
    }

    /** Release 2.0.0 built with keepReleases=1: release 1.0.0's changed files are in {@code retired}. */
    public static Release v2() {
        return load("v2", "v2/target/site-2.0.0-assets.jar");
    }

    /** Release 2.0.0 built with keepReleases=0. */
    public static Release v2WithoutCarryForward() {
        return load("v2-no-carry-forward", "v2/target/no-carry-forward/site-2.0.0-assets.jar");
    }

    private static Release load(String name, String relative) {
        Path jar = Path.of(System.getProperty("reliability.siteReleases", "target/projects/site")).resolve(relative);
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: the site releases are built by maven-invoker-plugin "
                    + "before the suite; run it through Maven (./mvnw -Preliability -pl reliability -am verify) and "
                    + "see target/projects/site/*/build.log");
        }
        return Release.fromJar(name, jar);
    }
}
