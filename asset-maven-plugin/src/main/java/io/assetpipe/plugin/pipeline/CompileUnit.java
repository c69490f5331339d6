package io.assetpipe.plugin.pipeline;

import io.assetpipe.plugin.compile.CompileResult;
import io.assetpipe.plugin.js.ClosureScriptCompiler;
import io.assetpipe.plugin.js.ScriptJob;
import java.util.function.Supplier;

/**
 * A compiled output, e.g. {@code css/app.css} from {@code css/app.scss}.
 *
 * @param compile compiles it in this JVM
 * @param script for a script, what Closure Compiler is given (so a {@link io.assetpipe.plugin.js.ClosureProcess} can compile
 *     it instead); null for a stylesheet
 */
record CompileUnit(String logicalPath, String kind, Supplier<CompileResult> compile, ScriptJob script) {

    static CompileUnit stylesheet(String logicalPath, String source, Supplier<CompileResult> compile) {
        return new CompileUnit(logicalPath, "sass:" + source, compile, null);
    }

    static CompileUnit script(String kind, ScriptJob job, ClosureScriptCompiler closure) {
        return new CompileUnit(job.output(), kind, () -> job.compileWith(closure), job);
    }

    /** The source it is built from (a Sass file, a module entry); null for a named bundle of scripts. */
    String entryPoint() {
        return kind.startsWith("bundle:") ? null : kind.substring(kind.indexOf(':') + 1);
    }

    /** Whether Closure Compiler builds it (a script bundle or a module entry), not Sass. */
    boolean isScript() {
        return script != null;
    }
}
