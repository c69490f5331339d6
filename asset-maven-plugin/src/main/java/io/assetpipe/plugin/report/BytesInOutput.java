package io.assetpipe.plugin.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.assetpipe.plugin.sourcemap.Mappings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How many bytes of a generated file each of its sources accounts for, read off the file's source
 * map: a segment's source owns the text from its column to the next segment's (the last one of a
 * line to the end of that line, its line break included). That is what esbuild's metafile calls
 * {@code bytesInOutput}; esbuild counts it while it prints, a build with Closure Compiler and Sass
 * only has the map to go by, and the map is exact enough: every byte lands somewhere, so the parts
 * add up to the file's size.
 *
 * @param bySource bytes of the output per source, by the name the map gives it
 * @param unmapped bytes no segment names a source for: a wrapper the build adds, a
 *     {@code sourceMappingURL} comment
 * @param sourceSizes UTF-8 size of each source whose text the map embeds ({@code sourcesContent})
 */
public record BytesInOutput(Map<String, Long> bySource, long unmapped, Map<String, Long> sourceSizes) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public BytesInOutput {
        bySource = Collections.unmodifiableSortedMap(new TreeMap<>(bySource));
        sourceSizes = Collections.unmodifiableSortedMap(new TreeMap<>(sourceSizes));
    }

    /**
     * Attributes {@code output} (UTF-8 text) to the sources of {@code sourceMap} (Source Map v3 JSON).
     *
     * @throws IllegalArgumentException for a map this cannot read: not JSON, no {@code mappings}
     *     text (an index map with sections), or mappings that are not Base64 VLQ
     */
    public static BytesInOutput of(byte[] output, byte[] sourceMap) {
        JsonNode map;
        try {
            map = JSON.readTree(sourceMap);
        } catch (IOException e) {
            throw new IllegalArgumentException("the source map is not JSON: " + e.getMessage(), e);
        }
        if (map == null || !map.path("mappings").isTextual() || !map.path("sources").isArray()) {
            throw new IllegalArgumentException("the source map has no \"mappings\" text or \"sources\" list");
        }
        List<String> sources = sourceNames(map);
        long[] owned = attribute(new String(output, StandardCharsets.UTF_8),
                Mappings.parse(map.get("mappings").asText()), sources.size());
        SortedMap<String, Long> bySource = new TreeMap<>();
        for (int i = 0; i < sources.size(); i++) {
            if (owned[i] > 0) {
                bySource.merge(sources.get(i), owned[i], Long::sum);
            }
        }
        SortedMap<String, Long> sizes = new TreeMap<>();
        JsonNode contents = map.path("sourcesContent");
        for (int i = 0; i < sources.size() && i < contents.size(); i++) {
            if (contents.get(i).isTextual()) {
                String text = contents.get(i).asText();
                sizes.putIfAbsent(sources.get(i), utf8Length(text, 0, text.length()));
            }
        }
        return new BytesInOutput(bySource, owned[sources.size()], sizes);
    }

    /** The map's sources as named, with its {@code sourceRoot} in front; an unnamed one as {@code (unnamed)}. */
    private static List<String> sourceNames(JsonNode map) {
        String root = map.path("sourceRoot").asText("");
        String prefix = root.isEmpty() || root.endsWith("/") ? root : root + "/";
        return map.get("sources").valueStream()
                .map(s -> s.isTextual() ? prefix + s.asText() : "(unnamed)")
                .toList();
    }

    /** Bytes per source index; the last slot holds the bytes owned by no source. */
    private static long[] attribute(String text, Mappings mappings, int sourceCount) {
        long[] owned = new long[sourceCount + 1];
        int unmapped = sourceCount;
        int lineStart = 0;
        for (int line = 0; ; line++) {
            int newline = text.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? text.length() : newline + 1;
            int owner = unmapped;
            int at = lineStart;
            List<int[]> segments = line < mappings.lines().size() ? mappings.lines().get(line) : List.of();
            for (int[] segment : segments) {
                // Columns out of order or past the line (a broken map) are clamped: every char is counted once.
                int column = Math.max(at, Math.min(lineEnd, lineStart + segment[0]));
                owned[owner] += utf8Length(text, at, column);
                at = column;
                owner = segment.length >= 4 && segment[1] >= 0 && segment[1] < sourceCount ? segment[1] : unmapped;
            }
            owned[owner] += utf8Length(text, at, lineEnd);
            if (newline < 0) {
                return owned;
            }
            lineStart = lineEnd;
        }
    }

    /** The UTF-8 length of {@code text[from, to)}, without encoding it (map columns count UTF-16 units). */
    static long utf8Length(String text, int from, int to) {
        long bytes = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4; // with the low surrogate after it, which adds nothing
            } else if (!Character.isLowSurrogate(c)) {
                bytes += 3;
            }
        }
        return bytes;
    }
}
