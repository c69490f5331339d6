package io.assetpipe.plugin.incremental;

import io.assetpipe.plugin.fingerprint.Fingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of files, each read at most once per build: the up-to-date check, the compile cache and
 * the index written at the end all ask about the same files.
 */
public final class FileHashes {
    private final Map<Path, String> hashes = new ConcurrentHashMap<>();

    /** The file's hash, or {@code "unreadable"}, which matches no recorded hash. */
    public String of(Path file) {
        return hashes.computeIfAbsent(file.toAbsolutePath().normalize(), f -> {
            try {
                return Fingerprint.sha256Hex(Files.readAllBytes(f));
            } catch (IOException e) {
                return "unreadable";
            }
        });
    }

    /** Whether every file in {@code recorded} (path → hash) still exists with that hash. */
    public boolean unchanged(Map<String, String> recorded) {
        for (Map.Entry<String, String> input : recorded.entrySet()) {
            Path file = Path.of(input.getKey());
            if (!Files.isRegularFile(file) || !of(file).equals(input.getValue())) {
                return false;
            }
        }
        return true;
    }
}
