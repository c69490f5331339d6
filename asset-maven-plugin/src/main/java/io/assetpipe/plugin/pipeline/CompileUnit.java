package io.assetpipe.plugin.pipeline;

import io.assetpipe.plugin.compile.CompileResult;
import java.util.function.Supplier;

/** A compiled output, e.g. {@code css/app.css} from {@code css/app.scss}. */
record CompileUnit(String logicalPath, String kind, Supplier<CompileResult> compile) {}
