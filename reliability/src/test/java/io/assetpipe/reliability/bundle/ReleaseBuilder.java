package io.assetpipe.reliability.bundle;

import com.github.luben.zstd.Zstd;
import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.manifest.EncodedVariant;
import io.assetpipe.manifest.ManifestCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds release bundles in the layout {@code asset:package} produces — {@code META-INF/assets/}
 * with {@code manifest.json}, fingerprinted files and their precompressed variants, STORED entries,
 * sorted, fixed timestamps — so the suite does not depend on the plugin being built first.
 *
 * <p>The release has a stylesheet referencing an image through {@code url(...)}, a script with a
 * source map, a binary image without variants and a larger vendor script; text files get gzip and
 * zstd variants. The load, fault and hostile-input cases use it; the rolling-deploy case uses
 * releases built by the real plugin ({@link SiteReleases}).
 */
public final class ReleaseBuilder {
    private static final Instant BUILD_TIME = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ROOT = "META-INF/assets/";

    private final Map<String, AssetEntry> assets = new TreeMap<>();
    private final Map<String, byte[]> content = new TreeMap<>();

    private ReleaseBuilder() {}

    /** Release 1 as a jar in {@code dir}. */
    public static Release v1(Path dir) {
        ReleaseBuilder b = new ReleaseBuilder();
        Random random = new Random(42); // fixed seed: the same bytes, and so the same URLs, on every run
        byte[] image = new byte[6000];
        random.nextBytes(image);
        AssetEntry logo = b.add("img/logo.png", "image/png", image, false);
        b.add("js/vendor.js", "text/javascript; charset=utf-8", text(repeat(
                "/* vendor library */ function vendor%d(a,b){return a*%d+b;}\n", 1500)), true);
        b.add("css/site.css", "text/css; charset=utf-8", text(
                "/* release 1 */\nbody{background:url(../" + logo.path() + ") no-repeat;color:#111}\n"
                        + repeat(".c%d{margin:%dpx}\n", 300)), true);
        AssetEntry map = b.add("js/app.js.map", "application/json; charset=utf-8",
                text("{\"version\":3,\"sources\":[\"app.js\"],\"names\":[],\"mappings\":\"AAAA\"}"), false);
        b.add("js/app.js", "text/javascript; charset=utf-8", text(
                "// release 1\n" + repeat("export function f%d(x){return x+%d;}\n", 500)
                        + "//# sourceMappingURL=" + map.path().substring("js/".length()) + "\n"), true);
        b.assets.put("js/app.js", b.assets.get("js/app.js").withSourceMap("js/app.js.map"));
        AssetManifest manifest = AssetManifest.of("assetpipe reliability suite", BUILD_TIME, b.assets, Map.of());
        return new Release("v1", b.writeJar(dir.resolve("site-v1-assets.jar"), manifest), manifest,
                Map.copyOf(b.content));
    }

    private AssetEntry add(String logical, String type, byte[] bytes, boolean compress) {
        String hash = hex(digest("SHA-256", bytes));
        int dot = logical.indexOf('.', logical.lastIndexOf('/') + 1);
        String path = logical.substring(0, dot) + "-" + hash.substring(0, 12) + logical.substring(dot);
        content.put(path, bytes);
        Map<ContentEncoding, EncodedVariant> encodings = new EnumMap<>(ContentEncoding.class);
        if (compress) {
            encodings.put(ContentEncoding.GZIP, variant(path + ContentEncoding.GZIP.suffix(), gzip(bytes)));
            encodings.put(ContentEncoding.ZSTD, variant(path + ContentEncoding.ZSTD.suffix(), Zstd.compress(bytes, 19)));
        }
        AssetEntry entry = new AssetEntry(path, type, bytes.length, hash,
                "sha384-" + Base64.getEncoder().encodeToString(digest("SHA-384", bytes)), encodings, null);
        assets.put(logical, entry);
        return entry;
    }

    private EncodedVariant variant(String path, byte[] bytes) {
        content.put(path, bytes);
        return new EncodedVariant(path, bytes.length, hex(digest("SHA-256", bytes)));
    }

    private Path writeJar(Path jar, AssetManifest manifest) {
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put(ROOT + ManifestCodec.FILE_NAME, ManifestCodec.write(manifest));
        manifest.files().forEach(f -> entries.put(ROOT + f.path(), content.get(f.path())));
        try {
            Files.createDirectories(jar.getParent());
            try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    ZipEntry entry = new ZipEntry(e.getKey());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setCrc(crc.getValue());
                    entry.setLastModifiedTime(FileTime.from(BUILD_TIME));
                    zip.putNextEntry(entry);
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String repeat(String format, int times) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < times; i++) {
            s.append(String.format(format, i, i));
        }
        return s.toString();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
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
