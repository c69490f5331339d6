package io.assetpipe.plugin.carryforward;

import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.BundleFile;
import io.assetpipe.manifest.ManifestCodec;
import io.assetpipe.manifest.ManifestException;
import io.assetpipe.plugin.packaging.AssetsJar;
import io.assetpipe.plugin.packaging.ContentDigest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The assets jar of an earlier release, with its manifest, checked file by file against that
 * manifest when opened: a release whose bytes don't match what it claims must not be copied into
 * a new one.
 *
 * @param coordinates where it came from, for messages, e.g. {@code com.example:shop:jar:assets:1.4.0}
 * @param jar the resolved assets jar
 * @param manifest its {@code META-INF/assets/manifest.json}
 */
public record ReleaseBundle(String coordinates, Path jar, AssetManifest manifest) {

    /**
     * Reads {@code jar}'s manifest and verifies the size and SHA-256 of every file it lists.
     *
     * @throws CarryForwardException naming the jar and the file when the manifest is missing or
     *     invalid, or a listed file is missing or differs
     */
    public static ReleaseBundle open(String coordinates, Path jar) throws IOException {
        String where = coordinates + " (" + jar + ")";
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            String manifestName = AssetsJar.PREFIX + ManifestCodec.FILE_NAME;
            ZipEntry manifestEntry = zip.getEntry(manifestName);
            if (manifestEntry == null) {
                throw new CarryForwardException(where + " has no " + manifestName + "; is it an assetpipe assets jar?");
            }
            AssetManifest manifest;
            try (InputStream in = zip.getInputStream(manifestEntry)) {
                manifest = ManifestCodec.read(in, where + "!/" + manifestName);
            } catch (ManifestException e) {
                throw new CarryForwardException(e.getMessage(), e);
            }
            for (BundleFile file : manifest.files()) {
                String name = AssetsJar.PREFIX + file.path();
                ZipEntry entry = zip.getEntry(name);
                if (entry == null) {
                    throw new CarryForwardException(where + ": " + name + " is listed in its manifest but missing");
                }
                ContentDigest digest;
                try (InputStream in = zip.getInputStream(entry)) {
                    digest = ContentDigest.of(in);
                }
                if (!digest.matches(file)) {
                    throw new CarryForwardException(where + ": " + name + " " + digest.describeMismatch(file));
                }
            }
            return new ReleaseBundle(coordinates, jar, manifest);
        }
    }
}
