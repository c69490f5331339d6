package io.assetpipe.plugin.pipeline;

import io.assetpipe.plugin.compile.CompileResult;
import java.util.function.Supplier;

/** A compiled output, e.g. {@code css/app.css} from {@code css/app.scss}. */
record CompileUnit(String logicalPath, String kind, Supplier<CompileResult> compile) {

    /** Whether Closure Compiler builds it (a script bundle or a module entry), not Sass. */
    boolean isScript() {
        return !kind.startsWith("sass:");
    }
}
