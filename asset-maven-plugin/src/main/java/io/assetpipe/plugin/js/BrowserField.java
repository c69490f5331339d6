package io.assetpipe.plugin.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The file substitutions a package declares for browsers in its package.json {@code browser} field
 * ({@code "./lib/adapters/http.js": "./lib/helpers/null.js"}), applied as browser bundlers apply
 * them: axios swaps its Node adapter and platform files this way, and without the swap its Node
 * code imports {@code http} and {@code crypto}. A key without its {@code .js} names the {@code .js}
 * file, and a value is found as any path inside a package ({@link ModuleGraph#withJsExtension}),
 * as browserify reads the field. Entries mapping a file or a module name to {@code false} ("no
 * module in browsers": {@code "fs": false}) make a CommonJS {@code require} of it an empty object,
 * as browserify and webpack do ({@link #empty}); other module-name entries are not applied. One
 * instance per scan or compile: it caches package.json reads.
 */
final class BrowserField {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One package's field: file swaps, and the files and module names it maps to false. */
    private record Substitutions(Map<Path, Path> files, Set<Path> emptyFiles, Set<String> emptyModules) {}

    private final Map<Path, Substitutions> byPackage = new HashMap<>();

    /** The file a browser build uses instead of {@code file}, or {@code file} itself. */
    Path substitute(Path file) {
        Substitutions substitutions = of(file);
        return substitutions == null ? file : substitutions.files().getOrDefault(file.toAbsolutePath().normalize(), file);
    }

    /**
     * Whether the package of {@code importer} maps {@code specifier} to {@code false}: a module
     * name ({@code "fs"}), or the file the specifier resolved to ({@code resolved}, may be null).
     */
    boolean empty(Path importer, String specifier, Path resolved) {
        Substitutions substitutions = of(importer);
        if (substitutions == null) {
            return false;
        }
        return substitutions.emptyModules().contains(specifier)
                || resolved != null && substitutions.emptyFiles().contains(resolved.toAbsolutePath().normalize());
    }

    private Substitutions of(Path file) {
        Path packageDir = packageDirectory(file.toAbsolutePath().normalize());
        return packageDir == null ? null : byPackage.computeIfAbsent(packageDir, BrowserField::read);
    }

    private static Path packageDirectory(Path file) {
        for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("package.json"))) {
                return dir;
            }
        }
        return null;
    }

    private static Substitutions read(Path packageDir) {
        Substitutions substitutions = new Substitutions(new HashMap<>(), new HashSet<>(), new HashSet<>());
        try {
            JsonNode browser = JSON.readTree(packageDir.resolve("package.json").toFile()).path("browser");
            for (Iterator<Map.Entry<String, JsonNode>> fields = browser.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                boolean none = field.getValue().isBoolean() && !field.getValue().asBoolean();
                if (!key.startsWith(".")) {
                    if (none) {
                        substitutions.emptyModules().add(key);
                    }
                    continue;
                }
                Path file = packageDir.resolve(key).normalize();
                // As browserify and webpack read it, "./lib/index" names ./lib/index.js too (jszip).
                Path js = file.resolveSibling(file.getFileName() + ".js");
                if (none) {
                    substitutions.emptyFiles().add(file);
                    substitutions.emptyFiles().add(js);
                } else if (field.getValue().isTextual()) {
                    Path replacement =
                            ModuleGraph.withJsExtension(packageDir.resolve(field.getValue().asText()).normalize());
                    if (replacement != null) {
                        substitutions.files().put(file, replacement);
                        substitutions.files().putIfAbsent(js, replacement);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable package.json substitutes nothing; resolution reports what is missing
        }
        return substitutions;
    }
}
