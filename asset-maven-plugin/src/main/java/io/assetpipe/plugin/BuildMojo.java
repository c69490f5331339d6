package io.assetpipe.plugin;

import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.plugin.compile.Diagnostic;
import io.assetpipe.plugin.compress.Effort;
import io.assetpipe.plugin.js.ClosureScriptCompiler;
import io.assetpipe.plugin.js.JsCompilationLevel;
import io.assetpipe.plugin.js.ScriptBundle;
import io.assetpipe.plugin.pipeline.AssetPipeline;
import io.assetpipe.plugin.pipeline.BuildConfig;
import io.assetpipe.plugin.pipeline.BuildLog;
import io.assetpipe.plugin.pipeline.BuildResult;
import io.assetpipe.plugin.scss.DartSassStylesheetCompiler;
import io.assetpipe.plugin.scss.JsassStylesheetCompiler;
import io.assetpipe.plugin.scss.SassImplementation;
import io.assetpipe.plugin.scss.StylesheetCompiler;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.inject.Inject;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Compiles, fingerprints and precompresses {@code src/main/assets} into
 * {@code target/classes/META-INF/assets} with a {@code manifest.json}, so the project's jar carries
 * the bundle. Incremental: when nothing changed since the last build it does nothing.
 *
 * @since 0.1.0
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PROCESS_RESOURCES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME)
public class BuildMojo extends AbstractMojo {
    /**
     * Directory of the asset sources; the path below it is an asset's logical path.
     *
     * @since 0.1.0
     */
    @Parameter(property = "assetpipe.sourceDirectory", defaultValue = "${project.basedir}/src/main/assets")
    File sourceDirectory;

    /**
     * Where the bundle and its manifest.json are written; replaced as a whole on each build.
     *
     * @since 0.1.0
     */
    @Parameter(property = "assetpipe.outputDirectory",
            defaultValue = "${project.build.outputDirectory}/META-INF/assets")
    File outputDirectory;

    /**
     * Extra directories Sass searches for {@code @import}, after the importing file's own directory.
     *
     * @since 0.1.0
     */
    @Parameter(property = "assetpipe.includePaths")
    List<File> includePaths;

    /**
     * A node_modules directory to resolve Sass and JavaScript imports from, after WebJars; ignored if absent.
     *
     * @since 0.1.0
     */
    @Parameter(property = "assetpipe.nodeModulesDirectory", defaultValue = "${project.basedir}/node_modules")
    File nodeModulesDirectory;

    /**
     * Closure Compiler level: SIMPLE, WHITESPACE or ADVANCED. ADVANCED renames properties across a
     * bundle, which only code written for Closure survives; keep SIMPLE for npm or WebJar libraries.
     *
     * @since 0.1.0
     */
    @Parameter(property = "assetpipe.jsCompilationLevel", defaultValue = "SIMPLE")
    String jsCompilationLevel;

    /**
     * JavaScript language level of the output, a Closure language mode such as ECMASCRIPT_2021.
     *
     * @since 0.1.0
     */
    @Parameter(property = "assetpipe.jsLanguageOut", defaultValue = "ECMASCRIPT_2021")
    String jsLanguageOut;

    /**
     * Closure externs files (declarations of outside APIs), needed with ADVANCED.
     *
     * @since 0.1.0
     */
    @Parameter(property = "assetpipe.externs")
    List<File> externs;

    /**
     * Named concatenations of plain scripts, each with a {@code name} and ordered {@code includes} (globs allowed).
     *
     * @since 0.1.0
     */
    @Parameter
    List<Bundle> bundles;

    /**
     * Scripts copied as they are (paths or globs under {@code sourceDirectory}): fingerprinted,
     * precompressed and listed with SRI, but not bundled or minified. For a library that is already
     * built for browsers and that Closure Compiler cannot parse (private class members {@code #x}:
     * Turbo 8). Each entry must match a script.
     *
     * @since 0.1.0
     */
    @Parameter(property = "assetpipe.verbatimScripts")
    List<String> verbatimScripts;

    /**
     * Precompressed variants to produce: any of br, gzip, zstd; empty for none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "assetpipe.encodings", defaultValue = "br,gzip,zstd")
    List<String> encodings;

    /**
     * Build and ship source maps (sources embedded) for JavaScript and stylesheets.
     *
     * @since 0.1.0
     */
    @Parameter(property = "assetpipe.sourceMaps", defaultValue = "true")
    boolean sourceMaps;

