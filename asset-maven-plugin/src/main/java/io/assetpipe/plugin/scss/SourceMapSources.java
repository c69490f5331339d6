package io.assetpipe.plugin.scss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.assetpipe.plugin.sourcemap.Mappings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Names a Sass source map's sources as the bundle names them, and lists each once.
 *
 * <p>Names: as the JavaScript maps name theirs, project files by their path in the source directory
 * ({@code css/theme.scss}), library files by the include directory's name and the path below it
 * ({@code webjars/bootstrap/scss/_functions.scss}, {@code node_modules/...}), so the same sources
 * give the same bundle in any checkout, wherever the project and node_modules sit.
 *
 * <p>Once: libsass adds a source per {@code @import} of a file, each with its whole {@code sourcesContent} (Bulma 0.9.4's utilities appear up to 45 times:
 * 916 KB of sources where 153 KB are distinct), and jsass adds its own import stub as a source
 * named {@code null} that no mapping uses. Here the sources are merged by name, unused unnamed
 * ones dropped, and the mappings' source indices renumbered to match (Source Map v3: each
 * segment's second field is the source index).
 */
final class SourceMapSources {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceMapSources() {}

    /**
     * {@code map} with each source that {@code file} turns into a path named as the bundle names it,
     * then merged ({@link #merge}). A source {@code file} gives null for, or one outside the source
     * and include directories, keeps its name; a map that cannot be read is returned as it is.
     */
    static String bundleNames(String map, Function<String, Path> file, Path sourceRoot, List<Path> includePaths) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(map);
            ArrayNode sources = json.withArray("sources");
            for (int i = 0; i < sources.size(); i++) {
                if (sources.get(i).isTextual()) {
                    Path path = file.apply(sources.get(i).asText());
                    if (path != null) {
                        sources.set(i, bundleName(path, sourceRoot, includePaths, sources.get(i).asText()));
                    }
                }
            }
            merge(json);
            return JSON.writeValueAsString(json);
        } catch (IOException | RuntimeException e) {
            return map; // a map the compiler wrote but we cannot read: kept as it is
        }
    }

    private static String bundleName(Path file, Path sourceRoot, List<Path> includePaths, String asWritten) {
        Path root = sourceRoot.normalize();
        if (file.startsWith(root)) {
            return slashes(root.relativize(file));
        }
        for (Path include : includePaths) {
            Path dir = include.normalize();
            if (file.startsWith(dir)) {
                return dir.getFileName() + "/" + slashes(dir.relativize(file));
            }
        }
        return asWritten;
    }

    private static String slashes(Path path) {
        return path.toString().replace('\\', '/');
    }

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
        Mappings mappings;
        try {
            mappings = Mappings.parse(map.get("mappings").asText());
        } catch (RuntimeException e) {
            return; // not a map we understand: keep it as libsass wrote it
        }
        for (List<int[]> line : mappings.lines()) {
            for (int[] segment : line) {
                if (segment.length >= 4) {
                    int old = segment[1];
                    if (old < 0 || old >= renumbered.length) {
                        return; // as above
                    }
                    if (renumbered[old] < 0) {
                        renumbered[old] = kept.size();
                        kept.add(old);
                    }
                    segment[1] = renumbered[old];
                }
            }
        }
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
        map.put("mappings", mappings.format());
    }
}
