package io.assetpipe.plugin.scss;

import io.assetpipe.plugin.compile.CompileResult;
import java.nio.file.Path;
import java.util.List;

/**
 * Compiles one Sass entry file to CSS. The seam where another Sass implementation (dart-sass
 * through a JVM host, say) can replace libsass.
 */
public interface StylesheetCompiler {

    /**
     * @param source the {@code .scss}/{@code .sass} entry file
     * @param logicalOutput its output path in the bundle, e.g. {@code css/app.css}; the source map's
     *     {@code sources} are written relative to where that file would sit in the source tree
     * @param includePaths directories searched for {@code @import}, in order, after the importing file's own
     * @param sourceMap whether to produce a source map (with sources embedded)
     */
    CompileResult compile(Path source, Path sourceRoot, String logicalOutput, List<Path> includePaths, boolean sourceMap);
}
