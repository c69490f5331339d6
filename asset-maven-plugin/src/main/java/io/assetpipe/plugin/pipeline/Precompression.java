package io.assetpipe.plugin.pipeline;

import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.plugin.compress.Encoder;
import io.assetpipe.plugin.compress.Precompressor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The encoded variants of every asset, compressed in parallel on the build's pool. Variants are
 * cached in {@code <workDirectory>/encoded} by content hash and encoder setting, so unchanged files
 * are not recompressed on rebuilds; this build's new ones are written there only when it succeeded
 * ({@link #keepInCache()}).
 */
final class Precompression {
    private final Map<String, Pending> jobs = new HashMap<>();
    private final EncodedCache cache;

    /** One asset's encodings being computed, and the size of its identity bytes to judge them by. */
    private record Pending(int identitySize, Map<ContentEncoding, Future<byte[]>> variants) {}

    private Precompression(EncodedCache cache) {
        this.cache = cache;
    }

    /**
     * Starts compressing {@code assets} (final bytes by logical path, with the SHA-256 the
     * fingerprinter computed for each, which keys the cache): one task per file and
     * encoding, largest file first, so the longest tasks (brotli 11 on the biggest files) start at
     * once and the small ones fill the cores at the end instead of one big file finishing alone.
     */
    static Precompression start(BuildConfig config, Map<String, byte[]> assets, Map<String, String> sha256,
                                ExecutorService pool) {
        Precompressor precompressor = new Precompressor(config.encodings(), config.sourceMapCompression());
        Precompression out = new Precompression(new EncodedCache(config.workDirectory().resolve("encoded")));
        assets.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, byte[]> e) -> e.getValue().length).reversed()
                        .thenComparing(Map.Entry::getKey))
                .forEach(asset -> {
                    String logical = asset.getKey();
                    byte[] bytes = asset.getValue();
                    String hash = sha256.get(logical);
                    Map<ContentEncoding, Future<byte[]>> variants = new EnumMap<>(ContentEncoding.class);
                    for (Encoder encoder : precompressor.encodersFor(logical)) {
                        variants.put(encoder.encoding(), pool.submit(() -> out.cache.get(hash, bytes, encoder)));
                    }
                    out.jobs.put(logical, new Pending(bytes.length, variants));
                });
        return out;
    }

    /** The variants worth keeping for {@code logical}, in encoding order, waiting for them if needed. */
    Map<ContentEncoding, byte[]> variants(String logical) throws IOException {
        Map<ContentEncoding, byte[]> kept = new EnumMap<>(ContentEncoding.class);
        Pending pending = jobs.get(logical);
        for (Map.Entry<ContentEncoding, Future<byte[]>> job : pending.variants().entrySet()) {
            byte[] encoded = Futures.await(job.getValue());
            if (Precompressor.worthKeeping(pending.identitySize(), encoded.length)) {
                kept.put(job.getKey(), encoded);
            }
        }
        return kept;
    }

    /**
     * Once the build succeeded: writes the variants encoded this build into the cache and drops
     * those of content no longer in the bundle, so the cache does not grow forever.
     */
    void keepInCache() throws IOException {
        cache.keepOnlyUsed();
    }

    /** Encoded bytes by content hash and encoder setting, kept between builds. */
    private static final class EncodedCache {
        private final Path dir;
        private final Set<Path> used = ConcurrentHashMap.newKeySet();
        /** Encoded this build, by the file that will keep them. */
        private final Map<Path, byte[]> fresh = new ConcurrentHashMap<>();

        EncodedCache(Path dir) {
            this.dir = dir;
        }

        /** {@code sha256}: of {@code identity}. */
        byte[] get(String sha256, byte[] identity, Encoder encoder) {
            Path file = dir.resolve(sha256 + "." + encoder.setting());
            used.add(file);
            try {
                if (Files.isRegularFile(file)) {
                    return Files.readAllBytes(file);
                }
                byte[] encoded = encoder.encode(identity);
                fresh.put(file, encoded);
                return encoded;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void keepOnlyUsed() throws IOException {
            Files.createDirectories(dir);
            for (Map.Entry<Path, byte[]> entry : fresh.entrySet()) {
                Path tmp = Files.createTempFile(dir, "enc", ".tmp");
                Files.write(tmp, entry.getValue());
                Files.move(tmp, entry.getKey(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
