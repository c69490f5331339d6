package io.assetpipe.plugin.js;

import com.google.javascript.jscomp.BasicErrorManager;
import com.google.javascript.jscomp.CheckLevel;
import com.google.javascript.jscomp.CommandLineRunner;
import com.google.javascript.jscomp.CompilationLevel;
import com.google.javascript.jscomp.CompilerOptions;
import com.google.javascript.jscomp.CompilerOptions.LanguageMode;
import com.google.javascript.jscomp.DependencyOptions;
import com.google.javascript.jscomp.DiagnosticGroups;
import com.google.javascript.jscomp.JSError;
import com.google.javascript.jscomp.ModuleIdentifier;
import com.google.javascript.jscomp.Result;
import com.google.javascript.jscomp.SourceFile;
import com.google.javascript.jscomp.WarningLevel;
import com.google.javascript.jscomp.deps.ModuleLoader;
import io.assetpipe.plugin.compile.CompileResult;
import io.assetpipe.plugin.compile.Diagnostic;
import io.assetpipe.plugin.compile.SourceText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Google Closure Compiler through its Java API: one call per output file. */
public final class ClosureScriptCompiler {
    // An ES-module entry is compiled into a script; wrapping it keeps the rewritten module
    // variables (module$js$app...) out of the page's global scope. A classic script (no import or
    // export, see ModuleGraph.Entry) compiles as a bundle, unwrapped: its globals are the page's.
    private static final String WRAPPER_PREFIX = "(function(){";
    private static final String WRAPPER_SUFFIX = "}).call(this);\n";
    private static final Pattern NODE_ENV = Pattern.compile("\\bprocess\\.env\\.NODE_ENV\\b");
    private static final Pattern IMPORT_META_ENV = Pattern.compile("(?<![.\\w$])import\\.meta\\.env\\b");
    private static final String PRODUCTION_ENV = "({MODE:\"production\",PROD:true,DEV:false,SSR:false})";

    /**
     * @param level optimisation level
     * @param languageOut output language, a Closure {@code LanguageMode} name such as {@code ECMASCRIPT_2021}
     * @param externs extern files for ADVANCED (declarations of outside APIs)
     * @param sourceMaps whether to produce a source map with sources embedded
     */
    public record Settings(JsCompilationLevel level, String languageOut, List<Path> externs, boolean sourceMaps) {
        public Settings {
            externs = List.copyOf(externs);
            languageMode(languageOut);
        }
    }

    private final Settings settings;

    public ClosureScriptCompiler(Settings settings) {
        this.settings = settings;
    }

    /** Loads Closure's core classes, as a first compile would; initialisation only, nothing is compiled. */
    public static void preload() {
        CompilationLevel.SIMPLE_OPTIMIZATIONS.setOptionsForCompilationLevel(new CompilerOptions());
        new com.google.javascript.jscomp.Compiler();
    }

    public static LanguageMode languageMode(String name) {
        LanguageMode mode = LanguageMode.fromString(name.toUpperCase(Locale.ROOT));
        if (mode == null) {
            throw new IllegalArgumentException("jsLanguageOut \"" + name + "\" is not a Closure language mode"
                    + " (e.g. ECMASCRIPT_2015, ECMASCRIPT_2021, ECMASCRIPT_NEXT, STABLE)");
        }
        return mode;
    }

    /** Compiles an ES-module entry point with everything it imports, pruned to what is reachable. */
    public CompileResult compileModule(String entry, List<ScriptInput> inputs, Map<String, String> bareSpecifiers) {
        try {
            return compile(inputs, moduleOptions(entry, bareSpecifiers, true), true);
        } catch (RuntimeException crash) {
            // A Closure bug in the passes for wrapped output, on this input: the usual passes still
            // give a correct (larger) output.
            try {
                return compile(inputs, moduleOptions(entry, bareSpecifiers, false), true);
            } catch (RuntimeException again) {
                return crashed(inputs, again);
            }
        }
    }

