package io.assetpipe.plugin.scss;

import io.assetpipe.plugin.compile.CompileResult;
import java.nio.file.Path;
import java.util.List;

/**
 * Compiles one Sass entry file to CSS: libsass through jsass ({@link JsassStylesheetCompiler}) or
 * Dart Sass in a child process ({@link DartSassStylesheetCompiler}). One instance serves every
 * stylesheet of a build, from several threads, and may be kept across builds (a watcher keeps Dart
 * Sass's process warm that way); whoever creates it closes it.
 */
public interface StylesheetCompiler extends AutoCloseable {

    /**
     * @param source the {@code .scss}/{@code .sass} entry file
     * @param logicalOutput its output path in the bundle, e.g. {@code css/app.css}; the source map's
     *     {@code sources} are written relative to where that file would sit in the source tree
     * @param includePaths directories searched for {@code @import}, in order, after the importing file's own
     * @param sourceMap whether to produce a source map (with sources embedded)
     */
    CompileResult compile(Path source, Path sourceRoot, String logicalOutput, List<Path> includePaths, boolean sourceMap);

    /** Ends whatever the compiler keeps running between compiles; a later compile starts it again. */
    @Override
    default void close() {}
}
