package io.assetpipe.plugin.pipeline;

import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.plugin.compress.Encoder;
import io.assetpipe.plugin.compress.Precompressor;
import io.assetpipe.plugin.fingerprint.Fingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The encoded variants of every asset, compressed in parallel on the build's pool. Variants are
 * cached in {@code <workDirectory>/encoded} by content hash, so unchanged files are not
 * recompressed on rebuilds.
 */
final class Precompression {
    private final Map<String, Future<Map<ContentEncoding, byte[]>>> jobs = new TreeMap<>();
    private final EncodedCache cache;

    private Precompression(EncodedCache cache) {
        this.cache = cache;
    }

    /** Starts compressing {@code assets} (final bytes by logical path). */
    static Precompression start(BuildConfig config, Map<String, byte[]> assets, ExecutorService pool) {
        Precompressor precompressor = new Precompressor(config.encodings());
        Precompression out = new Precompression(new EncodedCache(config.workDirectory().resolve("encoded")));
        assets.forEach((logical, bytes) -> out.jobs.put(logical,
                pool.submit(() -> precompressor.variants(logical, bytes, out.cache))));
        return out;
    }

    /** The variants worth keeping for {@code logical}, waiting for them if needed. */
    Map<ContentEncoding, byte[]> variants(String logical) throws IOException {
        return Futures.await(jobs.get(logical));
    }

    /** Drops cached variants of content no longer in the bundle, so the cache does not grow forever. */
    void pruneCache() throws IOException {
        cache.retainOnly();
    }

    private static final class EncodedCache implements Precompressor.VariantCache {
        private final Path dir;
        private final Set<Path> used = ConcurrentHashMap.newKeySet();

        EncodedCache(Path dir) {
            this.dir = dir;
        }

        @Override
        public byte[] get(byte[] identity, Encoder encoder) {
            Path file = dir.resolve(Fingerprint.sha256Hex(identity) + "." + encoder.encoding().token());
            used.add(file);
            try {
                if (Files.isRegularFile(file)) {
                    return Files.readAllBytes(file);
                }
                byte[] encoded = encoder.encode(identity);
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, "enc", ".tmp");
                Files.write(tmp, encoded);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return encoded;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void retainOnly() throws IOException {
            if (!Files.isDirectory(dir)) {
                return;
            }
            try (var list = Files.list(dir)) {
                for (Path p : list.toList()) {
                    if (!used.contains(p)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }
}