    private CompilerOptions moduleOptions(String entry, Map<String, String> bareSpecifiers, boolean wrappedOutput) {
        CompilerOptions options = options();
        options.setModuleResolutionMode(ModuleLoader.ResolutionMode.BROWSER_WITH_TRANSFORMED_PREFIXES);
        // Closure shades Guava; its setter wants the relocated ImmutableMap.
        options.setBrowserResolverPrefixReplacements(
                com.google.javascript.jscomp.jarjar.com.google.common.collect.ImmutableMap.copyOf(bareSpecifiers));
        options.setDependencyOptions(DependencyOptions.pruneForEntryPoints(List.of(ModuleIdentifier.forFile(entry))));
        if (wrappedOutput) {
            // The output is wrapped in a function (below), so its top-level names are locals Closure
            // may rename, inline and drop when unused, as its --assume_function_wrapper does; else
            // every module variable keeps a global-safe name such as
            // ascending$$module$node_modules$d3_array$dist$d3_array_mjs, and nothing unused goes.
            settings.level().closure.setWrappedOutputOptimizations(options);
        }
        // InlineVariables (v20260128) puts a variable that holds a string into each of its uses,
        // however long the string: it has no size check. With the reach above, a module's top-level
        // variables are inlined too, and so is the parameter of a top-level IIFE once that is
        // inlined, so sweetalert2's style injector, function (e, t) {… cssText = t … innerHTML = t …
        // innerText = t}(document, "<30 KB of CSS>"), put its CSS in the bundle three times. Closure's
        // AliasStrings pass, run after inlining, puts a string of more than 100 characters that
        // occurs more than once back into one variable when that is shorter. Its declaration goes at
        // the top of the output, which is inside the wrapper (compile), so it is a local like the
        // module's others; a plain script (compileBundle) would get a new global instead.
        options.setAliasStringsMode(CompilerOptions.AliasStringsMode.LARGE);
        return options;
    }

    /** An exception inside Closure Compiler, as a build error naming the output instead of a stack trace. */
    private static CompileResult crashed(List<ScriptInput> inputs, RuntimeException e) {
        Path entry = inputs.isEmpty() ? Path.of("<javascript>") : inputs.get(inputs.size() - 1).file(); // the entry is last
        return new CompileResult.Failed(List.of(Diagnostic.of(entry, "Closure Compiler failed with an internal error"
                + " (a bug in Closure, not necessarily in this code): " + e)));
    }

    /** Compiles plain scripts concatenated in the given order (a named bundle). */
    public CompileResult compileBundle(List<ScriptInput> inputs) {
        CompilerOptions options = options();
        options.setDependencyOptions(DependencyOptions.none());
        try {
            return compile(inputs, options, false);
        } catch (RuntimeException e) {
            return crashed(inputs, e);
        }
    }

    /**
     * {@code process.env.NODE_ENV} replaced by {@code "production"}, as every bundler does: packages
     * written for bundlers (Vue's, React's ES builds) test it to drop development code, and a browser
     * has no {@code process}, so left as it is the script throws {@code process is not defined}.
     * {@code import.meta.env}, Vite's way to say the same to ES-module builds (zustand 4's
     * {@code import.meta.env ? import.meta.env.MODE : void 0}), becomes the object a Vite production
     * build has, {@code MODE} "production", {@code PROD} true, {@code DEV} and {@code SSR} false;
     * Closure folds what is read from it. Other {@code import.meta} uses stay errors.
     */
    static String forTheBrowser(String code) {
        String out = code.contains("process.env.NODE_ENV") ? NODE_ENV.matcher(code).replaceAll("\"production\"") : code;
        return out.contains("import.meta") ? IMPORT_META_ENV.matcher(out).replaceAll(PRODUCTION_ENV) : out;
    }

    private CompilerOptions options() {
        CompilerOptions options = new CompilerOptions();
        settings.level().closure.setOptionsForCompilationLevel(options);
        WarningLevel.DEFAULT.setOptionsForWarningLevel(options);
        options.setLanguageIn(LanguageMode.STABLE_IN);
        options.setLanguageOut(languageMode(settings.languageOut()));
        options.setEmitUseStrict(false);
        // By default Closure assumes no code reaches a static member through a subclass, and turns
        // super.create() in a static method into A.create(): `this` in A.create is then A, not the
        // subclass the call came through (Quill 2's Parchment blots read this.tagName that way:
        // "Blot definition missing tagName"). google/closure-compiler#3345.
        options.setAssumeStaticInheritanceIsNotUsed(false);
        // Libraries end with //# sourceMappingURL=x.js.map; Closure would look for those maps relative
        // to the working directory and warn for each (which failOnWarning turns into a failure).
        // The maps we write point at the sources Closure was given.
        options.setResolveSourceMapAnnotations(false);
        // JSDoc is documentation in the code we compile, not a type system: Closure's rules for type
        // annotations (e.g. "Inline JSDoc on default parameters must be marked as optional", which
        // stops CodeMirror 6) would fail builds of valid JavaScript. No type checking runs anyway.
        options.setWarningLevel(DiagnosticGroups.CHECK_TYPES, CheckLevel.OFF);
        if (settings.sourceMaps()) {
            options.setSourceMapOutputPath("unused"); // enables map generation; we write it ourselves
            options.setSourceMapIncludeSourcesContent(true);
        }
        return options;
    }

