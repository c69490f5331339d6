package io.assetpipe.plugin.js;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JavaScript file given to Closure Compiler.
 *
 * @param name the name Closure sees and the source map lists: the logical path for project files,
 *     {@code webjars/<package>/...} or {@code node_modules/<package>/...} for library files
 * @param file where it is on disk
 * @param library whether it comes from a WebJar or node_modules (its warnings are not the user's)
 * @param commonJs whether it is bundled as a CommonJS module (wrapped in a function that runs it on
 *     its first {@code require}, see {@link BundleSources})
 * @param targets the input name each module request of the file resolves to, by specifier as
 *     written ({@code "react"} to {@code webjars/react/index.js}), or {@link #NO_MODULE} for a
 *     {@code require} the package's browser field maps to {@code false}; empty when the job was
 *     not planned by a {@link ModuleGraph} (then relative specifiers are resolved before Closure)
 */
public record ScriptInput(String name, Path file, boolean library, boolean commonJs, Map<String, String> targets) {
    /** The target of a {@code require} that gets an empty object: no input has an empty name. */
    public static final String NO_MODULE = "";

    public ScriptInput {
        targets = Collections.unmodifiableMap(new TreeMap<>(targets));
    }

    /** A file as written, not CommonJS, with no resolved requests. */
    public ScriptInput(String name, Path file, boolean library) {
        this(name, file, library, false, Map.of());
    }
}