    /**
     * Compile JavaScript in a child JVM started for the build with {@code -XX:TieredStopAtLevel=1}
     * (C1 JIT only), all scripts in parallel. In a fresh JVM most of a Closure compile's CPU goes to
     * the JIT compilers; stopping at C1 makes it about 40% cheaper, and Maven's own JVM flags are the
     * user's to set. The child gets Maven's maximum heap. Set false to compile in Maven's JVM, e.g.
     * in a Maven daemon (mvnd) whose JVM has already optimised Closure.
     *
     * @since 0.1.0
     */
    @Parameter(property = "assetpipe.closureFork", defaultValue = "true")
    boolean closureFork;

    /**
     * How hard to compress source maps, which only developer tools download: {@code fast} (gzip 6,
     * brotli 5, zstd 9) or {@code max} (gzip 9, brotli 11, zstd 19, as for every other file). On
     * Bootstrap's and jQuery's maps {@code max} costs ~20 times the CPU for ~12% fewer bytes.
     *
     * @since 0.1.0
     */
    @Parameter(property = "assetpipe.sourceMapCompression", defaultValue = "fast")
    String sourceMapCompression;

    /**
     * Fail when a stylesheet references a file that is not in the bundle (else warn and keep the reference).
     *
     * @since 0.1.0
     */
    @Parameter(property = "assetpipe.failOnMissingReference", defaultValue = "true")
    boolean failOnMissingReference;

    /**
     * Fail the build on any compiler warning.
     *
     * @since 0.1.0
     */
    @Parameter(property = "assetpipe.failOnWarning", defaultValue = "false")
    boolean failOnWarning;

    /**
     * Which Sass compiles the stylesheets: {@code jsass} (libsass, which implements Sass 3.6: no
     * {@code @use}, {@code @forward} or {@code math.div}) or {@code dart} (Dart Sass, the reference
     * implementation, which current libraries such as Bulma 1 need). For {@code dart}, the Dart Sass
     * binaries ({@code de.larsgrefer.sass:sass-embedded-bundled}, one 49.7 MB jar holding every
     * platform's) are resolved from the plugin repositories the first time a build asks for them.
     *
     * @since 0.1.0
     */
    @Parameter(property = "assetpipe.sassCompiler", defaultValue = "jsass")
    String sassCompiler;

    /**
     * Skip the goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "assetpipe.skip", defaultValue = "false")
    boolean skip;

    /** Scratch space kept between builds: the incremental index, caches and unpacked WebJars. */
    @Parameter(defaultValue = "${project.build.directory}/assetpipe", readonly = true)
    File workDirectory;

    /** The reproducible-build timestamp, written to the manifest as buildTime. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}", readonly = true)
    String outputTimestamp;

    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    String pluginVersion;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    @Inject
    RepositorySystem repositorySystem;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("asset:build skipped (assetpipe.skip)");
            return;
        }
        BuildConfig config = config();
        BuildResult result;
        try (StylesheetCompiler stylesheets = stylesheetCompiler(config.sassCompiler())) {
            result = new AssetPipeline(config, new MavenBuildLog(getLog()), stylesheets).run();
        } catch (IOException e) {
            throw new MojoExecutionException("asset:build could not read or write files: " + e.getMessage(), e);
        }
        switch (result) {
            case BuildResult.Built built -> { }
            case BuildResult.UpToDate upToDate -> { }
            case BuildResult.NoSources none ->
                    getLog().info("No assets to build: " + sourceDirectory + " does not exist");
            case BuildResult.Failed failed -> {
                List<Diagnostic> errors = failed.errors();
                List<String> lines = Diagnostic.lines(errors, Diagnostic.SAME_MESSAGE_SHOWN);
                lines.forEach(getLog()::error);
                StringBuilder message = new StringBuilder("asset:build failed with ")
                        .append(errors.size()).append(errors.size() == 1 ? " error:" : " errors:");
                lines.forEach(line -> message.append("\n  ").append(line));
                throw new MojoFailureException(message.toString());
            }
        }
    }

    /** The immutable configuration, with every parameter checked; a bad value names its POM element. */
    BuildConfig config() throws MojoExecutionException {
        JsCompilationLevel level = choice(JsCompilationLevel.class, "jsCompilationLevel", jsCompilationLevel,
                "SIMPLE, WHITESPACE or ADVANCED");
        try {
            ClosureScriptCompiler.languageMode(jsLanguageOut.trim());
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("<jsLanguageOut> " + e.getMessage().substring("jsLanguageOut ".length()));
        }
        List<ContentEncoding> encodingList = new ArrayList<>();
        for (String token : encodings == null ? List.<String>of() : encodings) {
            for (String part : token.split(",")) {
                String t = part.trim().toLowerCase(Locale.ROOT);
                if (t.isEmpty() || t.equals("none")) {
                    continue;
                }
                encodingList.add(ContentEncoding.fromToken(t).orElseThrow(() -> new MojoExecutionException(
                        "<encodings> \"" + part.trim() + "\" is not one of br, gzip, zstd")));
            }
        }
        Effort mapEffort = choice(Effort.class, "sourceMapCompression", sourceMapCompression, "fast or max");
        SassImplementation sass = choice(SassImplementation.class, "sassCompiler", sassCompiler, "jsass or dart");
        List<ScriptBundle> scriptBundles = new ArrayList<>();
        for (Bundle bundle : bundles == null ? List.<Bundle>of() : bundles) {
            try {
                scriptBundles.add(new ScriptBundle(Objects.requireNonNullElse(bundle.getName(), ""),
                        bundle.getIncludes() == null ? List.of() : bundle.getIncludes()));
            } catch (RuntimeException e) {
                throw new MojoExecutionException("<bundles>: " + e.getMessage());
            }
        }
        List<Path> jars = new ArrayList<>();
        if (project != null && project.getArtifacts() != null) {
            for (Artifact artifact : project.getArtifacts()) {
                if (artifact.getFile() != null && (Artifact.SCOPE_COMPILE.equals(artifact.getScope())
                        || Artifact.SCOPE_RUNTIME.equals(artifact.getScope())
                        || Artifact.SCOPE_PROVIDED.equals(artifact.getScope()))) {
                    jars.add(artifact.getFile().toPath().toAbsolutePath());
                }
            }
        }
        jars.sort(null);
        return new BuildConfig(
                abs(sourceDirectory), abs(outputDirectory), abs(workDirectory),
                files(includePaths), nodeModulesDirectory == null ? null : abs(nodeModulesDirectory),
                jars, level, jsLanguageOut.trim(), files(externs), scriptBundles,
                verbatimScripts == null ? List.of() : verbatimScripts.stream().map(String::trim).filter(v -> !v.isEmpty()).toList(),
                closureFork, encodingList,
                mapEffort, sourceMaps, failOnMissingReference, failOnWarning,
                "assetpipe " + (pluginVersion == null || pluginVersion.isBlank() || pluginVersion.startsWith("${")
                        ? "dev" : pluginVersion),
                buildTime(outputTimestamp), sass);
    }