    private CompileResult compile(List<ScriptInput> inputs, CompilerOptions options, boolean wrap) {
        Map<String, ScriptInput> byName = new HashMap<>();
        inputs.forEach(input -> byName.put(input.name(), input));
        List<Diagnostic> unreadable = new ArrayList<>();
        BundleSources.Sources planned = BundleSources.of(inputs, unreadable);
        if (!unreadable.isEmpty()) {
            return new CompileResult.Failed(unreadable);
        }
        List<SourceFile> sources = planned.sources().stream()
                .map(source -> SourceFile.fromCode(source.name(), source.code())).toList();
        if (wrap && !inputs.isEmpty() && !planned.entryPoint().equals(inputs.get(inputs.size() - 1).name())) {
            // dynamic imports: Closure starts from the module that runs the entry, then them
            options.setDependencyOptions(
                    DependencyOptions.pruneForEntryPoints(List.of(ModuleIdentifier.forFile(planned.entryPoint()))));
        }
        List<SourceFile> externs = new ArrayList<>();
        if (settings.level() == JsCompilationLevel.ADVANCED) {
            // The browser's and the language's own APIs (console, JSON, Array, DOM...), as the
            // Closure command line adds them: without them ADVANCED rejects every script.
            try {
                externs.addAll(CommandLineRunner.getDefaultExterns());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read Closure Compiler's built-in externs", e);
            }
        }
        for (Path extern : settings.externs()) {
            try {
                externs.add(SourceFile.fromCode(extern.toString(), SourceText.read(extern)));
            } catch (SourceText.SourceException e) {
                unreadable.add(e.diagnostic());
            }
        }
        if (!unreadable.isEmpty()) {
            return new CompileResult.Failed(unreadable);
        }
        com.google.javascript.jscomp.Compiler compiler = new com.google.javascript.jscomp.Compiler();
        compiler.setErrorManager(new QuietErrorManager());
        compiler.disableThreads(); // the pipeline already compiles outputs in parallel
        Result result = compiler.compile(externs, sources, options);
        List<Diagnostic> warnings = result.warnings.stream()
                .filter(w -> !isLibrary(byName, w))
                .map(w -> diagnostic(byName, w))
                .toList();
        if (!result.success || !result.errors.isEmpty()) {
            return new CompileResult.Failed(result.errors.stream().map(e -> diagnostic(byName, e)).toList());
        }
        String code = compiler.toSource();
        String map = null;
        if (settings.sourceMaps()) {
            StringBuilder json = new StringBuilder();
            try {
                if (wrap) {
                    compiler.getSourceMap().setWrapperPrefix(WRAPPER_PREFIX);
                }
                compiler.getSourceMap().appendTo(json, "output.js");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            map = json.toString();
        }
        if (wrap) {
            code = WRAPPER_PREFIX + code + WRAPPER_SUFFIX;
        } else if (!code.endsWith("\n")) {
            code = code + "\n";
        }
        List<Path> files = inputs.stream().map(ScriptInput::file).toList();
        return new CompileResult.Compiled(code, map, files, warnings);
    }

    private static boolean isLibrary(Map<String, ScriptInput> byName, JSError error) {
        ScriptInput input = error.sourceName() == null ? null : byName.get(error.sourceName());
        return input != null && input.library();
    }

    private static Diagnostic diagnostic(Map<String, ScriptInput> byName, JSError error) {
        String name = error.sourceName();
        ScriptInput input = name == null ? null : byName.get(name);
        String path = input != null ? input.file().toString() : name == null ? "<javascript>" : name;
        return new Diagnostic(path, Math.max(error.lineno(), 0), error.charno() + 1,
                CLEARER.getOrDefault(error.description(), error.description()));
    }

    /** Closure's words for what a bundle cannot hold, as they apply to a build that bundles (not its command line's). */
    private static final Map<String, String> CLEARER = Map.of(
            "This code cannot be transpiled. import.meta. Use --chunk_output_type=ES_MODULES to allow passthrough support.",
            "import.meta is not supported: a bundled module has no URL of its own (it is part of the output file);"
                    + " fetch files by their fingerprinted URL",
            "Dynamic import expressions cannot be transpiled.",
            "this import() cannot be bundled: only import(\"./x.js\") with a string, in an ES module, is (the module"
                    + " is then bundled into this file)");

    /** Keeps Closure from printing to stderr; the pipeline reports errors and warnings itself. */
    private static final class QuietErrorManager extends BasicErrorManager {
        @Override
        public void println(CheckLevel level, JSError error) {}

        @Override
        protected void printSummary() {}
    }
}
