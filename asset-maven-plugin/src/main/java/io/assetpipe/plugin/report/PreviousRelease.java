package io.assetpipe.plugin.report;

import io.assetpipe.manifest.AssetManifest;

/** The release a build is compared with: the one before it, as carry-forward finds it, if there is one. */
public sealed interface PreviousRelease {

    /**
     * @param coordinates its assets jar, e.g. {@code com.example:shop:jar:assets:1.4.0}
     * @param manifest that jar's manifest
     */
    record Found(String coordinates, AssetManifest manifest) implements PreviousRelease {}

    /** @param reason why there is nothing to compare with, as the report says it */
    record Unavailable(String reason) implements PreviousRelease {}
}
