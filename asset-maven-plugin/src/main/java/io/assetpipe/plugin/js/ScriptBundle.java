package io.assetpipe.plugin.js;

import io.assetpipe.manifest.AssetPaths;
import java.util.List;

/**
 * Plain scripts concatenated, in order, into one output (as Jammit did).
 *
 * @param name logical path of the output, e.g. {@code js/vendor.js}
 * @param includes source paths or globs relative to the source directory ({@code js/legacy/*.js});
 *     files matched by a glob are taken in path order, each file once at its first match
 */
public record ScriptBundle(String name, List<String> includes) {
    public ScriptBundle {
        AssetPaths.requireSafe("bundle name", name);
        if (!name.endsWith(".js")) {
            throw new IllegalArgumentException("bundle name \"" + name + "\" must end with .js");
        }
        includes = List.copyOf(includes);
        if (includes.isEmpty()) {
            throw new IllegalArgumentException("bundle \"" + name + "\" has no <includes>");
        }
    }
}
