package io.assetpipe.plugin;

import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.plugin.compile.Diagnostic;
import io.assetpipe.plugin.compress.Effort;
import io.assetpipe.plugin.js.ClosureScriptCompiler;
import io.assetpipe.plugin.js.JsCompilationLevel;
import io.assetpipe.plugin.js.ScriptBundle;
import io.assetpipe.plugin.packaging.OutputTimestamp;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/** What {@code asset:build} does with the {@link BuildMojo}'s parameters, once the JDK is known to be 21+. */
final class BuildGoal {
    private BuildGoal() {}

    static void execute(BuildMojo mojo) throws MojoExecutionException, MojoFailureException {
        OutputTimestamp timestamp = outputTimestamp(mojo.outputTimestamp);
        BuildConfig config = config(mojo, timestamp);
        BuildReportStep report = BuildReportStep.of(mojo, config);
        BuildResult result;
        try (StylesheetCompiler stylesheets = stylesheetCompiler(mojo, config.sassCompiler())) {
            result = new AssetPipeline(config, new MavenBuildLog(mojo.getLog()), stylesheets).run();
        } catch (IOException e) {
            throw new MojoExecutionException("asset:build could not read or write files: " + e.getMessage(), e);
        }
        switch (result) {
            case BuildResult.Built built -> {
                report.run(built, config.outputDirectory());
                if (!timestamp.configured()) {
                    mojo.getLog().info("project.build.outputTimestamp is not set, so the bundle and the assets jar are"
                            + " dated " + OutputTimestamp.UNSET + " (the same on every machine). For a real date in"
                            + " Last-Modified, set it in the POM's <properties>: <project.build.outputTimestamp>"
                            + "2026-01-01T00:00:00Z</project.build.outputTimestamp> (mvn release:prepare updates it).");
                }
            }
            case BuildResult.UpToDate upToDate -> report.run(upToDate, config.outputDirectory());
            case BuildResult.NoSources none ->
                    mojo.getLog().info("No assets to build: " + mojo.sourceDirectory + " does not exist");
            case BuildResult.Failed failed -> throw new MojoFailureException(failure(failed.errors()));
        }
    }

    /**
     * Every error, once: Maven prints the exception's message in its failure report, one
     * {@code path:line:column: message} per line, so the errors are not logged on their own too.
     */
    static String failure(List<Diagnostic> errors) {
        StringBuilder message = new StringBuilder("asset:build failed with ")
                .append(errors.size()).append(errors.size() == 1 ? " error:" : " errors:");
        Diagnostic.lines(errors, Diagnostic.SAME_MESSAGE_SHOWN).forEach(line -> message.append("\n  ").append(line));
        return message.toString();
    }

    /** The immutable configuration, with every parameter checked; a bad value names its POM element. */
    static BuildConfig config(BuildMojo mojo, OutputTimestamp timestamp) throws MojoExecutionException {
        JsCompilationLevel level = choice(JsCompilationLevel.class, "jsCompilationLevel", mojo.jsCompilationLevel,
                "SIMPLE, WHITESPACE or ADVANCED");
        try {
            ClosureScriptCompiler.languageMode(mojo.jsLanguageOut.trim());
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("<jsLanguageOut> " + e.getMessage().substring("jsLanguageOut ".length()));
        }
        List<ContentEncoding> encodingList = new ArrayList<>();
        for (String token : mojo.encodings == null ? List.<String>of() : mojo.encodings) {
            for (String part : token.split(",")) {
                String t = part.trim().toLowerCase(Locale.ROOT);
                if (t.isEmpty() || t.equals("none")) {
                    continue;
                }
                encodingList.add(ContentEncoding.fromToken(t).orElseThrow(() -> new MojoExecutionException(
                        "<encodings> \"" + part.trim() + "\" is not one of br, gzip, zstd")));
            }
        }
        Effort mapEffort = choice(Effort.class, "sourceMapCompression", mojo.sourceMapCompression, "fast or max");
        SassImplementation sass = choice(SassImplementation.class, "sassCompiler", mojo.sassCompiler, "jsass or dart");
        List<ScriptBundle> scriptBundles = new ArrayList<>();
        for (Bundle bundle : mojo.bundles == null ? List.<Bundle>of() : mojo.bundles) {
            try {
                scriptBundles.add(new ScriptBundle(Objects.requireNonNullElse(bundle.getName(), ""),
                        bundle.getIncludes() == null ? List.of() : bundle.getIncludes()));
            } catch (RuntimeException e) {
                throw new MojoExecutionException("<bundles>: " + e.getMessage());
            }
        }
        List<Path> jars = new ArrayList<>();
        if (mojo.project != null && mojo.project.getArtifacts() != null) {
            for (Artifact artifact : mojo.project.getArtifacts()) {
                if (artifact.getFile() != null && (Artifact.SCOPE_COMPILE.equals(artifact.getScope())
                        || Artifact.SCOPE_RUNTIME.equals(artifact.getScope())
                        || Artifact.SCOPE_PROVIDED.equals(artifact.getScope()))) {
                    jars.add(artifact.getFile().toPath().toAbsolutePath());
                }
            }
        }
        jars.sort(null);
        String pluginVersion = mojo.pluginVersion;
        return new BuildConfig(
                abs(mojo.sourceDirectory), abs(mojo.outputDirectory), abs(mojo.workDirectory),
                files(mojo.includePaths), mojo.nodeModulesDirectory == null ? null : abs(mojo.nodeModulesDirectory),
                jars, level, mojo.jsLanguageOut.trim(), files(mojo.externs), scriptBundles,
                mojo.verbatimScripts == null ? List.of()
                        : mojo.verbatimScripts.stream().map(String::trim).filter(v -> !v.isEmpty()).toList(),
                mojo.closureFork, encodingList,
                mapEffort, mojo.sourceMaps, mojo.failOnMissingReference, mojo.failOnWarning,
                "assetpipe " + (pluginVersion == null || pluginVersion.isBlank() || pluginVersion.startsWith("${")
                        ? "dev" : pluginVersion),
                timestamp.instant(), sass);
    }

    /** The compiler {@code <sassCompiler>} names; Dart Sass's binaries are resolved only when it is asked for. */
    private static StylesheetCompiler stylesheetCompiler(BuildMojo mojo, SassImplementation sass)
            throws MojoExecutionException {
        if (sass == SassImplementation.JSASS) {
            return new JsassStylesheetCompiler();
        }
        String binaries = DartSassStylesheetCompiler.BINARIES_ARTIFACT;
        Path jar;
        try {
            jar = mojo.repositorySystem.resolveArtifact(mojo.session.getRepositorySession(), new ArtifactRequest(
                    new DefaultArtifact(binaries), mojo.project.getRemotePluginRepositories(), null))
                    .getArtifact().getFile().toPath();
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

    /** {@code project.build.outputTimestamp}, for both goals; a bad value is a configuration error naming it. */
    static OutputTimestamp outputTimestamp(String value) throws MojoExecutionException {
        try {
            return OutputTimestamp.parse(value);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage());
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

    private static Path abs(File file) {
        return file.toPath().toAbsolutePath().normalize();
    }

    private static List<Path> files(List<File> files) {
        return files == null ? List.of() : files.stream().map(BuildGoal::abs).toList();
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
