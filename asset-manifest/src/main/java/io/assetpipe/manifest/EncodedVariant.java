package io.assetpipe.manifest;

/** A precompressed variant of an asset: its file, size in bytes and SHA-256 (64 lowercase hex). */
public record EncodedVariant(String path, long size, String sha256) {
    public EncodedVariant {
        AssetPaths.requireSafe("path", path);
        Checks.requireSize("size", size);
        Checks.requireSha256("sha256", sha256);
    }

    BundleFile file() {
        return new BundleFile(path, size, sha256);
    }
}
