package io.assetpipe.plugin.report;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.manifest.EncodedVariant;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Manifests and metafiles written by hand, for report and budget tests that need exact sizes. */
final class TestReports {
    private static final String SHA256 = "0".repeat(64);
    private static final String INTEGRITY = "sha384-" + Base64.getEncoder().encodeToString(new byte[48]);

    private final Map<String, AssetEntry> assets = new TreeMap<>();

    /** An asset of {@code raw} bytes with a gzip and a brotli variant of the sizes given, if not 0. */
    TestReports asset(String logical, long raw, long gzip, long brotli) {
        Map<ContentEncoding, EncodedVariant> variants = new EnumMap<>(ContentEncoding.class);
        String path = fingerprinted(logical);
        if (gzip > 0) {
            variants.put(ContentEncoding.GZIP, new EncodedVariant(path + ".gz", gzip, SHA256));
        }
        if (brotli > 0) {
            variants.put(ContentEncoding.BR, new EncodedVariant(path + ".br", brotli, SHA256));
        }
        String map = assets.containsKey(logical + ".map") ? logical + ".map" : null;
        assets.put(logical, new AssetEntry(path, "text/plain", raw, SHA256, INTEGRITY, variants, map));
        return this;
    }

    AssetManifest manifest() {
        return AssetManifest.of("assetpipe test", Instant.EPOCH, assets, Map.of());
    }

    /** {@code logical}'s file in the bundle: a fixed fingerprint before the extension. */
    static String fingerprinted(String logical) {
        int dot = logical.indexOf('.', logical.lastIndexOf('/') + 1);
        return logical.substring(0, dot) + "-0123456789ab" + logical.substring(dot);
    }
}
