package io.assetpipe.plugin;

import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.manifest.ManifestCodec;
import io.assetpipe.plugin.carryforward.CarryForwardException;
import io.assetpipe.plugin.carryforward.PreviousReleases;
import io.assetpipe.plugin.carryforward.ReleaseBundle;
import io.assetpipe.plugin.compile.Diagnostic;
import io.assetpipe.plugin.compress.Effort;
import io.assetpipe.plugin.js.ClosureScriptCompiler;
import io.assetpipe.plugin.js.JsCompilationLevel;
import io.assetpipe.plugin.js.ScriptBundle;
import io.assetpipe.plugin.pipeline.AssetPipeline;
import io.assetpipe.plugin.pipeline.BuildConfig;
import io.assetpipe.plugin.pipeline.BuildLog;
import io.assetpipe.plugin.pipeline.BuildResult;
import io.assetpipe.plugin.report.BudgetCheck;
import io.assetpipe.plugin.report.BuildReport;
import io.assetpipe.plugin.report.BuildReports;
import io.assetpipe.plugin.report.Measure;
import io.assetpipe.plugin.report.PreviousRelease;
import io.assetpipe.plugin.report.SizeBudget;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.eclipse.aether.resolution.VersionRangeResolutionException;

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
     * Size limits checked after every build, each on the assets a glob over logical paths matches:
     * {@code <budget><assets>js/**</assets><maxGzipBytes>60000</maxGzipBytes></budget>}, with any of
     * {@code maxRawBytes}, {@code maxGzipBytes}, {@code maxBrotliBytes}, {@code maxZstdBytes} and
     * {@code maxGrowthPercent} (growth since the previous release). A breach fails the build naming
     * the asset, the limit, its size and its three largest contributors.
     *
     * @since 0.1.0
     */
    @Parameter
    List<Budget> budgets;

    /**
     * Report budget breaches as warnings instead of failing the build.
     *
     * @since 0.1.0
     */
    @Parameter(property = "assetpipe.budgets.warnOnly", defaultValue = "false")
    boolean budgetsWarnOnly;

    /**
     * Classifier of the assets jar that {@code asset:package} attaches; the build report compares
     * with the previous release's jar of this classifier.
     *
     * @since 0.1.0
     */
    @Parameter(property = "assetpipe.classifier", defaultValue = "assets")
    String classifier;

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

    private final RepositorySystem repositorySystem;

    @Inject
    public BuildMojo(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("asset:build skipped (assetpipe.skip)");
            return;
        }
        BuildConfig config = config();
        BuildReports reports = new BuildReports(project == null ? "the project"
                : project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion(),
                config.workDirectory(), sizeBudgets());
        BuildResult result;
        try {
            result = new AssetPipeline(config, new MavenBuildLog(getLog())).run();
        } catch (IOException e) {
            throw new MojoExecutionException("asset:build could not read or write files: " + e.getMessage(), e);
        }
        switch (result) {
            case BuildResult.Built built -> report(reports, result);
            case BuildResult.UpToDate upToDate -> report(reports, result);
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

    /**
     * Writes the build report of a new bundle (and prints its table), or of an up-to-date one, read
     * back from the bundle and the last metafile; then applies the budgets.
     */
    private void report(BuildReports reports, BuildResult result) throws MojoExecutionException, MojoFailureException {
        BuildReport report;
        try {
            long start = System.nanoTime();
            PreviousRelease previous = previousRelease();
            long lookedUp = System.nanoTime();
            report = result instanceof BuildResult.Built built
                    ? reports.write(built.manifest(), built.metafile(), previous, getLog()::info)
                    : reports.write(bundleManifest(), reports.lastMetafile(getLog()::warn), previous, line -> { });
            getLog().debug("build report: previous release looked up in " + (lookedUp - start) / 1_000_000
                    + " ms, report written in " + (System.nanoTime() - lookedUp) / 1_000_000 + " ms");
        } catch (IOException e) {
            throw new MojoExecutionException("asset:build could not write its report to " + reports.directory()
                    + ": " + e.getMessage(), e);
        }
        List<BudgetCheck.Verdict> failures = report.budgets().failures();
        if (failures.isEmpty()) {
            return;
        }
        if (budgetsWarnOnly) {
            failures.forEach(f -> getLog().warn("Size budget exceeded (assetpipe.budgets.warnOnly): " + f.message()));
            return;
        }
        failures.forEach(f -> getLog().error(f.message()));
        StringBuilder message = new StringBuilder("asset:build: ").append(failures.size())
                .append(failures.size() == 1 ? " size budget exceeded:" : " size budgets exceeded:");
        failures.forEach(f -> message.append("\n  ").append(f.message()));
        throw new MojoFailureException(message.append("\nSee ").append(reports.page())
                .append("; -Dassetpipe.budgets.warnOnly=true reports this as a warning instead").toString());
    }

    private AssetManifest bundleManifest() throws IOException {
        Path manifest = abs(outputDirectory).resolve(ManifestCodec.FILE_NAME);
        return ManifestCodec.read(Files.readAllBytes(manifest), manifest.toString());
    }

    /**
     * The release before this version, found as {@code asset:package}'s carry-forward finds it (its
     * assets jar in the build's repositories), or why there is none to compare with.
     */
    private PreviousRelease previousRelease() {
        if (project == null || session == null || repositorySystem == null) {
            return new PreviousRelease.Unavailable("not built in a Maven project");
        }
        String name = project.getGroupId() + ":" + project.getArtifactId();
        PreviousReleases.Lookup lookup;
        try {
            lookup = new PreviousReleases(repositorySystem, session.getRepositorySession(),
                    project.getRemoteProjectRepositories())
                    .find(project.getGroupId(), project.getArtifactId(), classifier, project.getVersion(), 1);
        } catch (VersionRangeResolutionException e) {
            return new PreviousRelease.Unavailable("the repositories could not list the releases of " + name + ": "
                    + e.getMessage());
        }
        if (!lookup.resolved().isEmpty()) {
            PreviousReleases.Resolved release = lookup.resolved().get(0);
            try {
                return new PreviousRelease.Found(release.coordinates(),
                        ReleaseBundle.open(release.coordinates(), release.jar()).manifest());
            } catch (IOException | CarryForwardException e) {
                return new PreviousRelease.Unavailable(release.coordinates() + " cannot be read: " + e.getMessage());
            }
        }
        if (!lookup.unresolved().isEmpty()) {
            PreviousReleases.Unresolved missing = lookup.unresolved().get(0);
            return new PreviousRelease.Unavailable(missing.coordinates() + " could not be resolved: " + missing.reason());
        }
        return new PreviousRelease.Unavailable("no release of " + name + " below " + project.getVersion()
                + " with an assets jar (classifier " + classifier + ") in the build's repositories");
    }

    /** The budgets of the POM, checked; a bad one names its element. */
    List<SizeBudget> sizeBudgets() throws MojoExecutionException {
        List<SizeBudget> out = new ArrayList<>();
        for (Budget budget : budgets == null ? List.<Budget>of() : budgets) {
            Map<Measure, Long> limits = new EnumMap<>(Measure.class);
            putIfSet(limits, Measure.RAW, budget.getMaxRawBytes());
            putIfSet(limits, Measure.GZIP, budget.getMaxGzipBytes());
            putIfSet(limits, Measure.BROTLI, budget.getMaxBrotliBytes());
            putIfSet(limits, Measure.ZSTD, budget.getMaxZstdBytes());
            try {
                out.add(new SizeBudget(budget.getAssets(), limits, budget.getMaxGrowthPercent()));
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException("<budgets>: " + e.getMessage());
            }
        }
        return out;
    }

    private static void putIfSet(Map<Measure, Long> limits, Measure measure, Long max) {
        if (max != null) {
            limits.put(measure, max);
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
                buildTime(outputTimestamp));
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
