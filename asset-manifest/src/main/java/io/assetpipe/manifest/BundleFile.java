package io.assetpipe.manifest;

/** One file a bundle must contain, with the size and SHA-256 it must have. */
public record BundleFile(String path, long size, String sha256) {
    public BundleFile {
        AssetPaths.requireSafe("path", path);
        Checks.requireSize("size", size);
        Checks.requireSha256("sha256", sha256);
    }
}
