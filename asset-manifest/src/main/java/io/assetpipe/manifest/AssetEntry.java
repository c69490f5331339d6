package io.assetpipe.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One asset: its fingerprinted file, media type, size, SHA-256, SRI integrity, precompressed
 * variants and, optionally, the logical path of its source map.
 *
 * @param path fingerprinted path of the identity file, e.g. {@code css/app-3f2a9c1be0d4.css}
 * @param type {@code Content-Type} value, e.g. {@code text/css; charset=utf-8}
 * @param size size of the identity file in bytes
 * @param sha256 SHA-256 of the identity file, 64 lowercase hex digits
 * @param integrity Subresource Integrity value, {@code sha384-<base64>}
 * @param encodings precompressed variants by encoding (possibly empty, never null)
 * @param sourceMap logical path of the source map asset, or {@code null}
 */
public record AssetEntry(
        String path,
        String type,
        long size,
        String sha256,
        String integrity,
        Map<ContentEncoding, EncodedVariant> encodings,
        String sourceMap) {

    public AssetEntry {
        AssetPaths.requireSafe("path", path);
        Checks.requireText("type", type);
        Checks.requireSize("size", size);
        Checks.requireSha256("sha256", sha256);
        Checks.requireIntegrity("integrity", integrity);
        EnumMap<ContentEncoding, EncodedVariant> copy = new EnumMap<>(ContentEncoding.class);
        if (encodings != null) {
            encodings.forEach((encoding, variant) -> {
                if (encoding == null || variant == null) {
                    throw new ManifestException("encodings must not contain null keys or values");
                }
                copy.put(encoding, variant);
            });
        }
        encodings = Collections.unmodifiableMap(copy);
        if (sourceMap != null) {
            AssetPaths.requireSafe("sourceMap", sourceMap);
        }
    }

    /** An entry without variants or source map. */
    public static AssetEntry of(String path, String type, long size, String sha256, String integrity) {
        return new AssetEntry(path, type, size, sha256, integrity, Map.of(), null);
    }

    public Optional<EncodedVariant> variant(ContentEncoding encoding) {
        return Optional.ofNullable(encodings.get(encoding));
    }

    public Optional<String> sourceMapPath() {
        return Optional.ofNullable(sourceMap);
    }

    /** The identity file followed by every variant file, in encoding order. */
    public List<BundleFile> files() {
        List<BundleFile> files = new ArrayList<>(1 + encodings.size());
        files.add(new BundleFile(path, size, sha256));
        encodings.values().forEach(variant -> files.add(variant.file()));
        return List.copyOf(files);
    }

    public AssetEntry withSourceMap(String logicalPath) {
        return new AssetEntry(path, type, size, sha256, integrity, encodings, logicalPath);
    }
}
