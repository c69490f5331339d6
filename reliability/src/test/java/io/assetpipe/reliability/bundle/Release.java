package io.assetpipe.reliability.bundle;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.BundleFile;
import io.assetpipe.manifest.ManifestCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A built release: its assets jar (what {@code asset:package} attaches) and the manifest inside it.
 *
 * @param content every file of the bundle by path, for comparing what the server sends
 */
public record Release(String name, Path jar, AssetManifest manifest, Map<String, byte[]> content) {
    private static final String ROOT = "META-INF/assets/";

    /** Reads a release from an assets jar, e.g. one {@code asset:package} attached. */
    public static Release fromJar(String name, Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry manifestEntry = zip.getEntry(ROOT + ManifestCodec.FILE_NAME);
            if (manifestEntry == null) {
                throw new AssertionError(jar + " has no " + ROOT + ManifestCodec.FILE_NAME);
            }
            AssetManifest manifest = ManifestCodec.read(zip.getInputStream(manifestEntry), jar.toString());
            Map<String, byte[]> content = new TreeMap<>();
            for (BundleFile file : manifest.files()) {
                content.put(file.path(), zip.getInputStream(zip.getEntry(ROOT + file.path())).readAllBytes());
            }
            return new Release(name, jar, manifest, Map.copyOf(content));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    /**
     * The page this release's app would render: one {@code <link>}, {@code <script>} or {@code <img>}
     * per asset, each URL built the way a template helper does ({@code prefix + "/" + entry.path}).
     */
    public String page(String prefix) {
        StringBuilder html = new StringBuilder("<!doctype html>\n<html><head>\n");
        manifest.assets().forEach((logical, entry) -> {
            String url = prefix + "/" + entry.path();
            if (logical.endsWith(".css")) {
                html.append("<link rel=\"stylesheet\" href=\"").append(url).append("\" integrity=\"")
                        .append(entry.integrity()).append("\">\n");
            } else if (logical.endsWith(".js")) {
                html.append("<script src=\"").append(url).append("\" integrity=\"").append(entry.integrity())
                        .append("\"></script>\n");
            } else if (logical.endsWith(".png") || logical.endsWith(".svg")) {
                html.append("<img src=\"").append(url).append("\" alt=\"\">\n");
            }
        });
        return html.append("</head><body></body></html>\n").toString();
    }

    /** Every request path the server must answer for this release: each file, current and retired. */
    public List<String> filePaths(String prefix) {
        List<String> paths = new ArrayList<>();
        manifest.files().forEach(file -> paths.add(prefix + "/" + file.path()));
        return paths;
    }

    public AssetEntry asset(String logicalPath) {
        return manifest.asset(logicalPath).orElseThrow();
    }
}
