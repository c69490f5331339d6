package io.assetpipe.plugin;

import java.io.File;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;

/**
 * Compiles, fingerprints and precompresses {@code src/main/assets} into
 * {@code target/classes/META-INF/assets} with a {@code manifest.json}, so the project's jar carries
 * the bundle. Incremental: when nothing changed since the last build it does nothing.
 *
 * @since 0.1.0
 */
// Only the parameters live here, compiled for Java 8 so that any JDK can load them (see
// RequiredJava); the work is BuildGoal's.
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

    @Inject
    RepositorySystem repositorySystem;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("asset:build skipped (assetpipe.skip)");
            return;
        }
        RequiredJava.check("asset:build");
        BuildGoal.execute(this);
    }
}
