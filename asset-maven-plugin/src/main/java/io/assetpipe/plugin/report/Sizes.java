package io.assetpipe.plugin.report;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.ContentEncoding;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * An asset's size as its manifest lists it.
 *
 * @param raw the identity file
 * @param variants the precompressed variants the bundle keeps
 */
public record Sizes(long raw, Map<ContentEncoding, Long> variants) {
    public Sizes {
        variants = Collections.unmodifiableMap(variants.isEmpty() ? Map.of() : new EnumMap<>(variants));
    }

    public static Sizes of(AssetEntry entry) {
        Map<ContentEncoding, Long> variants = new EnumMap<>(ContentEncoding.class);
        entry.encodings().forEach((encoding, variant) -> variants.put(encoding, variant.size()));
        return new Sizes(entry.size(), variants);
    }
}
