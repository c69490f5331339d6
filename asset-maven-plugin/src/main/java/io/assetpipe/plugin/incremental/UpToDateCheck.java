package io.assetpipe.plugin.incremental;

import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.ManifestCodec;
import io.assetpipe.plugin.fingerprint.Fingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether the last build's output still stands: same configuration, sources, jars and compiler
 * inputs as recorded in the {@link BuildIndex}, and the manifest it wrote still in place with every
 * file it lists.
 */
public final class UpToDateCheck {
    private final Path outputDirectory;
    private final FileHashes hashes;

    public UpToDateCheck(Path outputDirectory, FileHashes hashes) {
        this.outputDirectory = outputDirectory;
        this.hashes = hashes;
    }

    /** {@code previous} is the index of a build with the same configuration key, or null. */
    public boolean upToDate(BuildIndex previous, BuildInputs inputs) {
        return previous != null
                && previous.sources().equals(inputs.sources())
                && previous.jars().equals(inputs.jars())
                && previous.units().values().stream().allMatch(hashes::unchanged)
                && manifestIntact(previous);
    }

    private boolean manifestIntact(BuildIndex index) {
        Path manifest = outputDirectory.resolve(ManifestCodec.FILE_NAME);
        try {
            if (!Files.isRegularFile(manifest)) {
                return false;
            }
            byte[] bytes = Files.readAllBytes(manifest);
            AssetManifest m = ManifestCodec.read(bytes, manifest.toString());
            // asset:package may since have added carried-forward releases under "retired" (it
            // re-applies them on every run), so compare the manifest this goal wrote: without them.
            byte[] asBuilt = m.retired().isEmpty() ? bytes : ManifestCodec.write(m.withRetired(Map.of()));
            if (!Fingerprint.sha256Hex(asBuilt).equals(index.manifestSha256())) {
                return false;
            }
            // Every listed file must still be there (a partly deleted output means rebuild).
            return m.files().stream().allMatch(f -> Files.isRegularFile(outputDirectory.resolve(f.path())));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
