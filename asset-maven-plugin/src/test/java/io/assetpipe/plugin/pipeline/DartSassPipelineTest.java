package io.assetpipe.plugin.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.plugin.compile.Diagnostic;
import io.assetpipe.plugin.scss.DartSassStylesheetCompiler;
import io.assetpipe.plugin.scss.SassImplementation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline with {@code sassCompiler=dart}: what the jsass path does ({@link AssetPipelineTest}),
 * on stylesheets written for Dart Sass ({@code @use}, modules' members, {@code math.div}).
 */
class DartSassPipelineTest {
    @TempDir
    Path project;

    private Path src() {
        return project.resolve("src");
    }

    private BuildConfig config() {
        return BuildConfig.defaults(src(), project.resolve("out"), project.resolve("work"))
                .withSassCompiler(SassImplementation.DART);
    }

    private Path file(String path, String text) throws IOException {
        Path f = src().resolve(path);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, text);
    }

    private BuildResult.Built built(BuildConfig config, BuildLog log) throws IOException {
        BuildResult result = new AssetPipeline(config, log).run();
        return assertInstanceOf(BuildResult.Built.class, result, result::toString);
    }

    private List<String> errors(BuildConfig config) throws IOException {
        return assertInstanceOf(BuildResult.Failed.class, new AssetPipeline(config, BuildLog.NONE).run())
                .errors().stream().map(Diagnostic::toString).toList();
    }

    private String text(AssetManifest manifest, String logical) throws IOException {
        return Files.readString(config().outputDirectory().resolve(manifest.assets().get(logical).path()));
    }

    private void site() throws IOException {
        file("css/partials/_colors.scss", "$text: #123456;\n$pad: 4px;\n");
        file("css/app.scss", """
                @use "sass:math";
                @use "partials/colors";
                body { color: colors.$text; padding: math.div(colors.$pad, 2); background: url("../img/logo.png"); }
                @font-face { font-family: X; src: url('../fonts/x.woff2?v=1#iefix') format("woff2"); }
                .inline { background: url(data:image/png;base64,AAAA); }
                .set { background-image: image-set("../img/logo.png" 1x, url(../img/logo.png) 2x); }
                """);
        file("css/other.scss", ".o { color: red; }\n");
        file("img/logo.png", "\u0089PNG");
        file("fonts/x.woff2", "wOF2");
    }

    @Test
    void compilesRewritesAndMapsStylesheetsWrittenForDartSass() throws IOException {
        site();
        AssetManifest manifest = built(config(), BuildLog.NONE).manifest();
        String css = text(manifest, "css/app.css");
        String logo = manifest.assets().get("img/logo.png").path();
        String font = manifest.assets().get("fonts/x.woff2").path();
        assertTrue(css.contains("color:#123456;padding:2px"), css);
        assertTrue(css.contains("url(\"../" + logo + "\")"), css);
        assertTrue(css.contains("url(\"../" + font + "?v=1#iefix\")"), css);
        assertTrue(css.contains("image-set(\"../" + logo + "\" 1x, url(../" + logo + ") 2x)"), css);
        assertTrue(css.contains("url(data:image/png;base64,AAAA)"), css);
        assertFalse(css.startsWith("\uFEFF") || css.startsWith("@charset"), "no BOM or @charset: served as UTF-8");
        String map = manifest.assets().get("css/app.css.map").path();
        assertTrue(css.endsWith("/*# sourceMappingURL=" + map.substring(4) + " */\n"), css);
        List<String> sources = new ArrayList<>();
        new ObjectMapper().readTree(config().outputDirectory().resolve(map).toFile()).path("sources").forEach(s -> sources.add(s.asText()));
        // Named as the bundle names them; the values come from the partial's variables.
        assertEquals(List.of("css/app.scss", "css/partials/_colors.scss"), sources);
    }

    @Test
    void aChangedModuleRecompilesOnlyTheStylesheetsThatLoadedIt() throws IOException {
        site();
        built(config(), BuildLog.NONE);
        assertInstanceOf(BuildResult.UpToDate.class, new AssetPipeline(config(), BuildLog.NONE).run());

        file("css/partials/_colors.scss", "$text: #654321;\n$pad: 4px;\n");
        AssetPipelineTest.Lines log = new AssetPipelineTest.Lines();
        BuildResult.Built built = built(config(), log);
        assertEquals(1, built.summary().compiled(), log.debug.toString());
        assertEquals(1, built.summary().reused(), "css/other.css loads no partial");
        assertTrue(log.debug.contains("css/app.css: compiled from 2 file(s)"), log.debug.toString());
        assertTrue(text(built.manifest(), "css/app.css").contains("#654321"));
    }

    @Test
    void switchingTheCompilerRebuildsEverything() throws IOException {
        file("css/a.scss", ".a { color: red; }\n");
        file("css/b.scss", ".b { color: blue; }\n");
        built(config(), BuildLog.NONE);
        BuildResult.Built jsass = built(config().withSassCompiler(SassImplementation.JSASS), BuildLog.NONE);
        assertEquals(2, jsass.summary().compiled(), "nothing reused from the other compiler");
    }

    @Test
    void everyErrorIsReportedWithPathLineAndColumn() throws IOException {
        Path a = file("css/a.scss", "body {\n  color: red\n  .x { }\n");
        Path b = file("css/b.scss", "@use \"nope\";\n");
        // Two stylesheets using one broken module: its error once, not once per stylesheet.
        Path broken = file("css/partials/_broken.scss", ".p {\n  @include nope;\n}\n");
        file("css/c.scss", "@use \"partials/broken\";\n");
        file("css/d.scss", "@use \"partials/broken\";\n");
        List<String> errors = errors(config());
        assertEquals(List.of(a + ":3:4: Expected digit.", b + ":1:1: Can't find stylesheet to import.",
                broken + ":2:3: Undefined mixin."), errors);
        assertFalse(Files.exists(config().outputDirectory()), "a failed build writes nothing");
    }

    @Test
    void missingReferencesPointAtTheScssLineThatWritesThem() throws IOException {
        Path icons = file("css/_icons.scss", "$img: \"../img\";\n.icon {\n  background: url(\"../img/nope.svg\");\n}\n"
                + "@mixin icon($name) { background: url(\"#{$img}/#{$name}.svg\"); }\n");
        file("css/app.scss", "@use \"icons\";\nbody { margin: 0; }\n.c { @include icons.icon(nothere); }\n");
        List<String> errors = errors(config());
        assertEquals(List.of(icons + ":3:20: references \"../img/nope.svg\", which is not in " + src()
                        + " (looked for img/nope.svg)",
                // A path built from a mixin's argument: the declaration the source map says built it (as
                // under jsass); the argument's text alone is no proof of where the reference was written.
                icons + ":5:22: references \"../img/nothere.svg\", which is not in " + src()
                        + " (looked for img/nothere.svg) (a path Sass builds)"),
                errors);
    }

    @Test
    void deprecationsAreSummedUpPerKindAndFileAndCanFailTheBuild() throws IOException {
        file("css/_a.scss", ".a { color: red; }\n");
        file("css/_b.scss", ".b { color: blue; }\n");
        file("css/_c.scss", ".c { color: green; }\n  @warn \"project warning: #{1 + 2} columns\";\n");
        Path site = file("css/site.scss", "@import \"a\";\n@import \"b\";\n@import \"c\";\n");
        AssetPipelineTest.Lines log = new AssetPipelineTest.Lines();
        built(config(), log);
        assertEquals(List.of(site + ":1:9: deprecation import: Sass @import rules are deprecated and will be removed in"
                        + " Dart Sass 3.0.0. More info and automated migrator: https://sass-lang.com/d/import (3 times in"
                        + " this file, also at 2:9, 3:9)",
                src().resolve("css/_c.scss") + ":2:3: @warn project warning: 3 columns"), log.warn);

        List<String> failed = errors(config().withFailOnWarning(true));
        assertEquals(2, failed.size(), failed.toString());
        assertTrue(failed.get(0).startsWith(site + ":1:9: warning (failOnWarning): deprecation import: "), failed.get(0));
    }

    @Test
    void aCompilerPassedInIsKeptWarmAcrossRunsAndOneMadeForARunEndsWithIt() throws Exception {
        site();
        try (DartSassStylesheetCompiler sass = DartSassStylesheetCompiler.onClassPath()) {
            AssetPipeline watcher = new AssetPipeline(config(), BuildLog.NONE, sass);
            assertInstanceOf(BuildResult.Built.class, watcher.run());
            ProcessHandle process = sass.process().orElseThrow(() -> new AssertionError("ended with the run"));
            file("css/other.scss", ".o { color: blue; }\n");
            BuildResult.Built second = assertInstanceOf(BuildResult.Built.class, watcher.run());
            assertEquals(1, second.summary().compiled());
            assertEquals(process.pid(), sass.process().orElseThrow().pid(), "the same process compiled the change");
        }

        file("css/other.scss", ".o { color: green; }\n");
        built(config(), BuildLog.NONE);
        List<ProcessHandle> left = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("sass.snapshot")).toList();
        for (ProcessHandle p : left) {
            p.onExit().get(10, TimeUnit.SECONDS); // ended, perhaps still exiting
        }
        assertTrue(left.stream().noneMatch(ProcessHandle::isAlive), "Dart Sass left running: " + left);
    }
}
