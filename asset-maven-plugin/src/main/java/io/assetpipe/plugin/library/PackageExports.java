package io.assetpipe.plugin.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A package's package.json {@code exports}, read as Node reads them: which file a key such as
 * {@code "."} or {@code "./addons/x.js"} names under a set of accepted conditions. Scripts ask with
 * the conditions of an import or a require; Sass's {@code pkg:} URLs with {@code sass} and
 * {@code style}.
 */
public final class PackageExports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PackageExports() {}

    /**
     * The path, relative to the package directory {@code dir}, that its {@code exports} map
     * {@code key} to with {@code conditions} accepted (see {@link #condition}); null when the package
     * has no package.json, no {@code exports}, or none for that key.
     */
    public static String target(Path dir, String key, Set<String> conditions) {
        Path manifest = dir.resolve("package.json");
        if (!Files.isRegularFile(manifest)) {
            return null;
        }
        try {
            JsonNode exports = JSON.readTree(manifest.toFile()).path("exports");
            // "exports": "./x.js", or an object of conditions without "." keys, is the package's "."
            boolean main = exports.isTextual() || exports.isArray() || exports.isObject()
                    && !exports.isEmpty() && !exports.fieldNames().next().startsWith(".");
            JsonNode target = main ? (key.equals(".") ? exports : MissingNode.getInstance()) : exports.path(key);
            String matched = null; // what a subpath pattern's * stands for
            if (target.isMissingNode() && exports.isObject()) {
                String pattern = subpathPattern(exports, key);
                if (pattern != null) {
                    int star = pattern.indexOf('*');
                    matched = key.substring(star, key.length() - (pattern.length() - star - 1));
                    target = exports.path(pattern);
                }
            }
            String path = condition(target, conditions);
            return path != null && matched != null ? path.replace("*", matched) : path;
        } catch (IOException e) {
            return null;
        }
    }

    /** The text of package.json's top-level {@code field} in {@code dir}, or null. */
    public static String field(Path dir, String field) {
        Path manifest = dir.resolve("package.json");
        if (!Files.isRegularFile(manifest)) {
            return null;
        }
        try {
            JsonNode value = JSON.readTree(manifest.toFile()).path(field);
            return value.isTextual() ? value.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The {@code exports} key with a {@code *} that matches {@code key}, as Node resolves them:
     * {@code "./addons/*": "./examples/jsm/*"} maps {@code ./addons/controls/OrbitControls.js};
     * of several, the one with the longest part before the {@code *}.
     */
    private static String subpathPattern(JsonNode exports, String key) {
        String best = null;
        for (Iterator<String> names = exports.fieldNames(); names.hasNext(); ) {
            String pattern = names.next();
            int star = pattern.indexOf('*');
            if (star >= 0 && key.length() >= pattern.length() - 1
                    && key.startsWith(pattern.substring(0, star)) && key.endsWith(pattern.substring(star + 1))
                    && (best == null || star > best.indexOf('*'))) {
                best = pattern;
            }
        }
        return best;
    }

    /**
     * The path an {@code exports} target names, as Node resolves it: of an object of conditions,
     * the first key in the object's order that is among {@code conditions} and leads to a path
     * (a nested object without any accepted key does not, and the next key is tried), so
     * tslib 2.3's {@code {"module": "./tslib.es6.js", "import": "./modules/index.js", …}} gives
     * its ES build to an import; of an array of fallbacks, the first that leads to a path.
     */
    private static String condition(JsonNode node, Set<String> conditions) {
        if (node.isTextual()) {
            return node.asText();
        }
        List<JsonNode> candidates = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(candidates::add);
        }
        node.fields().forEachRemaining(field -> {
            if (conditions.contains(field.getKey())) {
                candidates.add(field.getValue());
            }
        });
        for (JsonNode candidate : candidates) {
            String found = condition(candidate, conditions);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
