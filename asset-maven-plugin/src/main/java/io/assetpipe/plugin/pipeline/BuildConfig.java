package io.assetpipe.plugin.pipeline;

import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.plugin.compress.Effort;
import io.assetpipe.plugin.js.ClosureScriptCompiler;
import io.assetpipe.plugin.js.JsCompilationLevel;
import io.assetpipe.plugin.js.ScriptBundle;
import io.assetpipe.plugin.scss.SassImplementation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one build needs, resolved to absolute paths and plain values. The Mojo builds it from
 * its parameters; tests build it directly.
 *
 * @param sourceDirectory where the assets are ({@code src/main/assets}); the path below it is the logical path
 * @param outputDirectory where the bundle goes ({@code target/classes/META-INF/assets}); replaced as a whole
 * @param workDirectory scratch space kept between builds: incremental index, caches, unpacked WebJars
 * @param includePaths extra Sass include directories
 * @param nodeModulesDirectory optional node_modules directory to resolve imports from, or null
 * @param dependencyJars the project's compile/runtime dependency files (WebJars among them)
 * @param externs Closure externs files for ADVANCED compilation
 * @param bundles named concatenations of plain scripts
 * @param verbatimScripts paths or globs of scripts copied as they are (fingerprinted and compressed,
 *     not bundled or minified): libraries Closure Compiler cannot parse, already built for browsers
 * @param closureFork whether scripts are compiled in a child JVM tuned for the job
 *     ({@link io.assetpipe.plugin.js.ClosureProcess}); else in this one, as it is
 * @param encodings precompressed variants to produce
 * @param sourceMapCompression how hard to compress source maps (everything else gets {@link Effort#MAX})
 * @param generator written to the manifest, e.g. {@code assetpipe 0.1.0}
 * @param buildTime written to the manifest (the reproducible build timestamp)
 * @param sassCompiler which Sass compiles the stylesheets
 */
public record BuildConfig(
        Path sourceDirectory,
        Path outputDirectory,
        Path workDirectory,
        List<Path> includePaths,
        Path nodeModulesDirectory,
        List<Path> dependencyJars,
        JsCompilationLevel jsCompilationLevel,
        String jsLanguageOut,
        List<Path> externs,
        List<ScriptBundle> bundles,
        List<String> verbatimScripts,
        boolean closureFork,
        List<ContentEncoding> encodings,
        Effort sourceMapCompression,
        boolean sourceMaps,
        boolean failOnMissingReference,
        boolean failOnWarning,
        String generator,
        Instant buildTime,
        SassImplementation sassCompiler) {

    public BuildConfig {
        Objects.requireNonNull(sourceDirectory, "sourceDirectory");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(workDirectory, "workDirectory");
        includePaths = List.copyOf(includePaths);
        dependencyJars = List.copyOf(dependencyJars);
        Objects.requireNonNull(jsCompilationLevel, "jsCompilationLevel");
        Objects.requireNonNull(jsLanguageOut, "jsLanguageOut");
        externs = List.copyOf(externs);
        bundles = List.copyOf(bundles);
        verbatimScripts = List.copyOf(verbatimScripts);
        encodings = List.copyOf(encodings);
        Objects.requireNonNull(sourceMapCompression, "sourceMapCompression");
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(buildTime, "buildTime");
        Objects.requireNonNull(sassCompiler, "sassCompiler");
    }

    /** What Closure Compiler is told, wherever it runs. */
    public ClosureScriptCompiler.Settings closureSettings() {
        return new ClosureScriptCompiler.Settings(jsCompilationLevel, jsLanguageOut, externs, sourceMaps);
    }

    /** Defaults for everything but the three directories (used by tests and as documentation). */
    public static BuildConfig defaults(Path sourceDirectory, Path outputDirectory, Path workDirectory) {
        return new BuildConfig(sourceDirectory, outputDirectory, workDirectory, List.of(), null, List.of(),
                JsCompilationLevel.SIMPLE, "ECMASCRIPT_2021", List.of(), List.of(), List.of(), true,
                List.of(ContentEncoding.BR, ContentEncoding.GZIP, ContentEncoding.ZSTD), Effort.FAST,
                true, true, false, "assetpipe", Instant.EPOCH, SassImplementation.JSASS);
    }

    public BuildConfig withDependencyJars(List<Path> jars) {
        return new BuildConfig(sourceDirectory, outputDirectory, workDirectory, includePaths, nodeModulesDirectory,
                jars, jsCompilationLevel, jsLanguageOut, externs, bundles, verbatimScripts, closureFork, encodings,
                sourceMapCompression, sourceMaps,
                failOnMissingReference, failOnWarning, generator, buildTime, sassCompiler);
    }

    public BuildConfig withBundles(List<ScriptBundle> newBundles) {
        return new BuildConfig(sourceDirectory, outputDirectory, workDirectory, includePaths, nodeModulesDirectory,
                dependencyJars, jsCompilationLevel, jsLanguageOut, externs, newBundles, verbatimScripts, closureFork, encodings,
                sourceMapCompression, sourceMaps,
                failOnMissingReference, failOnWarning, generator, buildTime, sassCompiler);
    }

    public BuildConfig withVerbatimScripts(List<String> paths) {
        return new BuildConfig(sourceDirectory, outputDirectory, workDirectory, includePaths, nodeModulesDirectory,
                dependencyJars, jsCompilationLevel, jsLanguageOut, externs, bundles, paths, closureFork, encodings,
                sourceMapCompression, sourceMaps,
                failOnMissingReference, failOnWarning, generator, buildTime, sassCompiler);
    }

    public BuildConfig withFailOnMissingReference(boolean fail) {
        return new BuildConfig(sourceDirectory, outputDirectory, workDirectory, includePaths, nodeModulesDirectory,
                dependencyJars, jsCompilationLevel, jsLanguageOut, externs, bundles, verbatimScripts, closureFork, encodings,
                sourceMapCompression, sourceMaps,
                fail, failOnWarning, generator, buildTime, sassCompiler);
    }

    public BuildConfig withFailOnWarning(boolean fail) {
        return new BuildConfig(sourceDirectory, outputDirectory, workDirectory, includePaths, nodeModulesDirectory,
                dependencyJars, jsCompilationLevel, jsLanguageOut, externs, bundles, verbatimScripts, closureFork, encodings,
                sourceMapCompression, sourceMaps,
                failOnMissingReference, fail, generator, buildTime, sassCompiler);
    }

    public BuildConfig withClosureFork(boolean fork) {
        return new BuildConfig(sourceDirectory, outputDirectory, workDirectory, includePaths, nodeModulesDirectory,
                dependencyJars, jsCompilationLevel, jsLanguageOut, externs, bundles, verbatimScripts, fork, encodings,
                sourceMapCompression, sourceMaps,
                failOnMissingReference, failOnWarning, generator, buildTime, sassCompiler);
    }

    public BuildConfig withSassCompiler(SassImplementation sass) {
        return new BuildConfig(sourceDirectory, outputDirectory, workDirectory, includePaths, nodeModulesDirectory,
                dependencyJars, jsCompilationLevel, jsLanguageOut, externs, bundles, verbatimScripts, closureFork, encodings,
                sourceMapCompression, sourceMaps,
                failOnMissingReference, failOnWarning, generator, buildTime, sass);
    }

    public BuildConfig withEncodings(List<ContentEncoding> newEncodings) {
        return new BuildConfig(sourceDirectory, outputDirectory, workDirectory, includePaths, nodeModulesDirectory,
                dependencyJars, jsCompilationLevel, jsLanguageOut, externs, bundles, verbatimScripts, closureFork, newEncodings,
                sourceMapCompression, sourceMaps,
                failOnMissingReference, failOnWarning, generator, buildTime, sassCompiler);
    }
}
