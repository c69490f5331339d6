package io.assetpipe.plugin.media;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Content-Type and compressibility by file extension. Unknown types are served as bytes, uncompressed. */
public final class MediaTypes {
    private MediaTypes() {}

    private static final String UTF8 = "; charset=utf-8";

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("css", "text/css" + UTF8),
            Map.entry("js", "text/javascript" + UTF8),
            Map.entry("mjs", "text/javascript" + UTF8),
            Map.entry("map", "application/json" + UTF8),
            Map.entry("json", "application/json" + UTF8),
            Map.entry("webmanifest", "application/manifest+json" + UTF8),
            Map.entry("html", "text/html" + UTF8),
            Map.entry("htm", "text/html" + UTF8),
            Map.entry("txt", "text/plain" + UTF8),
            Map.entry("csv", "text/csv" + UTF8),
            Map.entry("md", "text/markdown" + UTF8),
            Map.entry("xml", "application/xml" + UTF8),
            Map.entry("svg", "image/svg+xml" + UTF8),
            Map.entry("wasm", "application/wasm"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("bmp", "image/bmp"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"),
            Map.entry("eot", "application/vnd.ms-fontobject"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"),
            Map.entry("br", "application/octet-stream"),
            Map.entry("zst", "application/zstd"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("webm", "video/webm"));

    /** Types that shrink under gzip/brotli/zstd. Images, woff/woff2 and archives are already compressed. */
    private static final Set<String> COMPRESSIBLE = Set.of(
            "css", "js", "mjs", "map", "json", "webmanifest", "html", "htm", "txt", "csv", "md", "xml", "svg",
            "wasm", "ico", "bmp", "ttf", "otf", "eot");

    public static String typeOf(String path) {
        return TYPES.getOrDefault(extension(path), "application/octet-stream");
    }

    public static boolean isCompressible(String path) {
        return COMPRESSIBLE.contains(extension(path));
    }

    static String extension(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
