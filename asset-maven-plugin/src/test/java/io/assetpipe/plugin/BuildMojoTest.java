package io.assetpipe.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.plugin.js.JsCompilationLevel;
import io.assetpipe.plugin.js.ScriptBundle;
import io.assetpipe.plugin.pipeline.BuildConfig;
import io.assetpipe.plugin.scss.SassImplementation;
import io.assetpipe.plugin.report.Measure;
import io.assetpipe.plugin.report.SizeBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

/** Parameter wiring: POM configuration and defaults, through Maven's own injection, into BuildConfig. */
@MojoTest
class BuildMojoTest {

    @Test
    @Basedir("/unit/wiring")
    @InjectMojo(goal = "build", pom = "pom.xml")
    void pomConfigurationReachesTheBuildConfig(BuildMojo mojo) throws Exception {
        BuildConfig config = config(mojo);
        Path basedir = Path.of(mojo.project.getBasedir().getAbsolutePath());
        assertEquals(basedir.resolve("web"), config.sourceDirectory());
        assertEquals(JsCompilationLevel.ADVANCED, config.jsCompilationLevel());
        assertEquals("ECMASCRIPT_2015", config.jsLanguageOut());
        assertEquals(List.of(basedir.resolve("externs/maps.js")), config.externs());
        assertEquals(List.of(basedir.resolve("scss-lib")), config.includePaths());
        assertEquals(List.of(ContentEncoding.GZIP, ContentEncoding.BR), config.encodings());
        assertFalse(config.sourceMaps());
        assertFalse(config.failOnMissingReference());
        assertTrue(config.failOnWarning());
        assertEquals(List.of(new ScriptBundle("js/legacy.js", List.of("js/legacy/first.js", "js/legacy/*.js"))),
                config.bundles());
        assertEquals(List.of("js/vendor/turbo.js", "js/vendor/*.min.js"), config.verbatimScripts());
        assertEquals(SassImplementation.DART, config.sassCompiler());
        assertEquals(List.of(
                        new SizeBudget("js/**", Map.of(Measure.GZIP, 60_000L), null),
                        new SizeBudget("css/app.css", Map.of(Measure.BROTLI, 25_000L), 5.0),
                        new SizeBudget("img/**", Map.of(Measure.RAW, 100_000L, Measure.ZSTD, 90_000L), 2.5)),
                BuildReportStep.sizeBudgets(mojo), "the issue's POM form, element for element");
        assertTrue(mojo.budgetsWarnOnly);
    }

    @Test
    @Basedir("/unit/bad-budget")
    @InjectMojo(goal = "build", pom = "pom.xml")
    void aBudgetWithoutALimitNamesThePomElement(BuildMojo mojo) {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> BuildReportStep.sizeBudgets(mojo));
        assertEquals("<budgets>: <budget> for js/** sets no limit: give it maxRawBytes, maxGzipBytes, maxBrotliBytes,"
                + " maxZstdBytes or maxGrowthPercent", e.getMessage());
    }

    @Test
    @InjectMojo(goal = "build")
    void defaults(BuildMojo mojo) throws Exception {
        BuildConfig config = config(mojo);
        Path basedir = Path.of(mojo.project.getBasedir().getAbsolutePath());
        assertEquals(basedir.resolve("src/main/assets"), config.sourceDirectory());
        assertEquals(basedir.resolve("target/classes/META-INF/assets"), config.outputDirectory());
        assertEquals(basedir.resolve("target/assetpipe"), config.workDirectory());
        assertEquals(basedir.resolve("node_modules"), config.nodeModulesDirectory());
        assertEquals(JsCompilationLevel.SIMPLE, config.jsCompilationLevel());
        assertEquals("ECMASCRIPT_2021", config.jsLanguageOut());
        assertEquals(List.of(ContentEncoding.BR, ContentEncoding.GZIP, ContentEncoding.ZSTD), config.encodings());
        assertTrue(config.sourceMaps());
        assertTrue(config.failOnMissingReference());
        assertFalse(config.failOnWarning());
        assertTrue(config.bundles().isEmpty());
        assertTrue(config.verbatimScripts().isEmpty());
        assertEquals(SassImplementation.JSASS, config.sassCompiler());
        assertTrue(BuildReportStep.sizeBudgets(mojo).isEmpty());
        assertFalse(mojo.budgetsWarnOnly);
        assertEquals("assets", mojo.classifier);
        assertFalse(mojo.skip);
    }

    @Test
    @InjectMojo(goal = "build")
    @MojoParameter(name = "jsCompilationLevel", value = "FAST")
    void badLevelNamesThePomElement(BuildMojo mojo) {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> config(mojo));
        assertEquals("<jsCompilationLevel> \"FAST\" must be SIMPLE, WHITESPACE or ADVANCED", e.getMessage());
    }

    @Test
    @InjectMojo(goal = "build")
    @MojoParameter(name = "encodings", value = "br,deflate")
    void badEncodingNamesThePomElement(BuildMojo mojo) {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> config(mojo));
        assertEquals("<encodings> \"deflate\" is not one of br, gzip, zstd", e.getMessage());
    }

    @Test
    @InjectMojo(goal = "build")
    @MojoParameter(name = "sassCompiler", value = "libsass")
    void badSassCompilerNamesThePomElement(BuildMojo mojo) {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> config(mojo));
        assertEquals("<sassCompiler> \"libsass\" must be jsass or dart", e.getMessage());
    }

    @Test
    @InjectMojo(goal = "build")
    @MojoParameter(name = "skip", value = "true")
    @MojoParameter(name = "sourceDirectory", value = "does-not-matter")
    void skipDoesNothing(BuildMojo mojo) throws Exception {
        mojo.execute();
        assertFalse(Files.exists(mojo.outputDirectory.toPath()));
    }

    private static BuildConfig config(BuildMojo mojo) throws MojoExecutionException {
        return BuildGoal.config(mojo, BuildGoal.outputTimestamp(mojo.outputTimestamp));
    }

    @Test
    @InjectMojo(goal = "build")
    void withoutOutputTimestampTheBuildTimeIsFixed(BuildMojo mojo) throws Exception {
        mojo.outputTimestamp = null;
        assumeTrue(System.getenv("SOURCE_DATE_EPOCH") == null, "SOURCE_DATE_EPOCH is set, so it is used");
        assertEquals(Instant.parse("1980-02-01T00:00:00Z"), config(mojo).buildTime());
        mojo.outputTimestamp = "yesterday";
        assertTrue(assertThrows(MojoExecutionException.class, () -> config(mojo)).getMessage()
                .startsWith("project.build.outputTimestamp \"yesterday\" is neither"));
    }
}
