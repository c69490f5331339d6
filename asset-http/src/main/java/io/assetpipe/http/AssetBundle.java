package io.assetpipe.http;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.BundleFile;
import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.manifest.EncodedVariant;
import io.assetpipe.manifest.ManifestCodec;
import io.assetpipe.manifest.ManifestException;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One or more asset bundles, loaded and verified once, held in memory.
 *
 * <p>Every file the manifests list is read into a read-only direct {@link ByteBuffer} and checked
 * against the manifest's size and SHA-256; any mismatch, missing file or unsupported manifest
 * version throws a {@link BundleException} naming the file. After that {@link AssetResponses} (the
 * Undertow handler, the servlet) writes these
 * buffers straight to sockets; only bodies of 64 KiB and more that a jar holds STORED are sent
 * with {@code sendfile} from the jar instead (see {@link FileRegion}). Files are copied rather than memory-mapped
 * on purpose: a jar or directory replaced in place during a deploy would make a mapped region
 * vanish under the server (SIGBUS), and a copy costs only the bundle's size in off-heap memory.
 *
 * <p>Several bundles can be combined; a URL path (logical or fingerprinted) claimed by two of them
 * is an error naming both.
 */
public final class AssetBundle {
    /** Where a bundle sits inside a jar or a classes directory. */
    public static final String JAR_ROOT = "META-INF/assets/";

    private final List<String> sources;
    private final Map<String, LoadedAsset> byLogicalPath;
    private final Map<String, LoadedAsset> byFilePath;
    private final long byteCount;
    private final int fileCount;

    private AssetBundle(List<Loaded> bundles) {
        List<String> names = new ArrayList<>();
        Map<String, LoadedAsset> logical = new TreeMap<>();
        Map<String, LoadedAsset> files = new TreeMap<>();
        Map<String, String> claims = new HashMap<>();
        long bytes = 0;
        int count = 0;
        for (Loaded bundle : bundles) {
            names.add(bundle.source());
            for (LoadedAsset asset : bundle.assets()) {
                if (asset.logicalPath() != null) {
                    claim(claims, asset.logicalPath(), bundle.source());
                    logical.put(asset.logicalPath(), asset);
                }
                claim(claims, asset.entry().path(), bundle.source());
                files.put(asset.entry().path(), asset);
            }
            bytes += bundle.bytes();
            count += bundle.files();
        }
        this.sources = List.copyOf(names);
        this.byLogicalPath = Collections.unmodifiableMap(logical);
        this.byFilePath = Collections.unmodifiableMap(files);
        this.byteCount = bytes;
        this.fileCount = count;
    }

    /** Every {@code META-INF/assets/manifest.json} visible to {@code loader}, merged. */
    public static AssetBundle fromClasspath(ClassLoader loader) {
        List<Loaded> bundles = new ArrayList<>();
        try {
            for (URL manifest : Collections.list(loader.getResources(JAR_ROOT + ManifestCodec.FILE_NAME))) {
                bundles.add(loadUrl(manifest));
            }
        } catch (IOException e) {
            throw new BundleException("cannot list " + JAR_ROOT + ManifestCodec.FILE_NAME + " on the classpath: " + e, e);
        }
        if (bundles.isEmpty()) {
            throw new BundleException("no " + JAR_ROOT + ManifestCodec.FILE_NAME + " on the classpath");
        }
        return new AssetBundle(bundles);
    }

    /** An assets jar (as written by {@code asset:package}): {@code META-INF/assets/**}. */
    public static AssetBundle fromJar(Path jar) {
        return new AssetBundle(List.of(loadJar(jar)));
    }

    /**
     * A directory holding {@code manifest.json} and its files (e.g. {@code target/classes/META-INF/assets}),
     * or a directory with {@code META-INF/assets/manifest.json} under it (e.g. {@code target/classes}).
     */
    public static AssetBundle fromDirectory(Path directory) {
        return new AssetBundle(List.of(loadDirectory(directory)));
    }

