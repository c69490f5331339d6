package io.assetpipe.plugin.pipeline;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.manifest.EncodedVariant;
import io.assetpipe.plugin.fingerprint.Fingerprint;
import io.assetpipe.plugin.media.MediaTypes;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The assets as written into the staging directory: their manifest entries and the sizes the
 * build summary reports.
 *
 * @param entries manifest entry by logical path
 * @param bytesOut total size of the identity files
 * @param encodedBytes total size of the kept variants, per encoding
 */
record StagedAssets(Map<String, AssetEntry> entries, long bytesOut, Map<ContentEncoding, Long> encodedBytes) {

    /** Writes each fingerprinted asset and its encoded variants into {@code bundle}. */
    static StagedAssets write(BundleWriter bundle, Fingerprinter.FingerprintedAssets assets,
                              Map<String, PendingAsset> pending, Precompression precompression,
                              List<ContentEncoding> encodings, BuildLog log) throws IOException {
        Map<String, AssetEntry> entries = new TreeMap<>();
        Map<ContentEncoding, Long> encodedTotals = new EnumMap<>(ContentEncoding.class);
        encodings.forEach(e -> encodedTotals.put(e, 0L));
        long bytesOut = 0;
        for (Map.Entry<String, byte[]> e : assets.bytes().entrySet()) {
            String logical = e.getKey();
            byte[] bytes = e.getValue();
            String path = assets.paths().get(logical);
            bundle.write(path, bytes);
            bytesOut += bytes.length;
            Map<ContentEncoding, EncodedVariant> variants = new EnumMap<>(ContentEncoding.class);
            for (Map.Entry<ContentEncoding, byte[]> v : precompression.variants(logical).entrySet()) {
                String variantPath = path + v.getKey().suffix();
                bundle.write(variantPath, v.getValue());
                variants.put(v.getKey(), new EncodedVariant(variantPath, v.getValue().length,
                        Fingerprint.sha256Hex(v.getValue())));
                encodedTotals.merge(v.getKey(), (long) v.getValue().length, Long::sum);
            }
            entries.put(logical, new AssetEntry(path, MediaTypes.typeOf(logical), bytes.length,
                    assets.sha256().get(logical), Fingerprint.integrity(bytes), variants,
                    pending.get(logical).sourceMap()));
            log.debug(logical + " -> " + path + " (" + bytes.length + " B"
                    + variants.entrySet().stream().map(v -> ", " + v.getKey().token() + " " + v.getValue().size() + " B")
                            .reduce("", String::concat) + ")");
        }
        return new StagedAssets(entries, bytesOut, encodedTotals);
    }
}
