package io.assetpipe.plugin.packaging;

import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.BundleFile;
import io.assetpipe.manifest.ManifestCodec;
import io.assetpipe.plugin.fingerprint.Fingerprint;
import io.assetpipe.plugin.incremental.FileHashes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Packs a bundle directory (the one holding {@code manifest.json}) into an assets jar: the manifest
 * and exactly the files it lists, under {@code META-INF/assets/}, each checked against the size and
 * SHA-256 the manifest gives. Files the manifest doesn't list (left over from an earlier build in
 * the same {@code target/}) are not packed, so a non-clean build gives the same jar as a clean one.
 */
public final class AssetsJar {
    /** Where a bundle lives inside a jar (and under a classes directory). */
    public static final String PREFIX = "META-INF/assets/";

    private AssetsJar() {}

    /** What was written. */
    public record Result(Path jar, int entries, long size, String sha256) {}

    /**
     * Like {@link #write}, but keeps the jar already at {@code jar} when {@code stateFile} says it
     * was written from the same manifest, the same files (path, size and modification time) and
     * the same entry time, and the jar itself is unchanged since (size and modification time): a
     * no-op {@code mvn package} then neither re-reads nor re-hashes the bundle.
     */
    public static Result writeIfChanged(Path bundleDirectory, Path jar, Instant timestamp, Path stateFile)
            throws IOException {
        Path manifestFile = manifestFile(bundleDirectory);
        byte[] manifestBytes = Files.readAllBytes(manifestFile);
        AssetManifest manifest = ManifestCodec.read(manifestBytes, manifestFile.toString());
        String key = inputKey(bundleDirectory, manifestBytes, manifest, jar, timestamp);
        Optional<Result> kept = key == null ? Optional.empty() : previous(stateFile, key, jar);
        if (kept.isPresent()) {
            return kept.get();
        }
        Files.deleteIfExists(stateFile);
        Result result = write(bundleDirectory, manifestFile, manifest, jar, timestamp); // changes no input file
        if (key != null) {
            Files.createDirectories(stateFile.getParent());
            Files.writeString(stateFile, String.join("\n", key, FileHashes.stamp(jar), String.valueOf(result.entries()),
                    String.valueOf(result.size()), result.sha256()) + "\n");
        }
        return result;
    }

    /** A hash of everything the jar is made from, or null when a listed file cannot be looked at (then: write). */
    private static String inputKey(Path bundleDirectory, byte[] manifestBytes, AssetManifest manifest, Path jar,
                                   Instant timestamp) {
        StringBuilder key = new StringBuilder(jar.toAbsolutePath() + "\n" + timestamp + "\n"
                + Fingerprint.sha256Hex(manifestBytes) + "\n");
        try {
            for (BundleFile file : manifest.files()) {
                key.append(file.path()).append(' ')
                        .append(FileHashes.stamp(bundleDirectory.resolve(file.path()))).append('\n');
            }
        } catch (IOException e) {
            return null;
        }
        return Fingerprint.sha256Hex(key.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<Result> previous(Path stateFile, String key, Path jar) {
        try {
            List<String> lines = Files.readAllLines(stateFile);
            if (lines.size() == 5 && lines.get(0).equals(key) && lines.get(1).equals(FileHashes.stamp(jar))) {
                return Optional.of(new Result(jar, Integer.parseInt(lines.get(2)), Long.parseLong(lines.get(3)),
                        lines.get(4)));
            }
        } catch (IOException | RuntimeException e) {
            // no usable state: write the jar
        }
        return Optional.empty();
    }

    /**
     * @param timestamp every entry's time ({@link OutputTimestamp})
     * @throws PackagingException if a listed file is missing or differs from its manifest entry
     * @throws io.assetpipe.manifest.ManifestException if {@code manifest.json} is invalid
     */
    public static Result write(Path bundleDirectory, Path jar, Instant timestamp) throws IOException {
        Path manifestFile = manifestFile(bundleDirectory);
        AssetManifest manifest = ManifestCodec.read(Files.readAllBytes(manifestFile), manifestFile.toString());
        return write(bundleDirectory, manifestFile, manifest, jar, timestamp);
    }

    private static Result write(Path bundleDirectory, Path manifestFile, AssetManifest manifest, Path jar,
                                Instant timestamp) throws IOException {
        List<StoredJarWriter.Entry> entries = new ArrayList<>();
        entries.add(new StoredJarWriter.Entry(PREFIX + ManifestCodec.FILE_NAME, manifestFile));
        Map<String, BundleFile> listed = new HashMap<>();
        for (BundleFile file : manifest.files()) {
            Path source = bundleDirectory.resolve(file.path());
            if (!Files.isRegularFile(source)) {
                throw new PackagingException(manifestFile + " lists " + file.path() + " but " + source
                        + " does not exist");
            }
            listed.put(PREFIX + file.path(), file);
            entries.add(new StoredJarWriter.Entry(PREFIX + file.path(), source));
        }
        // Each file is checked against the manifest on the bytes that go into the jar.
        ContentDigest written = StoredJarWriter.write(jar, entries, timestamp,
                (entry, data) -> {
                    BundleFile expected = listed.get(entry.name());
                    if (expected == null) {
                        return; // manifest.json itself
                    }
                    ContentDigest digest = ContentDigest.of(data);
                    if (!digest.matches(expected)) {
                        throw new PackagingException(entry.file() + " " + digest.describeMismatch(expected) + " ("
                                + manifestFile + "); it is stale or was changed after asset:build, run a clean build");
                    }
                });
        return new Result(jar, entries.size(), written.size(), written.sha256());
    }

    private static Path manifestFile(Path bundleDirectory) {
        Path manifestFile = bundleDirectory.resolve(ManifestCodec.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            throw new PackagingException("no bundle to package: " + manifestFile
                    + " does not exist (run the asset:build goal before asset:package)");
        }
        return manifestFile;
    }
}
