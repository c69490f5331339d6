package io.assetpipe.plugin.js;

import java.nio.file.Path;

/**
 * One JavaScript file given to Closure Compiler.
 *
 * @param name the name Closure sees and the source map lists: the logical path for project files,
 *     {@code webjars/<package>/...} or {@code node_modules/<package>/...} for library files
 * @param file where it is on disk
 * @param library whether it comes from a WebJar or node_modules (its warnings are not the user's)
 */
public record ScriptInput(String name, Path file, boolean library) {}
