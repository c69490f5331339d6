package io.assetpipe.plugin.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Content-Type and compressibility by file extension. The types of the web's own files are chosen
 * here; every other extension is looked up in mime-db (the database behind npm's
 * {@code mime-types}, which Express serves by), so a {@code .vtt}, {@code .gltf} or
 * {@code .geojson} gets its registered type and, being text, its compressed variants. Unknown
 * types are served as bytes, uncompressed.
 */
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
            // A cursor is an icon file (type 2 in the ICO header); mime-db has no entry for it.
            Map.entry("cur", "image/x-icon"),
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

    /** Types above that shrink under gzip/brotli/zstd. Images, woff/woff2 and archives are already compressed. */
    private static final Set<String> COMPRESSIBLE = Set.of(
            "css", "js", "mjs", "map", "json", "webmanifest", "html", "htm", "txt", "csv", "md", "xml", "svg",
            "wasm", "ico", "cur", "bmp", "ttf", "otf", "eot");

    public static String typeOf(String path) {
        String extension = extension(path);
        String type = TYPES.get(extension);
        if (type != null) {
            return type;
        }
        MimeDb.Entry entry = MimeDb.ENTRIES.get(extension);
        return entry == null ? "application/octet-stream" : entry.contentType();
    }

    public static boolean isCompressible(String path) {
        String extension = extension(path);
        if (TYPES.containsKey(extension)) {
            return COMPRESSIBLE.contains(extension);
        }
        MimeDb.Entry entry = MimeDb.ENTRIES.get(extension);
        return entry != null && entry.compressible();
    }

    static String extension(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** mime-db's {@code db.json}, read from its WebJar on first use, by extension. */
    static final class MimeDb {
        private MimeDb() {}

        /** @param contentType the type, with {@code ; charset=utf-8} for text */
        record Entry(String contentType, boolean compressible) {}

        /** Where a type's entry comes from, least preferred first. */
        private static final List<String> SOURCES = List.of("nginx", "apache", "", "iana");

        static final Map<String, Entry> ENTRIES = read();

        private static Map<String, Entry> read() {
            ClassLoader loader = MediaTypes.class.getClassLoader();
            Properties pom = new Properties();
            try (InputStream in = loader.getResourceAsStream("META-INF/maven/org.webjars.npm/mime-db/pom.properties")) {
                if (in == null) {
                    throw new IllegalStateException("the mime-db WebJar is not on the plugin's class path");
                }
                pom.load(in);
                try (InputStream db = loader.getResourceAsStream(
                        "META-INF/resources/webjars/mime-db/" + pom.getProperty("version") + "/db.json")) {
                    if (db == null) {
                        throw new IllegalStateException("no db.json in the mime-db WebJar " + pom.getProperty("version"));
                    }
                    return byExtension(new ObjectMapper().readTree(db));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read mime-db", e);
            }
        }

        /**
         * Each extension's type. Where several types list it, the one from the better source wins
         * (IANA, then none given, then Apache, then nginx), and between equals a type that is not
         * {@code application/…} ({@code .mp4}: {@code video/mp4}, not {@code application/mp4}).
         */
        static Map<String, Entry> byExtension(JsonNode db) {
            Map<String, String> typeOf = new HashMap<>();
            db.properties().forEach(type -> type.getValue().path("extensions").forEach(extension -> {
                String ext = extension.asText();
                String current = typeOf.get(ext);
                if (current == null || prefer(db, type.getKey(), current)) {
                    typeOf.put(ext, type.getKey());
                }
            }));
            Map<String, Entry> entries = new HashMap<>();
            typeOf.forEach((ext, type) -> {
                JsonNode info = db.get(type);
                boolean text = type.startsWith("text/") || type.endsWith("+json") || type.endsWith("+xml")
                        || "UTF-8".equalsIgnoreCase(info.path("charset").asText());
                entries.put(ext, new Entry(text ? type + UTF8 : type, info.path("compressible").asBoolean(false)));
            });
            return Map.copyOf(entries);
        }

        private static boolean prefer(JsonNode db, String candidate, String current) {
            int rank = SOURCES.indexOf(db.get(candidate).path("source").asText(""));
            int currentRank = SOURCES.indexOf(db.get(current).path("source").asText(""));
            return rank > currentRank || (rank == currentRank && current.startsWith("application/")
                    && !candidate.startsWith("application/"));
        }
    }
}