    /** The compiler {@code <sassCompiler>} names; Dart Sass's binaries are resolved only when it is asked for. */
    private StylesheetCompiler stylesheetCompiler(SassImplementation sass) throws MojoExecutionException {
        if (sass == SassImplementation.JSASS) {
            return new JsassStylesheetCompiler();
        }
        String binaries = DartSassStylesheetCompiler.BINARIES_ARTIFACT;
        Path jar;
        try {
            jar = repositorySystem.resolveArtifact(session.getRepositorySession(), new ArtifactRequest(
                    new DefaultArtifact(binaries), project.getRemotePluginRepositories(), null)).getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new MojoExecutionException("<sassCompiler>dart</sassCompiler> needs the Dart Sass binaries, " + binaries
                    + " (49.7 MB), which could not be resolved: " + e.getMessage(), e);
        }
        try {
            return DartSassStylesheetCompiler.using(jar);
        } catch (IOException e) {
            throw new MojoExecutionException("<sassCompiler>dart</sassCompiler>: " + e.getMessage()
                    + "; set <sassCompiler>jsass</sassCompiler> to build on this machine", e);
        }
    }

    /** The constant of {@code type} named {@code value} (any case); else an error naming the element. */
    private static <E extends Enum<E>> E choice(Class<E> type, String element, String value, String allowed)
            throws MojoExecutionException {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("<" + element + "> \"" + value + "\" must be " + allowed);
        }
    }

    /**
     * {@code project.build.outputTimestamp} as Maven accepts it: ISO-8601 or seconds since the
     * epoch. Unset means the epoch, so the manifest is still reproducible.
     */
    static Instant buildTime(String timestamp) throws MojoExecutionException {
        if (timestamp == null || timestamp.isBlank() || timestamp.trim().length() < 2) {
            return Instant.EPOCH;
        }
        String t = timestamp.trim();
        if (t.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochSecond(Long.parseLong(t));
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new MojoExecutionException("project.build.outputTimestamp \"" + t
                    + "\" is neither ISO-8601 (2026-01-01T00:00:00Z) nor seconds since the epoch");
        }
    }

    private static Path abs(File file) {
        return file.toPath().toAbsolutePath().normalize();
    }

    private static List<Path> files(List<File> files) {
        return files == null ? List.of() : files.stream().map(BuildMojo::abs).toList();
    }

    /** Maven's log behind the pipeline's interface. */
    private record MavenBuildLog(Log log) implements BuildLog {
        @Override
        public void debug(String message) {
            log.debug(message);
        }

        @Override
        public void info(String message) {
            log.info(message);
        }

        @Override
        public void warn(String message) {
            log.warn(message);
        }
    }
}
