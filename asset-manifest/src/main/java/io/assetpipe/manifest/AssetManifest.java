package io.assetpipe.manifest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Manifest format v1: what a bundle contains. Immutable; maps are sorted by key, so writing the same
 * manifest always gives the same bytes.
 *
 * <p>Invariants checked on construction: every path is safe ({@link AssetPaths}); no two files
 * (identity or variant, current or retired) share a path; no logical path names another asset's
 * file; each current asset's {@code sourceMap} is itself a current asset; each retired entry is
 * keyed by its own fingerprinted path.
 *
 * @param version format version, always {@link #CURRENT_VERSION} for manifests this code writes
 * @param generator the tool and version that wrote the bundle, e.g. {@code assetpipe 0.1.0}
 * @param buildTime when the bundle was built (the reproducible build timestamp); servers use it as
 *     {@code Last-Modified}
 * @param assets current assets keyed by logical path
 * @param retired assets carried over from earlier releases, keyed by fingerprinted path
 */
public record AssetManifest(
        int version,
        String generator,
        Instant buildTime,
        SortedMap<String, AssetEntry> assets,
        SortedMap<String, AssetEntry> retired) {

    public static final int CURRENT_VERSION = 1;

    public AssetManifest {
        if (version != CURRENT_VERSION) {
            throw new ManifestException(
                    "version " + version + " is not supported (this reader supports " + CURRENT_VERSION + ")");
        }
        Checks.requireText("generator", generator);
        Objects.requireNonNull(buildTime, "buildTime");
        assets = sortedCopy(assets);
        retired = sortedCopy(retired);
        checkPathsAreUnique(assets, retired);
    }

    /** A current-version manifest. */
    public static AssetManifest of(
            String generator, Instant buildTime, Map<String, AssetEntry> assets, Map<String, AssetEntry> retired) {
        return new AssetManifest(
                CURRENT_VERSION, generator, buildTime, new TreeMap<>(assets), new TreeMap<>(retired));
    }

    public Optional<AssetEntry> asset(String logicalPath) {
        return Optional.ofNullable(assets.get(logicalPath));
    }

    /** Every file the bundle must hold (current then retired), each once. */
    public List<BundleFile> files() {
        List<BundleFile> files = new ArrayList<>();
        assets.values().forEach(entry -> files.addAll(entry.files()));
        retired.values().forEach(entry -> files.addAll(entry.files()));
        return List.copyOf(files);
    }

    public AssetManifest withRetired(Map<String, AssetEntry> newRetired) {
        return new AssetManifest(version, generator, buildTime, assets, new TreeMap<>(newRetired));
    }

    private static SortedMap<String, AssetEntry> sortedCopy(Map<String, AssetEntry> entries) {
        TreeMap<String, AssetEntry> copy = new TreeMap<>();
        if (entries != null) {
            entries.forEach((key, entry) -> {
                if (key == null || entry == null) {
                    throw new ManifestException("asset maps must not contain null keys or values");
                }
                copy.put(key, entry);
            });
        }
        return Collections.unmodifiableSortedMap(copy);
    }

    private static void checkPathsAreUnique(Map<String, AssetEntry> assets, Map<String, AssetEntry> retired) {
        Map<String, String> owners = new HashMap<>();
        assets.forEach((logical, entry) -> {
            String where = "assets[" + AssetPaths.quote(logical) + "]";
            AssetPaths.requireSafe(where, logical);
            claim(owners, entry, where);
        });
        retired.forEach((key, entry) -> {
            String where = "retired[" + AssetPaths.quote(key) + "]";
            AssetPaths.requireSafe(where, key);
            if (!key.equals(entry.path())) {
                throw new ManifestException(where + ".path " + AssetPaths.quote(entry.path())
                        + " must equal its key: retired entries are keyed by fingerprinted path");
            }
            claim(owners, entry, where);
        });
        assets.forEach((logical, entry) -> {
            String owner = owners.get(logical);
            if (owner != null && !owner.startsWith("assets[" + AssetPaths.quote(logical) + "]")) {
                throw new ManifestException("duplicate path: logical path " + AssetPaths.quote(logical)
                        + " is also the file of " + owner);
            }
            if (entry.sourceMap() != null && !assets.containsKey(entry.sourceMap())) {
                throw new ManifestException("assets[" + AssetPaths.quote(logical) + "].sourceMap "
                        + AssetPaths.quote(entry.sourceMap()) + " is not an asset of this manifest");
            }
        });
    }

    private static void claim(Map<String, String> owners, AssetEntry entry, String where) {
        claim(owners, entry.path(), where + ".path");
        entry.encodings().forEach((encoding, variant) ->
                claim(owners, variant.path(), where + ".encodings." + encoding.token() + ".path"));
    }

    private static void claim(Map<String, String> owners, String path, String field) {
        String previous = owners.putIfAbsent(path, field);
        if (previous != null) {
            throw new ManifestException(
                    "duplicate path " + AssetPaths.quote(path) + " in " + previous + " and " + field);
        }
    }
}
