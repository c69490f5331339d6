package io.assetpipe.plugin.scss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.debugging.sourcemap.Base64VLQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists each source of a libsass source map once. libsass adds a source per {@code @import} of a
 * file, each with its whole {@code sourcesContent} (Bulma 0.9.4's utilities appear up to 45 times:
 * 916 KB of sources where 153 KB are distinct), and jsass adds its own import stub as a source
 * named {@code null} that no mapping uses. Here the sources are merged by name, unused unnamed
 * ones dropped, and the mappings' source indices renumbered to match (Source Map v3: each
 * segment's second field is the source index, relative to the previous segment's).
 */
final class SourceMapSources {
    private SourceMapSources() {}

    /** Merges {@code map}'s duplicate sources in place; a map without duplicates is left as it is. */
    static void merge(ObjectNode map) {
        JsonNode sources = map.path("sources");
        JsonNode contents = map.path("sourcesContent");
        if (!sources.isArray() || !map.path("mappings").isTextual()) {
            return;
        }
        int[] renumbered = new int[sources.size()];
        Map<String, Integer> byName = new HashMap<>();
        List<Integer> kept = new ArrayList<>(); // old index of each new source
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).isTextual()) {
                Integer first = byName.putIfAbsent(sources.get(i).asText(), kept.size());
                if (first == null) {
                    kept.add(i);
                }
                renumbered[i] = first == null ? kept.size() - 1 : first;
            } else {
                renumbered[i] = -1; // unnamed: kept only if a mapping uses it (below)
            }
        }
        String mappings = map.get("mappings").asText();
        StringBuilder out = new StringBuilder(mappings.length());
        int previousOld = 0;
        int previousNew = 0;
        for (String line : mappings.split(";", -1)) {
            List<String> segments = new ArrayList<>();
            for (String segment : line.isEmpty() ? new String[0] : line.split(",", -1)) {
                int[] fields = decode(segment);
                if (fields.length >= 4) {
                    int old = previousOld + fields[1];
                    if (old < 0 || old >= renumbered.length) {
                        return; // not a map we understand: keep it as libsass wrote it
                    }
                    if (renumbered[old] < 0) {
                        renumbered[old] = kept.size();
                        kept.add(old);
                    }
                    fields[1] = renumbered[old] - previousNew;
                    previousOld = old;
                    previousNew = renumbered[old];
                }
                segments.add(encode(fields));
            }
            out.append(String.join(",", segments)).append(';');
        }
        out.setLength(out.length() - 1); // n lines are n - 1 separators
        if (kept.size() == sources.size()) {
            return; // nothing merged or dropped
        }
        ArrayNode newSources = JsonNodeFactory.instance.arrayNode();
        ArrayNode newContents = JsonNodeFactory.instance.arrayNode();
        for (int old : kept) {
            newSources.add(sources.get(old));
            newContents.add(contents.isArray() && old < contents.size() ? contents.get(old) : null);
        }
        map.set("sources", newSources);
        if (contents.isArray()) {
            map.set("sourcesContent", newContents);
        }
        map.put("mappings", out.toString());
    }

    private static int[] decode(String segment) {
        List<Integer> fields = new ArrayList<>(5);
        int[] at = {0};
        Base64VLQ.CharIterator chars = new Base64VLQ.CharIterator() {
            @Override
            public boolean hasNext() {
                return at[0] < segment.length();
            }

            @Override
            public char next() {
                return segment.charAt(at[0]++);
            }
        };
        while (chars.hasNext()) {
            fields.add(Base64VLQ.decode(chars));
        }
        return fields.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String encode(int[] fields) {
        StringBuilder segment = new StringBuilder();
        try {
            for (int field : fields) {
                Base64VLQ.encode(segment, field);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return segment.toString();
    }
}
