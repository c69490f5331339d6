package io.assetpipe.plugin.incremental;

import io.assetpipe.plugin.fingerprint.Fingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * SHA-256 of files, each read at most once per build: the up-to-date check, the compile cache and
 * the index written at the end all ask about the same files.
 *
 * <p>A file whose size and modification time are what the previous build recorded keeps the hash
 * recorded with them, unread (as make, Maven's incremental compiler and Gradle trust file times):
 * a no-op build then reads no source at all. The stamp is taken before the file is read, so a file
 * changed while it is being read gets a newer time and is read again next build.
 */
public final class FileHashes {
    private final Map<Path, String> hashes = new ConcurrentHashMap<>();
    private final Map<String, String> stamped = new ConcurrentHashMap<>();
    private final Map<String, String> recorded;

    public FileHashes() {
        this(Map.of());
    }

    /** @param recorded the previous build's {@link #stamps()} */
    public FileHashes(Map<String, String> recorded) {
        this.recorded = Map.copyOf(recorded);
    }

    /** The file's hash, or {@code "unreadable"}, which matches no recorded hash. */
    public String of(Path file) {
        return hashes.computeIfAbsent(file.toAbsolutePath().normalize(), f -> {
            try {
                String stamp = stamp(f);
                String previous = recorded.get(f.toString());
                String hash = previous != null && previous.startsWith(stamp + " ")
                        ? previous.substring(stamp.length() + 1)
                        : Fingerprint.sha256Hex(Files.readAllBytes(f));
                stamped.put(f.toString(), stamp + " " + hash);
                return hash;
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

    /** {@code "<size> <mtime ns> <sha256>"} of every file hashed in this build, by absolute path. */
    public SortedMap<String, String> stamps() {
        return new TreeMap<>(stamped);
    }

    /** {@code "<size> <modification time in ns>"}: tells a changed file from an unchanged one unread. */
    public static String stamp(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return attributes.size() + " " + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }
}
