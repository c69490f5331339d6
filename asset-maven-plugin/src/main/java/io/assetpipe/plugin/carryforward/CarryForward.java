package io.assetpipe.plugin.carryforward;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.BundleFile;
import io.assetpipe.manifest.ManifestCodec;
import io.assetpipe.plugin.packaging.AssetsJar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipFile;

/**
 * Applies a {@link RetiredAssets.Plan} to a bundle directory: copies the carried files out of the
 * previous releases' jars, removes files an earlier run carried that the plan no longer wants, and
 * rewrites {@code manifest.json} (only when it changes, so an unchanged bundle keeps its file times).
 *
 * <p>It works on the bundle directory, before the jar is written, so the project's ordinary jar
 * (built from the same classes directory) carries the same files as the assets jar.
 */
public final class CarryForward {
    private CarryForward() {}

    /**
     * @param bundleDirectory the directory holding {@code manifest.json}, e.g.
     *     {@code target/classes/META-INF/assets}
     * @param previousNewestFirst verified previous releases (see {@link ReleaseBundle#open}); may be
     *     empty, which removes whatever an earlier run carried
     */
    public static RetiredAssets.Plan apply(
            Path bundleDirectory, List<ReleaseBundle> previousNewestFirst, Optional<Duration> maxAge) throws IOException {
        Path manifestFile = bundleDirectory.resolve(ManifestCodec.FILE_NAME);
        AssetManifest current = ManifestCodec.read(Files.readAllBytes(manifestFile), manifestFile.toString());
        RetiredAssets.Plan plan = RetiredAssets.plan(current, previousNewestFirst, maxAge);

        copy(bundleDirectory, plan.sources());
        removeNoLongerCarried(bundleDirectory, current, plan.manifest());
        if (!plan.manifest().equals(current)) { // usually equal: nothing carried before or now
            Path temp = bundleDirectory.resolve(ManifestCodec.FILE_NAME + ".tmp"); // default permissions, unlike createTempFile
            Files.write(temp, ManifestCodec.write(plan.manifest()));
            Files.move(temp, manifestFile, StandardCopyOption.REPLACE_EXISTING);
        }
        return plan;
    }

    private static void copy(Path bundleDirectory, Map<String, ReleaseBundle> sources) throws IOException {
        Map<ReleaseBundle, ZipFile> open = new HashMap<>();
        try {
            for (Map.Entry<String, ReleaseBundle> source : sources.entrySet()) {
                ZipFile zip = open.get(source.getValue());
                if (zip == null) {
                    zip = new ZipFile(source.getValue().jar().toFile());
                    open.put(source.getValue(), zip);
                }
                Path target = bundleDirectory.resolve(source.getKey());
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(zip.getEntry(AssetsJar.PREFIX + source.getKey()))) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } finally {
            for (ZipFile zip : open.values()) {
                zip.close();
            }
        }
    }

    /** Deletes files that were retired entries of {@code before} and are in no entry of {@code after}. */
    private static void removeNoLongerCarried(Path bundleDirectory, AssetManifest before, AssetManifest after)
            throws IOException {
        Set<String> wanted = new HashSet<>();
        after.files().forEach(file -> wanted.add(file.path()));
        for (AssetEntry entry : before.retired().values()) {
            for (BundleFile file : entry.files()) {
                if (!wanted.contains(file.path())) {
                    Files.deleteIfExists(bundleDirectory.resolve(file.path()));
                }
            }
        }
    }
}
