package io.assetpipe.http;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.Zstd;
import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.manifest.EncodedVariant;
import io.assetpipe.manifest.ManifestCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds real bundles laid out as {@code asset:build} and {@code asset:package} write them:
 * fingerprinted files, variants compressed by the real encoders, a manifest written by
 * {@link ManifestCodec}, and jars with STORED, sorted entries.
 */
public final class TestBundles {
    public static final Instant BUILD_TIME = Instant.parse("2026-01-01T00:00:00Z");
    public static final String JQUERY = "META-INF/resources/webjars/jquery/4.0.0/dist/jquery.js";

    private TestBundles() {}

    public static byte[] jquery() {
        return resource(JQUERY);
    }

    public static byte[] resource(String name) {
        try (InputStream in = TestBundles.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, AssetEntry> assets = new TreeMap<>();
        private final Map<String, AssetEntry> retired = new TreeMap<>();
        private final Map<String, byte[]> files = new TreeMap<>();
        private Instant buildTime = BUILD_TIME;

        /** A current asset with the given variants, compressed now. */
        public Builder add(String logicalPath, String type, byte[] content, ContentEncoding... encodings) {
            assets.put(logicalPath, entry(logicalPath, type, content, encodings));
            return this;
        }

        /** An asset of an earlier release, served by fingerprinted path only. */
        public Builder retire(String logicalPath, String type, byte[] content, ContentEncoding... encodings) {
            AssetEntry entry = entry(logicalPath, type, content, encodings);
            retired.put(entry.path(), entry);
            return this;
        }

        public Builder buildTime(Instant time) {
            this.buildTime = time;
            return this;
        }

        private AssetEntry entry(String logicalPath, String type, byte[] content, ContentEncoding... encodings) {
            String sha = sha256(content);
            String path = fingerprint(logicalPath, sha);
            files.put(path, content);
            Map<ContentEncoding, EncodedVariant> variants = new EnumMap<>(ContentEncoding.class);
            for (ContentEncoding encoding : encodings) {
                byte[] encoded = encode(encoding, content);
                String variantPath = path + encoding.suffix();
                files.put(variantPath, encoded);
                variants.put(encoding, new EncodedVariant(variantPath, encoded.length, sha256(encoded)));
            }
            return new AssetEntry(path, type, content.length, sha, integrity(content), variants, null);
        }

        public AssetManifest manifest() {
            return AssetManifest.of("assetpipe-test", buildTime, assets, retired);
        }

        /** File path → bytes, as they go into the bundle (tests corrupt copies of these). */
        public Map<String, byte[]> files() {
            return files;
        }

        /** A bundle directory: manifest.json beside the files. */
        public Path writeDirectory(Path directory) throws IOException {
            Files.createDirectories(directory);
            Files.write(directory.resolve(ManifestCodec.FILE_NAME), ManifestCodec.write(manifest()));
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = directory.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
            return directory;
        }

        /** An assets jar: META-INF/assets/**, STORED, sorted, fixed timestamps. */
        public Path writeJar(Path jar) throws IOException {
            Map<String, byte[]> entries = new TreeMap<>(files);
            entries.put(ManifestCodec.FILE_NAME, ManifestCodec.write(manifest()));
            return writeJar(jar, entries);
        }

        public static Path writeJar(Path jar, Map<String, byte[]> entries) throws IOException {
            Files.createDirectories(jar.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> file : new TreeMap<>(entries).entrySet()) {
                    ZipEntry entry = new ZipEntry(AssetBundle.JAR_ROOT + file.getKey());
                    byte[] bytes = file.getValue();
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(bytes.length);
                    entry.setCompressedSize(bytes.length);
                    entry.setCrc(crc.getValue());
                    entry.setTime(BUILD_TIME.toEpochMilli());
                    zip.putNextEntry(entry);
                    zip.write(bytes);
                    zip.closeEntry();
                }
            }
            return jar;
        }
    }

    /** {@code dir/name.ext} → {@code dir/name-<12 hex>.ext}, as the plugin names files. */
    public static String fingerprint(String logicalPath, String sha256) {
        int slash = logicalPath.lastIndexOf('/');
        int dot = logicalPath.indexOf('.', slash + 1);
        String hash = sha256.substring(0, 12);
        return dot < 0
                ? logicalPath + "-" + hash
                : logicalPath.substring(0, dot) + "-" + hash + logicalPath.substring(dot);
    }

    /** Compressing jQuery at maximum levels takes a while; tests build many bundles from it. */
    private static final Map<String, byte[]> ENCODED = new java.util.concurrent.ConcurrentHashMap<>();

    public static byte[] encode(ContentEncoding encoding, byte[] content) {
        return ENCODED.computeIfAbsent(encoding + ":" + sha256(content), key -> compress(encoding, content)).clone();
    }

    private static byte[] compress(ContentEncoding encoding, byte[] content) {
        try {
            switch (encoding) {
                case GZIP -> {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
                        gzip.write(content);
                    }
                    return bytes.toByteArray();
                }
                case BR -> {
                    Brotli4jLoader.ensureAvailability();
                    return Encoder.compress(content, new Encoder.Parameters().setQuality(11));
                }
                case ZSTD -> {
                    return Zstd.compress(content, 19);
                }
                default -> throw new IllegalArgumentException(encoding.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] content) {
        return HexFormat.of().formatHex(digest("SHA-256", content));
    }

    public static String integrity(byte[] content) {
        return "sha384-" + Base64.getEncoder().encodeToString(digest("SHA-384", content));
    }

    private static byte[] digest(String algorithm, byte[] content) {
        try {
            return MessageDigest.getInstance(algorithm).digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The inverse of {@link #encode}, for checking what a server sent. */
    public static byte[] decode(ContentEncoding encoding, byte[] body, int originalLength) throws IOException {
        if (encoding == null) {
            return body;
        }
        return switch (encoding) {
            case GZIP -> new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
            case BR -> {
                Brotli4jLoader.ensureAvailability();
                yield Decoder.decompress(body).getDecompressedData();
            }
            case ZSTD -> Zstd.decompress(body, originalLength);
        };
    }
}