    /** Each path is an assets jar or a bundle directory; all are merged. */
    public static AssetBundle load(List<Path> jarsOrDirectories) {
        if (jarsOrDirectories.isEmpty()) {
            throw new BundleException("no bundle given");
        }
        List<Loaded> bundles = new ArrayList<>();
        for (Path path : jarsOrDirectories) {
            bundles.add(Files.isDirectory(path) ? loadDirectory(path) : loadJar(path));
        }
        return new AssetBundle(bundles);
    }

    /** The bundles, by file name or URL, in load order. */
    public List<String> sources() {
        return sources;
    }

    /** Current assets, by logical path (sorted). */
    public Map<String, AssetEntry> assets() {
        Map<String, AssetEntry> entries = new LinkedHashMap<>();
        byLogicalPath.forEach((path, asset) -> entries.put(path, asset.entry()));
        return Collections.unmodifiableMap(entries);
    }

    public Optional<AssetEntry> asset(String logicalPath) {
        return Optional.ofNullable(byLogicalPath.get(logicalPath)).map(LoadedAsset::entry);
    }

    /** Current plus retired assets (each one servable fingerprinted URL). */
    public int assetCount() {
        return byFilePath.size();
    }

    /** Files held in memory, variants included. */
    public int fileCount() {
        return fileCount;
    }

    /** Bytes held in memory, variants included. */
    public long byteCount() {
        return byteCount;
    }

    Collection<LoadedAsset> loadedAssets() {
        return byFilePath.values();
    }

    /**
     * Whether a jar holds some file of {@link #REGION_MIN_SIZE} or more STORED, so that a server
     * can send it with {@code sendfile} from the jar (see {@link FileRegion}).
     */
    public boolean hasFileRegions() {
        return byFilePath.values().stream().anyMatch(asset -> !asset.regions().isEmpty());
    }

    private static void claim(Map<String, String> claims, String path, String source) {
        String previous = claims.putIfAbsent(path, source);
        if (previous != null) {
            throw new BundleException("path \"" + path + "\" is claimed by two bundles: " + previous + " and " + source);
        }
    }

    // ---- loading -------------------------------------------------------------------------------

    /** One asset with its bytes: the identity file and each variant, as read-only direct buffers. */
    record LoadedAsset(
            String logicalPath,
            AssetEntry entry,
            ByteBuffer identity,
            Map<ContentEncoding, ByteBuffer> variants,
            Instant buildTime,
            Map<String, FileRegion> regions) {}

