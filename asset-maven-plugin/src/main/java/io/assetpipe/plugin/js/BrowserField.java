package io.assetpipe.plugin.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The file substitutions a package declares for browsers in its package.json {@code browser} field
 * ({@code "./lib/adapters/http.js": "./lib/helpers/null.js"}), applied as browser bundlers apply
 * them: axios swaps its Node adapter and platform files this way, and without the swap its Node
 * code imports {@code http} and {@code crypto}. A key without its {@code .js} names the {@code .js}
 * file, and a value is found as any path inside a package ({@link ModuleGraph#withJsExtension}),
 * as browserify reads the field. Entries mapping to {@code false} (no module) and
 * bare module names are not applied. One instance per scan or compile: it caches package.json reads.
 */
final class BrowserField {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Path, Map<Path, Path>> byPackage = new HashMap<>();

    /** The file a browser build uses instead of {@code file}, or {@code file} itself. */
    Path substitute(Path file) {
        Path normal = file.toAbsolutePath().normalize();
        Path packageDir = packageDirectory(normal);
        if (packageDir == null) {
            return file;
        }
        return byPackage.computeIfAbsent(packageDir, BrowserField::read).getOrDefault(normal, file);
    }

    private static Path packageDirectory(Path file) {
        for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("package.json"))) {
                return dir;
            }
        }
        return null;
    }

    private static Map<Path, Path> read(Path packageDir) {
        Map<Path, Path> substitutions = new HashMap<>();
        try {
            JsonNode browser = JSON.readTree(packageDir.resolve("package.json").toFile()).path("browser");
            for (Iterator<Map.Entry<String, JsonNode>> fields = browser.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().startsWith(".") && field.getValue().isTextual()) {
                    Path replacement =
                            ModuleGraph.withJsExtension(packageDir.resolve(field.getValue().asText()).normalize());
                    if (replacement != null) {
                        Path key = packageDir.resolve(field.getKey()).normalize();
                        substitutions.put(key, replacement);
                        // As browserify and webpack read it, "./lib/index" names ./lib/index.js too (jszip).
                        substitutions.putIfAbsent(key.resolveSibling(key.getFileName() + ".js"), replacement);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable package.json substitutes nothing; resolution reports what is missing
        }
        return substitutions;
    }
}
