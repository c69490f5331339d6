package io.assetpipe.bench;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.manifest.EncodedVariant;
import io.assetpipe.manifest.ManifestCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Collects files into an assets jar laid out like the plugin's {@code asset:package} output: a v1
 * manifest and every file under {@code META-INF/assets/}, STORED entries in sorted order with fixed
 * timestamps, identity files fingerprinted {@code name-<12 hex>.ext} with a {@code .gz} variant.
 * Only for bench inputs; the plugin is the real producer.
 */
final class BundleWriter {
    static final String ROOT = "META-INF/assets/";
    static final Instant BUILD_TIME = Instant.parse("2026-01-01T00:00:00Z");

    private final Map<String, byte[]> files = new TreeMap<>();
    private final Map<String, AssetEntry> assets = new LinkedHashMap<>();
    private long bytes;

    /** Adds {@code logicalPath} (e.g. {@code js/app.js}), with a gzip variant if {@code gzip}. */
    void add(String logicalPath, String type, byte[] identity, boolean gzip) throws IOException {
        String sha256 = hex(digest("SHA-256", identity));
        int dot = logicalPath.lastIndexOf('.');
        int slash = logicalPath.lastIndexOf('/');
        String path = dot > slash
                ? logicalPath.substring(0, dot) + "-" + sha256.substring(0, 12) + logicalPath.substring(dot)
                : logicalPath + "-" + sha256.substring(0, 12);
        Map<ContentEncoding, EncodedVariant> encodings = new LinkedHashMap<>();
        files.put(path, identity);
        bytes += identity.length;
        if (gzip) {
            byte[] compressed = gzip(identity);
            String gzipPath = path + ContentEncoding.GZIP.suffix();
            files.put(gzipPath, compressed);
            bytes += compressed.length;
            encodings.put(ContentEncoding.GZIP,
                    new EncodedVariant(gzipPath, compressed.length, hex(digest("SHA-256", compressed))));
        }
        assets.put(logicalPath, new AssetEntry(path, type, identity.length, sha256,
                "sha384-" + Base64.getEncoder().encodeToString(digest("SHA-384", identity)), encodings, null));
    }

    /** Bytes of the files added so far (identity and variants). */
    long bytes() {
        return bytes;
    }

    void write(Path jar, String generator) throws IOException {
        AssetManifest manifest = AssetManifest.of(generator, BUILD_TIME, assets, Map.of());
        Map<String, byte[]> all = new TreeMap<>(files);
        all.put(ManifestCodec.FILE_NAME, ManifestCodec.write(manifest));
        try (OutputStream stream = Files.newOutputStream(jar);
                ZipOutputStream zip = new ZipOutputStream(stream)) {
            for (Map.Entry<String, byte[]> file : all.entrySet()) {
                store(zip, ROOT + file.getKey(), file.getValue());
            }
        }
    }

    /** STORED, so a server can serve the entry straight from the jar's bytes. */
    private static void store(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        entry.setTime(BUILD_TIME.toEpochMilli());
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(content.length / 2 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(buffer) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(content);
        }
        return buffer.toByteArray();
    }

    private static byte[] digest(String algorithm, byte[] content) {
        try {
            return MessageDigest.getInstance(algorithm).digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JDK", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