    /**
     * Where a file's bytes sit in the bundle's jar: a large STORED entry, which the Undertow handler sends
     * with {@code sendfile} from the jar's page cache instead of copying it from memory. The bytes
     * are loaded from this region, so the manifest's size and SHA-256 check the region itself. The
     * channel stays open for the server's life, so a deploy that renames a new jar into place
     * leaves it reading the old file; one that overwrites the jar in place would change bytes
     * under it, which the server only notices when the file got shorter (it then sends the rest
     * from memory), so such deploys set {@code -Dassetpipe.sendfile=false}.
     */
    public record FileRegion(FileChannel file, long position, long size) {
        /** The region's bytes, read with positional reads (the channel is shared). */
        InputStream open() {
            return new InputStream() {
                private long next = position;

                @Override
                public int read(byte[] bytes, int offset, int length) throws IOException {
                    long left = position + size - next;
                    if (left <= 0) {
                        return -1;
                    }
                    int read = file.read(ByteBuffer.wrap(bytes, offset, (int) Math.min(length, left)), next);
                    next += Math.max(read, 0);
                    return read;
                }

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }
            };
        }
    }

    private record Loaded(String source, List<LoadedAsset> assets, long bytes, int files) {}

    /** Opens one file of a bundle; returns {@code null} when it does not exist. */
    @FunctionalInterface
    private interface FileOpener {
        InputStream open(String path) throws IOException;
    }

    /**
     * {@code -Dassetpipe.sendfile=false} keeps every response in memory: for deploys that
     * overwrite the jar in place (see {@link FileRegion}).
     */
    public static final boolean SENDFILE = !"false".equals(System.getProperty("assetpipe.sendfile"));

    /**
     * Files a jar holds STORED get a {@link FileRegion} from this size on; below it one gathering
     * write from memory is cheaper than {@code sendfile}.
     */
    public static final int REGION_MIN_SIZE = 64 * 1024;

    private static Loaded loadJar(Path jar) {
        String source = jar.toString();
        if (!Files.isRegularFile(jar)) {
            throw new BundleException(source + ": no such bundle (not a jar file or directory)");
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Map<String, FileRegion> regions = regions(jar);
            return load(source, source + "!/" + JAR_ROOT, path -> {
                FileRegion region = regions.get(path);
                if (region != null) {
                    return region.open();
                }
                ZipEntry entry = zip.getEntry(JAR_ROOT + path);
                return entry == null || entry.isDirectory() ? null : zip.getInputStream(entry);
            }, regions);
        } catch (IOException e) {
            throw new BundleException(source + ": cannot read jar: " + e.getMessage(), e);
        }
    }

    /** The large STORED entries under {@link #JAR_ROOT}, by bundle path, on one channel kept open. */
    private static Map<String, FileRegion> regions(Path jar) throws IOException {
        if (!SENDFILE) {
            return Map.of();
        }
        FileChannel channel = FileChannel.open(jar, StandardOpenOption.READ);
        Map<String, FileRegion> regions = new HashMap<>();
        StoredEntries.find(channel, REGION_MIN_SIZE).forEach((name, data) -> {
            if (name.startsWith(JAR_ROOT)) {
                regions.put(name.substring(JAR_ROOT.length()), new FileRegion(channel, data.position(), data.size()));
            }
        });
        if (regions.isEmpty()) {
            channel.close();
        }
        return regions;
    }

    private static Loaded loadDirectory(Path directory) {
        Path root = Files.isRegularFile(directory.resolve(ManifestCodec.FILE_NAME))
                ? directory
                : directory.resolve(JAR_ROOT);
        String source = directory.toString();
        return load(source, root.toString() + "/", path -> {
            try {
                return Files.newInputStream(root.resolve(path));
            } catch (NoSuchFileException e) {
                return null;
            }
        }, Map.of());
    }

    private static Loaded loadUrl(URL manifestUrl) {
        try {
            if (manifestUrl.getProtocol().equals("file")) {
                return loadDirectory(Path.of(manifestUrl.toURI()).getParent());
            }
            URLConnection connection = manifestUrl.openConnection();
            if (connection instanceof JarURLConnection jarConnection
                    && jarConnection.getJarFileURL().getProtocol().equals("file")) {
                return loadJar(Path.of(jarConnection.getJarFileURL().toURI()));
            }
        } catch (IOException | URISyntaxException e) {
            throw new BundleException(manifestUrl + ": cannot open: " + e.getMessage(), e);
        }
        // Any other class loader (nested jars, custom URL handlers): resolve files next to the manifest.
        String base = manifestUrl.toString().substring(
                0, manifestUrl.toString().length() - ManifestCodec.FILE_NAME.length());
        return load(base, base, path -> {
            try {
                return new URL(base + path).openStream();
            } catch (java.io.FileNotFoundException e) {
                return null;
            }
        }, Map.of());
    }

    /**
     * Reads the manifest and every file it lists through {@code opener}, checking sizes and hashes.
     *
     * @param source the bundle's name in messages
     * @param location prefix naming a file of this bundle in messages (e.g. {@code x.jar!/META-INF/assets/})
     * @param regions the files {@code opener} reads from a region of the bundle's file
     */
    private static Loaded load(String source, String location, FileOpener opener, Map<String, FileRegion> regions)
            throws BundleException {
        String manifestName = location + ManifestCodec.FILE_NAME;
        AssetManifest manifest;
        try (InputStream in = opener.open(ManifestCodec.FILE_NAME)) {
            if (in == null) {
                throw new BundleException(manifestName + ": missing, so " + source + " is not an asset bundle");
            }
            manifest = ManifestCodec.read(in, manifestName);
        } catch (ManifestException e) {
            throw new BundleException(e.getMessage(), e);
        } catch (IOException e) {
            throw new BundleException(manifestName + ": cannot read: " + e.getMessage(), e);
        }

        Map<String, ByteBuffer> contents = new HashMap<>();
        long bytes = 0;
        // One copy buffer and one digest for every file: a bundle can hold thousands of files.
        byte[] chunk = new byte[64 * 1024];
        MessageDigest sha256 = sha256();
        for (BundleFile file : manifest.files()) {
            contents.put(file.path(), read(opener, location, file, chunk, sha256));
            bytes += file.size();
        }
        List<LoadedAsset> assets = new ArrayList<>();
        manifest.assets().forEach((logical, entry) ->
                assets.add(asset(logical, entry, contents, regions, manifest.buildTime())));
        manifest.retired().values().forEach(entry ->
                assets.add(asset(null, entry, contents, regions, manifest.buildTime())));
        return new Loaded(source, List.copyOf(assets), bytes, contents.size());
    }

    private static LoadedAsset asset(String logical, AssetEntry entry, Map<String, ByteBuffer> contents,
            Map<String, FileRegion> regions, Instant buildTime) {
        Map<ContentEncoding, ByteBuffer> variants = new EnumMap<>(ContentEncoding.class);
        List<String> files = new ArrayList<>(List.of(entry.path()));
        for (Map.Entry<ContentEncoding, EncodedVariant> variant : entry.encodings().entrySet()) {
            variants.put(variant.getKey(), contents.get(variant.getValue().path()));
            files.add(variant.getValue().path());
        }
        Map<String, FileRegion> own = new HashMap<>();
        for (String file : files) {
            FileRegion region = regions.get(file);
            if (region != null) {
                own.put(file, region);
            }
        }
        return new LoadedAsset(logical, entry, contents.get(entry.path()), Collections.unmodifiableMap(variants),
                buildTime, Map.copyOf(own));
    }

    /** Reads one file into a direct buffer through {@code chunk}, checking size and SHA-256 ({@code sha256} is reset). */
    private static ByteBuffer read(
            FileOpener opener, String location, BundleFile file, byte[] chunk, MessageDigest sha256) {
        String name = location + file.path();
        if (file.size() > Integer.MAX_VALUE - 8) {
            throw new BundleException(name + ": " + file.size() + " bytes is more than one buffer can hold (2 GiB)");
        }
        ByteBuffer buffer;
        try {
            buffer = ByteBuffer.allocateDirect((int) file.size());
        } catch (OutOfMemoryError e) {
            // Bundles live off-heap; a too-small limit is a configuration error, not a crash.
            throw new BundleException(name + ": no direct memory left for its " + file.size() + " bytes;"
                    + " bundles are held off-heap, so set -XX:MaxDirectMemorySize (default: the maximum"
                    + " heap size) above the total size of the bundles", e);
        }
        sha256.reset();
        try (InputStream in = opener.open(file.path())) {
            if (in == null) {
                throw new BundleException(name + ": missing (the manifest lists it with " + file.size() + " bytes)");
            }
            long total = 0;
            for (int n; (n = in.read(chunk)) > 0; ) {
                total += n;
                if (total > file.size()) {
                    throw new BundleException(name + ": size is more than the " + file.size()
                            + " bytes the manifest lists");
                }
                buffer.put(chunk, 0, n);
                sha256.update(chunk, 0, n);
            }
            if (total != file.size()) {
                throw new BundleException(name + ": size " + total + " does not match the manifest's " + file.size());
            }
        } catch (IOException e) {
            throw new BundleException(name + ": cannot read: " + e.getMessage(), e);
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (!actual.equals(file.sha256())) {
            throw new BundleException(name + ": sha256 " + actual + " does not match the manifest's " + file.sha256());
        }
        return buffer.flip().asReadOnlyBuffer();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
