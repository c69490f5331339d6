package io.assetpipe.plugin.js;

import com.google.javascript.jscomp.CompilationLevel;

/** How hard Closure Compiler optimises: the three levels it documents for hand-written code. */
public enum JsCompilationLevel {
    /** Whitespace and comments removed only. */
    WHITESPACE(CompilationLevel.WHITESPACE_ONLY),
    /** Local renaming and dead-code removal; safe for any code. The default. */
    SIMPLE(CompilationLevel.SIMPLE_OPTIMIZATIONS),
    /** Whole-program renaming and removal; needs externs for every outside API the code uses. */
    ADVANCED(CompilationLevel.ADVANCED_OPTIMIZATIONS);

    final CompilationLevel closure;

    JsCompilationLevel(CompilationLevel closure) {
        this.closure = closure;
    }
}
