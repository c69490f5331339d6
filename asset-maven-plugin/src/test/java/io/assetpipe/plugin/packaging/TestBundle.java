package io.assetpipe.plugin.packaging;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.manifest.EncodedVariant;
import io.assetpipe.manifest.ManifestCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import java.util.zip.GZIPOutputStream;

/**
 * Writes real bundle directories for tests, the way asset:build lays them out: fingerprinted files
 * with real hashes, a real gzip variant for text, and a manifest written by {@link ManifestCodec}.
 */
public final class TestBundle {
    private final Map<String, byte[]> sources = new LinkedHashMap<>();
    private final Instant buildTime;

    private TestBundle(Instant buildTime) {
        this.buildTime = buildTime;
    }

    public static TestBundle builtAt(String instant) {
        return new TestBundle(Instant.parse(instant));
    }

    /** An asset at {@code logicalPath}; text assets ({@code .css}, {@code .js}) get a gzip variant. */
    public TestBundle with(String logicalPath, String content) {
        sources.put(logicalPath, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Writes the files and {@code manifest.json} into {@code directory}; returns the manifest. */
    public AssetManifest writeTo(Path directory) throws IOException {
        Map<String, AssetEntry> assets = new TreeMap<>();
        for (Map.Entry<String, byte[]> source : sources.entrySet()) {
            String logical = source.getKey();
            byte[] bytes = source.getValue();
            String sha256 = hex(digest("SHA-256", bytes));
            String path = fingerprinted(logical, sha256);
            write(directory.resolve(path), bytes);
            Map<ContentEncoding, EncodedVariant> encodings = new TreeMap<>();
            if (logical.endsWith(".css") || logical.endsWith(".js")) {
                byte[] gzip = gzip(bytes);
                String variantPath = path + ContentEncoding.GZIP.suffix();
                write(directory.resolve(variantPath), gzip);
                encodings.put(ContentEncoding.GZIP,
                        new EncodedVariant(variantPath, gzip.length, hex(digest("SHA-256", gzip))));
            }
            String integrity = "sha384-" + Base64.getEncoder().encodeToString(digest("SHA-384", bytes));
            assets.put(logical, new AssetEntry(path, "text/plain", bytes.length, sha256, integrity, encodings, null));
        }
        AssetManifest manifest = AssetManifest.of("assetpipe test", buildTime, assets, Map.of());
        write(directory.resolve(ManifestCodec.FILE_NAME), ManifestCodec.write(manifest));
        return manifest;
    }

    /** Writes the bundle into {@code work/<name>/} and packs it with {@link AssetsJar}; returns the jar. */
    public Path jar(Path work, String name) throws IOException {
        Path directory = work.resolve(name);
        writeTo(directory);
        Path jar = work.resolve(name + "-assets.jar");
        AssetsJar.write(directory, jar, buildTime);
        return jar;
    }

    public static String fingerprinted(String logical, String sha256) {
        int dot = logical.lastIndexOf('.');
        return logical.substring(0, dot) + "-" + sha256.substring(0, 12) + logical.substring(dot);
    }

    public static String sha256(String content) {
        return hex(digest("SHA-256", content.getBytes(StandardCharsets.UTF_8)));
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
