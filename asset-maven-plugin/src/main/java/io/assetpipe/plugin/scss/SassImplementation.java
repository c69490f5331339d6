package io.assetpipe.plugin.scss;

import java.io.IOException;

/** Which Sass compiles the stylesheets: the {@code sassCompiler} parameter. */
public enum SassImplementation {
    /** libsass through jsass: Sass 3.6, no {@code @use} or {@code @forward}; nothing to download. */
    JSASS,
    /** Dart Sass, the reference implementation, in a child process ({@link DartSassStylesheetCompiler}). */
    DART;

    /** A compiler of this implementation; Dart Sass runs the binaries on the class path ({@link DartSassStylesheetCompiler#onClassPath()}). */
    public StylesheetCompiler compiler() throws IOException {
        return this == JSASS ? new JsassStylesheetCompiler() : DartSassStylesheetCompiler.onClassPath();
    }
}
