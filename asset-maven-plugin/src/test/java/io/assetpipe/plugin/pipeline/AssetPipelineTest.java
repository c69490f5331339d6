package io.assetpipe.plugin.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.manifest.ManifestCodec;
import io.assetpipe.plugin.compile.Diagnostic;
import io.assetpipe.plugin.fingerprint.Fingerprint;
import io.assetpipe.plugin.js.ScriptBundle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on real files in a temporary project, without Maven. */
class AssetPipelineTest {
    @TempDir
    Path project;

    private Path src() {
        return project.resolve("src/main/assets");
    }

    private Path out() {
        return project.resolve("target/classes/META-INF/assets");
    }

    private BuildConfig config() {
        return BuildConfig.defaults(src(), out(), project.resolve("target/assetpipe"));
    }

    /** {@link #config()} with {@code dir} as a Sass include path, where a library's files sit. */
    private BuildConfig configWithIncludePath(Path dir) {
        BuildConfig c = config();
        return new BuildConfig(c.sourceDirectory(), c.outputDirectory(), c.workDirectory(), List.of(dir), null,
                List.of(), c.jsCompilationLevel(), c.jsLanguageOut(), List.of(), List.of(), List.of(), c.closureFork(),
                c.encodings(), c.sourceMapCompression(), c.sourceMaps(), true, false, c.generator(), c.buildTime(), c.sassCompiler());
    }

    /** {@link #config()} without source maps. */
    private BuildConfig noMaps() {
        BuildConfig c = config();
        return new BuildConfig(c.sourceDirectory(), c.outputDirectory(), c.workDirectory(),
                c.includePaths(), c.nodeModulesDirectory(), c.dependencyJars(), c.jsCompilationLevel(),
                c.jsLanguageOut(), c.externs(), c.bundles(), c.verbatimScripts(), c.closureFork(), c.encodings(),
                c.sourceMapCompression(),
                false, c.failOnMissingReference(), c.failOnWarning(), c.generator(), c.buildTime(), c.sassCompiler());
    }

    private void file(String path, String text) throws IOException {
        file(path, text.getBytes(StandardCharsets.UTF_8));
    }

    private void file(String path, byte[] bytes) throws IOException {
        Path f = src().resolve(path);
        Files.createDirectories(f.getParent());
        Files.write(f, bytes);
    }

    static final class Lines implements BuildLog {
        final List<String> info = new ArrayList<>();
        final List<String> warn = new ArrayList<>();
        final List<String> debug = new ArrayList<>();

        @Override
        public void debug(String m) {
            debug.add(m);
        }

        @Override
        public void info(String m) {
            info.add(m);
        }

        @Override
        public void warn(String m) {
            warn.add(m);
        }
    }

    private void site() throws IOException {
        file("css/partials/_colors.scss", "$text: #123456;\n$pad: 4px;\n");
        file("css/app.scss", """
                @import "partials/colors";
                body { color: $text; padding: $pad * 2; background: url("../img/logo.png"); }
                @font-face { font-family: X; src: url('../fonts/x.woff2?v=1#iefix') format("woff2"); }
                .inline { background: url(data:image/png;base64,AAAA); }
                .remote { background: url(https://cdn.example/x.png); }
                .set { background-image: image-set("../img/logo.png" 1x, url(../img/logo.png) 2x); }
                """);
        file("img/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        file("fonts/x.woff2", new byte[] {'w', 'O', 'F', '2', 9, 9, 9});
        file("js/util.js", "export function shout(s) { return s.toUpperCase() + '!'; }\nexport function unused() { return 42; }\n");
        file("js/app.js", "import { shout } from './util.js';\nconsole.log(shout('hello ' + document.title));\n");
        file("robots.txt", "User-agent: *\nDisallow: /private/\n".repeat(40));
    }

    @Test
    void buildsCompilesRewritesFingerprintsAndCompresses() throws IOException {
        site();
        Lines log = new Lines();
        BuildResult result = new AssetPipeline(config(), log).run();
        BuildResult.Built built = assertInstanceOf(BuildResult.Built.class, result, () -> result.toString());
        AssetManifest manifest = ManifestCodec.read(Files.readAllBytes(out().resolve("manifest.json")), "manifest");
        assertEquals(built.manifest(), manifest);
        assertEquals(List.of("css/app.css", "css/app.css.map", "fonts/x.woff2", "img/logo.png", "js/app.js",
                "js/app.js.map", "robots.txt"), List.copyOf(manifest.assets().keySet()));

        AssetEntry css = manifest.assets().get("css/app.css");
        String cssText = Files.readString(out().resolve(css.path()));
        String logo = manifest.assets().get("img/logo.png").path();
        String font = manifest.assets().get("fonts/x.woff2").path();
        assertTrue(logo.matches("img/logo-[0-9a-f]{12}\\.png"), logo);
        assertTrue(cssText.contains("color:#123456"), cssText);
        assertTrue(cssText.contains("url(\"../" + logo + "\")"), cssText);
        assertTrue(cssText.contains("url(\"../" + font + "?v=1#iefix\")"), cssText);
        assertTrue(cssText.contains("image-set(\"../" + logo + "\" 1x, url(../" + logo + ") 2x)"), cssText);
        assertTrue(cssText.contains("url(data:image/png;base64,AAAA)"), cssText);
        assertTrue(cssText.contains("url(https://cdn.example/x.png)"), cssText);
        String cssMap = manifest.assets().get("css/app.css.map").path();
        assertTrue(cssText.endsWith("/*# sourceMappingURL=" + cssMap.substring(4) + " */\n"), cssText);
        assertEquals("css/app.css.map", css.sourceMap());
        String map = Files.readString(out().resolve(cssMap));
        assertTrue(map.contains("sourcesContent") && map.contains("$text: #123456"), map);
        // Named from the source directory, as the JavaScript maps name theirs, not relative to the map.
        List<String> sources = new java.util.ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(map).path("sources")
                .forEach(source -> sources.add(source.isNull() ? null : source.asText()));
        assertTrue(sources.containsAll(List.of("css/app.scss", "css/partials/_colors.scss")), sources.toString());

        // The name is the hash of the final bytes; the SRI value is the SHA-384 of the same bytes.
        byte[] cssBytes = Files.readAllBytes(out().resolve(css.path()));
        assertEquals(Fingerprint.sha256Hex(cssBytes), css.sha256());
        assertTrue(css.path().contains(css.sha256().substring(0, 12)));
        assertEquals(Fingerprint.integrity(cssBytes), css.integrity());

        AssetEntry js = manifest.assets().get("js/app.js");
        String jsText = Files.readString(out().resolve(js.path()));
        assertTrue(jsText.contains("HELLO") || jsText.contains("toUpperCase"), jsText);
        assertFalse(jsText.contains("import"), jsText);
        assertTrue(jsText.contains("toUpperCase()+\"!\""), "the imported module is bundled: " + jsText);
        assertFalse(manifest.assets().containsKey("js/util.js"), "an imported module is not an entry point");
        String jsMap = Files.readString(out().resolve(manifest.assets().get("js/app.js.map").path()));
        assertTrue(jsMap.contains("js/util.js") && jsMap.contains("toUpperCase() + '!'"), jsMap);

        // Text is precompressed, binary types are not; gzip decodes back to the identity bytes.
        AssetEntry robots = manifest.assets().get("robots.txt");
        assertEquals(List.of(ContentEncoding.BR, ContentEncoding.GZIP, ContentEncoding.ZSTD),
                List.copyOf(robots.encodings().keySet()));
        byte[] gz = Files.readAllBytes(out().resolve(robots.encodings().get(ContentEncoding.GZIP).path()));
        assertArrayEquals(Files.readAllBytes(src().resolve("robots.txt")),
                new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes());
        assertTrue(manifest.assets().get("img/logo.png").encodings().isEmpty());
        assertTrue(manifest.assets().get("fonts/x.woff2").encodings().isEmpty());

        assertEquals(1, log.info.size(), log.info.toString());
        assertTrue(log.info.get(0).startsWith("7 assets (2 compiled, 0 reused)"), log.info.get(0));
    }

    @Test
    void sameInputsGiveByteIdenticalBundles() throws IOException {
        site();
        new AssetPipeline(config(), BuildLog.NONE).run();
        List<String> first = snapshot();
        // A clean second build (no index, no caches) must give the same bytes.
        BundleWriter.deleteRecursively(project.resolve("target"));
        new AssetPipeline(config(), BuildLog.NONE).run();
        assertEquals(first, snapshot());
    }

    @Test
    void scriptsCompiledInClosuresProcessAndInThisJvmGiveTheSameBundle() throws IOException {
        site();
        file("js/broken.js", "var ok = 1;\nfunction (\n");
        Path broken = src().resolve("js/broken.js");
        for (boolean fork : new boolean[] {true, false}) {
            BuildResult.Failed failed = assertInstanceOf(BuildResult.Failed.class,
                    new AssetPipeline(config().withClosureFork(fork), BuildLog.NONE).run());
            assertEquals(1, failed.errors().size(), failed.errors().toString());
            assertTrue(failed.errors().get(0).toString().startsWith(broken + ":2:"), failed.errors().toString());
        }
        Files.delete(broken);
        Lines forked = new Lines();
        new AssetPipeline(config().withClosureFork(true), forked).run();
        assertTrue(forked.debug.stream().anyMatch(l -> l.startsWith("1 script(s) compiled in Closure's process")),
                forked.debug.toString());
        List<String> fromTheChild = snapshot();
        BundleWriter.deleteRecursively(project.resolve("target"));
        Lines inProcess = new Lines();
        new AssetPipeline(config().withClosureFork(false), inProcess).run();
        assertTrue(inProcess.debug.stream().noneMatch(l -> l.contains("Closure's process")), inProcess.debug.toString());
        assertEquals(fromTheChild, snapshot());
    }

    private List<String> snapshot() throws IOException {
        return snapshot(out());
    }

    /** The lines only one of two snapshots has. */
    private static List<String> changes(List<String> before, List<String> after) {
        List<String> changed = new ArrayList<>(before.stream().filter(line -> !after.contains(line)).toList());
        after.stream().filter(line -> !before.contains(line)).forEach(changed::add);
        return changed;
    }

    /** Every file under {@code dir} with its SHA-256. */
    private static List<String> snapshot(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().map(p -> {
                try {
                    return dir.relativize(p) + " " + Fingerprint.sha256Hex(Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }).toList();
        }
    }

    @Test
    void nothingChangedMeansNoWorkAndOneChangeRebuildsOnlyItsDependents() throws IOException {
        site();
        file("css/other.scss", ".o { color: red; }\n");
        new AssetPipeline(config(), BuildLog.NONE).run();

        Lines second = new Lines();
        assertInstanceOf(BuildResult.UpToDate.class, new AssetPipeline(config(), second).run());
        assertEquals(1, second.info.size());
        assertTrue(second.info.get(0).startsWith("assets are up to date (8 sources checked in "), second.info.toString());

        file("css/partials/_colors.scss", "$text: #654321;\n$pad: 4px;\n");
        Lines third = new Lines();
        BuildResult.Built built = assertInstanceOf(BuildResult.Built.class, new AssetPipeline(config(), third).run());
        assertEquals(1, built.summary().compiled(), third.debug.toString());
        assertEquals(2, built.summary().reused());
        assertTrue(third.debug.contains("css/app.css: compiled from 2 file(s)"), third.debug.toString());
        assertTrue(Files.readString(out().resolve(built.manifest().assets().get("css/app.css").path()))
                .contains("#654321"));

        // An image change re-fingerprints the stylesheet that references it, without recompiling it.
        String cssBefore = built.manifest().assets().get("css/app.css").path();
        file("img/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 7, 7, 7});
        BuildResult.Built fourth = assertInstanceOf(BuildResult.Built.class, new AssetPipeline(config(), BuildLog.NONE).run());
        assertEquals(0, fourth.summary().compiled());
        assertFalse(cssBefore.equals(fourth.manifest().assets().get("css/app.css").path()));
    }

    @Test
    void aFailedBuildLeavesNothingALaterBuildReuses() throws IOException {
        site();
        assertInstanceOf(BuildResult.Built.class, new AssetPipeline(config(), BuildLog.NONE).run());
        List<String> lastGood = snapshot(project.resolve("target"));
        String colors = Files.readString(src().resolve("css/partials/_colors.scss"));
        String app = Files.readString(src().resolve("js/app.js"));
        String util = Files.readString(src().resolve("js/util.js"));

        // In one save: a new, valid colour (its stylesheet compiles) and a script that does not.
        file("css/partials/_colors.scss", "$text: #c0ffee;\n$pad: 4px;\n");
        file("js/app.js", app + "console.log(;\n");
        assertInstanceOf(BuildResult.Failed.class, new AssetPipeline(config(), BuildLog.NONE).run());
        assertEquals(List.of(), changes(lastGood, snapshot(project.resolve("target"))), "the failed build changed target/");
        // Or a reference to a file that is not there (the stylesheet compiles, then fails).
        file("css/partials/_colors.scss", colors + ".x { background: url(\"../img/missing.png\"); }\n");
        file("js/app.js", app);
        assertInstanceOf(BuildResult.Failed.class, new AssetPipeline(config(), BuildLog.NONE).run());
        assertEquals(List.of(), changes(lastGood, snapshot(project.resolve("target"))), "the failed build changed target/");

        file("css/partials/_colors.scss", colors);
        assertInstanceOf(BuildResult.UpToDate.class, new AssetPipeline(config(), BuildLog.NONE).run());
        // An unrelated edit: the stylesheet is reused, as the last successful build made it.
        file("js/util.js", util.replace("'!'", "'!!'"));
        BuildResult.Built built = assertInstanceOf(BuildResult.Built.class, new AssetPipeline(config(), BuildLog.NONE).run());
        assertEquals(1, built.summary().reused());
        String css = Files.readString(out().resolve(built.manifest().assets().get("css/app.css").path()));
        assertTrue(css.contains("#123456") && !css.contains("c0ffee") && !css.contains("missing"), css);
        List<String> incremental = snapshot(out());
        BundleWriter.deleteRecursively(project.resolve("target"));
        new AssetPipeline(config(), BuildLog.NONE).run();
        assertEquals(snapshot(out()), incremental, "an incremental build differs from a clean one");
    }

    @Test
    void corruptIndexMeansFullBuild() throws IOException {
        site();
        new AssetPipeline(config(), BuildLog.NONE).run();
        Files.writeString(project.resolve("target/assetpipe/build-index.json"), "{ not json");
        BuildResult.Built built = assertInstanceOf(BuildResult.Built.class, new AssetPipeline(config(), BuildLog.NONE).run());
        assertEquals(2, built.summary().compiled());
        assertEquals(0, built.summary().reused());
    }

    @Test
    void carriedForwardReleasesDoNotMakeTheBundleStale() throws IOException {
        site();
        BuildResult.Built first = (BuildResult.Built) new AssetPipeline(config(), BuildLog.NONE).run();
        // What asset:package does with keepReleases > 0: add an older release's file under "retired".
        AssetEntry logo = first.manifest().assets().get("img/logo.png");
        String oldPath = "img/logo-000000000000.png";
        Files.copy(out().resolve(logo.path()), out().resolve(oldPath));
        AssetEntry retired = AssetEntry.of(oldPath, logo.type(), logo.size(), logo.sha256(), logo.integrity());
        Files.write(out().resolve(ManifestCodec.FILE_NAME),
                ManifestCodec.write(first.manifest().withRetired(java.util.Map.of(oldPath, retired))));

        assertInstanceOf(BuildResult.UpToDate.class, new AssetPipeline(config(), BuildLog.NONE).run());

        // A hand-edited current entry still means a rebuild.
        Files.write(out().resolve(ManifestCodec.FILE_NAME), ManifestCodec.write(AssetManifest.of(
                first.manifest().generator(), first.manifest().buildTime(),
                java.util.Map.of("img/logo.png", logo), java.util.Map.of())));
        assertInstanceOf(BuildResult.Built.class, new AssetPipeline(config(), BuildLog.NONE).run());
    }

    @Test
    void deletedOutputMeansRebuildNotUpToDate() throws IOException {
        site();
        BuildResult.Built first = (BuildResult.Built) new AssetPipeline(config(), BuildLog.NONE).run();
        Files.delete(out().resolve(first.manifest().assets().get("img/logo.png").path()));
        assertInstanceOf(BuildResult.Built.class, new AssetPipeline(config(), BuildLog.NONE).run());
        assertTrue(Files.exists(out().resolve(first.manifest().assets().get("img/logo.png").path())));
    }

    @Test
    void everySyntaxErrorIsReportedWithPathLineAndColumn() throws IOException {
        file("css/a.scss", "body {\n  color: red\n  .x { }\n");
        file("css/b.scss", "@import \"nope\";\n");
        // Two stylesheets importing one broken partial: its error once, not once per importer.
        file("css/partials/_broken.scss", ".p { @include nope; }\n");
        file("css/c.scss", "@import \"partials/broken\";\n");
        file("css/d.scss", "@import \"partials/broken\";\n");
        file("js/bad.js", "var x = ;\n");
        file("js/bad2.js", "function f( {\n");
        BuildResult.Failed failed = assertInstanceOf(BuildResult.Failed.class,
                new AssetPipeline(config(), BuildLog.NONE).run());
        List<String> lines = failed.errors().stream().map(Diagnostic::toString).toList();
        assertEquals(5, lines.size(), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(src().resolve("css/partials/_broken.scss") + ":1:")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(src().resolve("css/a.scss") + ":")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(src().resolve("css/b.scss") + ":1:")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(src().resolve("js/bad.js") + ":1:")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(src().resolve("js/bad2.js") + ":2:")), lines.toString());
        assertFalse(Files.exists(out()), "a failed build writes nothing");
    }

    @Test
    void missingReferenceFailsNamingFileLineAndReference() throws IOException {
        file("css/site.css", "body {\n  background: url(../img/missing.png);\n}\n");
        BuildResult.Failed failed = assertInstanceOf(BuildResult.Failed.class,
                new AssetPipeline(config(), BuildLog.NONE).run());
        assertEquals(1, failed.errors().size());
        assertTrue(failed.errors().get(0).toString().startsWith(
                src().resolve("css/site.css") + ":2:19: references \"../img/missing.png\""), failed.errors().toString());

        Lines log = new Lines();
        assertInstanceOf(BuildResult.Built.class,
                new AssetPipeline(config().withFailOnMissingReference(false), log).run());
        assertEquals(1, log.warn.size(), log.warn.toString());
    }

    @Test
    void referenceCycleIsAnErrorNamingTheCycle() throws IOException {
        file("css/a.css", "@import \"b.css\";\n");
        file("css/b.css", "@import url(a.css);\n");
        BuildResult.Failed failed = assertInstanceOf(BuildResult.Failed.class,
                new AssetPipeline(config(), BuildLog.NONE).run());
        String message = failed.errors().get(0).message();
        assertTrue(message.equals("reference cycle: css/a.css -> css/b.css -> css/a.css")
                || message.equals("reference cycle: css/b.css -> css/a.css -> css/b.css"), message);
    }

    @Test
    void namedBundleConcatenatesPlainScriptsInOrder() throws IOException {
        file("js/legacy/b.js", "window.second = function () { return 'B'; };\n");
        file("js/legacy/a.js", "window.first = function () { return 'A'; };\n");
        file("js/legacy/z-last.js", "window.last = 1;\n");
        BuildConfig config = config().withBundles(List.of(
                new ScriptBundle("js/legacy.js", List.of("js/legacy/z-last.js", "js/legacy/*.js"))));
        BuildResult.Built built = assertInstanceOf(BuildResult.Built.class, new AssetPipeline(config, BuildLog.NONE).run());
        assertEquals(List.of("js/legacy.js", "js/legacy.js.map"), List.copyOf(built.manifest().assets().keySet()));
        String js = Files.readString(out().resolve(built.manifest().assets().get("js/legacy.js").path()));
        assertTrue(js.indexOf("last") < js.indexOf("first") && js.indexOf("first") < js.indexOf("second"), js);
    }

    @Test
    void nonUtf8SourceIsAClearError() throws IOException {
        file("css/latin1.css", new byte[] {'a', '{', 'c', 'o', 'n', 't', 'e', 'n', 't', ':', '"', (byte) 0xE9, '"', '}'});
        BuildResult.Failed failed = assertInstanceOf(BuildResult.Failed.class,
                new AssetPipeline(config(), BuildLog.NONE).run());
        assertEquals(src().resolve("css/latin1.css") + ": is not valid UTF-8 (assetpipe reads every text source as UTF-8)",
                failed.errors().get(0).toString());
    }

    @Test
    void sassWarnIsABuildWarningNamingTheFileAndCanFailTheBuild() throws IOException {
        file("css/partials/_checks.scss", "$n: 3;\n  @warn \"project warning: #{$n} columns here\";\n");
        file("css/site.scss", "@import \"partials/checks\";\n.w { color: red; }\n");
        Lines log = new Lines();
        assertInstanceOf(BuildResult.Built.class, new AssetPipeline(config(), log).run());
        assertEquals(List.of(src().resolve("css/partials/_checks.scss") + ":2:3: @warn project warning: 3 columns here"),
                log.warn);

        BundleWriter.deleteRecursively(project.resolve("target"));
        BuildResult.Failed failed = assertInstanceOf(BuildResult.Failed.class,
                new AssetPipeline(config().withFailOnWarning(true), BuildLog.NONE).run());
        assertTrue(failed.errors().get(0).message().startsWith("warning (failOnWarning): @warn project warning: 3"),
                failed.errors().toString());
    }

    @Test
    void closureWarningsAreReportedWithPathAndLineAndCanFailTheBuild() throws IOException {
        file("js/app.js", "var a = 1;\na;\nconsole.log(a);\n");
        Lines log = new Lines();
        assertInstanceOf(BuildResult.Built.class, new AssetPipeline(config(), log).run());
        assertEquals(1, log.warn.size(), log.warn.toString());
        assertTrue(log.warn.get(0).startsWith(src().resolve("js/app.js") + ":2:"), log.warn.get(0));

        // One warning all over a file (a library copied into the project) is summed up past three.
        file("js/lib.js", "var o = {a: 1};\n" + "o.a;\n".repeat(6) + "console.log(o);\n");
        Lines many = new Lines();
        assertInstanceOf(BuildResult.Built.class, new AssetPipeline(config(), many).run());
        List<String> lib = many.warn.stream().filter(w -> w.startsWith(src().resolve("js/lib.js").toString())).toList();
        assertEquals(4, lib.size(), lib.toString());
        assertTrue(lib.get(3).startsWith(src().resolve("js/lib.js") + ": 3 more of the same at 5:3, 6:3, 7:3: "), lib.get(3));

        BundleWriter.deleteRecursively(project.resolve("target"));
        BuildResult.Failed failed = assertInstanceOf(BuildResult.Failed.class,
                new AssetPipeline(config().withFailOnWarning(true), BuildLog.NONE).run());
        assertTrue(failed.errors().get(0).message().startsWith("warning (failOnWarning): "), failed.errors().toString());
    }

    @Test
    void referencesAreRewrittenRightAfterAByteOrderMark() throws IOException {
        // libsass writes a BOM before compressed CSS holding a non-ASCII character (Font Awesome 4.7's
        // icon codes); a plain stylesheet may start with one too.
        file("img/a.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
        file("fonts/f.woff2", new byte[] {1, 2, 3});
        file("css/icons.scss", ".x:before { content: \"\u00e9\"; }\n"
                + "@font-face { src: url(\"../fonts/f.woff2?v=4.7.0\") format(\"woff2\"); }\n.b { background: url(../img/a.svg); }\n");
        file("css/plain.css", "\uFEFF.a{background:url(\"../img/a.svg\")}.b{background:url(../img/a.svg)}\n");
        BuildResult.Built built = assertInstanceOf(BuildResult.Built.class, new AssetPipeline(config(), BuildLog.NONE).run());
        AssetManifest manifest = built.manifest();
        String svg = manifest.assets().get("img/a.svg").path().substring(4);
        String font = manifest.assets().get("fonts/f.woff2").path().substring(6);
        String icons = Files.readString(out().resolve(manifest.assets().get("css/icons.css").path()));
        assertTrue(icons.contains("url(\"../fonts/" + font + "?v=4.7.0\") format(\"woff2\")"), icons);
        assertTrue(icons.contains("url(../img/" + svg + ")"), icons);
        String plain = Files.readString(out().resolve(manifest.assets().get("css/plain.css").path()));
        assertEquals(".a{background:url(\"../img/" + svg + "\")}.b{background:url(../img/" + svg + ")}\n", plain);
    }

    @Test
    void aPlainStylesheetsOwnSourceMapAndUpperCaseCssAreRewrittenToo() throws IOException {
        // As milligram.min.css ships: its map beside it, named in a comment.
        file("css/lib.min.css", ".a{color:red}\n/*# sourceMappingURL=lib.min.css.map */\n");
        file("css/lib.min.css.map", "{\"version\":3,\"sources\":[\"lib.css\"],\"mappings\":\"AAAA\"}\n");
        // A library's CSS naming a map it does not ship is left as it is: not an error.
        file("css/nomap.css", ".b{color:blue}\n/*# sourceMappingURL=nomap.css.map */\n");
        file("img/a.png", new byte[] {1, 2, 3});
        file("css/LEGACY.CSS", ".c{background:url(../img/a.png)}\n");
        BuildResult.Built built = assertInstanceOf(BuildResult.Built.class, new AssetPipeline(config(), BuildLog.NONE).run());
        AssetManifest manifest = built.manifest();
        String map = manifest.assets().get("css/lib.min.css.map").path();
        assertTrue(map.matches("css/lib-[0-9a-f]{12}\\.min\\.css\\.map"), map);
        assertEquals(".a{color:red}\n/*# sourceMappingURL=" + map.substring(4) + " */\n",
                Files.readString(out().resolve(manifest.assets().get("css/lib.min.css").path())));
        assertEquals(".b{color:blue}\n/*# sourceMappingURL=nomap.css.map */\n",
                Files.readString(out().resolve(manifest.assets().get("css/nomap.css").path())));
        assertEquals(".c{background:url(../" + manifest.assets().get("img/a.png").path() + ")}\n",
                Files.readString(out().resolve(manifest.assets().get("css/LEGACY.CSS").path())));
    }

    @Test
    void aPlainStylesheetsOwnMapStillMatchesItAfterItsUrlsAreRewritten() throws IOException {
        // As tabler-flags.min.css ships: one line of rules naming ../img/flags/*.svg, its map beside it.
        file("img/flags/ad.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
        file("img/flags/ae.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"ae\"/>\n");
        file("css/flags.min.css", ".flag-ad{background-image:url(\"../img/flags/ad.svg\")}"
                + ".flag-ae{background-image:url(\"../img/flags/ae.svg\")}.flag-round{border-radius:50%}\n"
                + "/*# sourceMappingURL=flags.min.css.map */\n");
        // Segments at each rule start (0, 53, 106), mapping to lines 0, 3 and 6 of flags.scss.
        file("css/flags.min.css.map", "{\"version\":3,\"sources\":[\"flags.scss\"],\"names\":[],"
                + "\"mappings\":\"AAAA,qDAGA,qDAGA\"}\n");
        BuildResult.Built built = assertInstanceOf(BuildResult.Built.class, new AssetPipeline(config(), BuildLog.NONE).run());
        AssetManifest manifest = built.manifest();
        String css = Files.readString(out().resolve(manifest.assets().get("css/flags.min.css").path()));
        String map = Files.readString(out().resolve(manifest.assets().get("css/flags.min.css.map").path()));
        assertTrue(css.contains("flags/ad-"), css);
        assertEquals(2, MappedRules.count(css));
        MappedRules.assertAllMapped(css, map);
    }

    @Test
    void aLinkedFolderIsPartOfTheSourcesAndALinkLoopIsAClearError() throws IOException {
        // As `ln -s ../../../node_modules/bootstrap-icons/font/fonts src/main/assets/fonts` instead of a copy.
        Path fonts = project.resolve("node_modules/bootstrap-icons/font/fonts");
        Files.createDirectories(fonts);
        Files.write(fonts.resolve("bootstrap-icons.woff2"), new byte[] {'w', 'O', 'F', '2'});
        file("css/icons.css", "@font-face{src:url(../fonts/bootstrap-icons.woff2)}\n");
        Files.createSymbolicLink(src().resolve("fonts"), src().relativize(fonts));
        BuildResult.Built built = assertInstanceOf(BuildResult.Built.class, new AssetPipeline(config(), BuildLog.NONE).run());
        String font = built.manifest().assets().get("fonts/bootstrap-icons.woff2").path();
        assertEquals("@font-face{src:url(../" + font + ")}\n",
                Files.readString(out().resolve(built.manifest().assets().get("css/icons.css").path())));

        Files.createSymbolicLink(src().resolve("css/again"), Path.of(".."));
        BuildResult.Failed failed = assertInstanceOf(BuildResult.Failed.class,
                new AssetPipeline(config(), BuildLog.NONE).run());
        assertEquals(List.of(src().resolve("css/again") + ": is a symbolic link to a folder that holds it, so the source"
                + " directory never ends; link a folder that is not above it"),
                failed.errors().stream().map(Object::toString).toList());
    }

    @Test
    void twoSourcesOfOneBundlePathAreAnErrorNamingBoth() throws IOException {
        file("css/site.scss", ".from-scss { color: blue; }\n");
        file("css/site.css", ".from-plain-css { color: red; }\n");
        file("js/app.js", "console.log(1);\n");
        file("js/app.js.map", "{}\n");
        BuildResult.Failed failed = assertInstanceOf(BuildResult.Failed.class,
                new AssetPipeline(config(), BuildLog.NONE).run());
        assertEquals(List.of(
                src().resolve("css/site.css") + ": css/site.scss and css/site.css both make css/site.css; rename one",
                src().resolve("js/app.js.map") + ": the source map of js/app.js and js/app.js.map both make js/app.js.map;"
                        + " rename one"),
                failed.errors().stream().map(Object::toString).toList());
    }

    @Test
    void dartSassModuleRulesAreErrorsAtTheirLineNotCssPassedThrough() throws IOException {
        // As Bulma 1.x does: libsass would copy both rules into the CSS and report success.
        file("css/lib/_theme.scss", "// @use in a comment is fine\n$x: 1;\n  @forward \"sass:math\";\n");
        file("css/site.scss", "@import \"lib/theme\";\n@use \"sass\";\n.a { color: red; }\n");
        BuildResult.Failed failed = assertInstanceOf(BuildResult.Failed.class,
                new AssetPipeline(config(), BuildLog.NONE).run());
        List<String> errors = failed.errors().stream().map(Object::toString).toList();
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.contains(src().resolve("css/site.scss") + ":2:1: @use is Dart Sass's module system, which"
                + " libsass (Sass 3.6, used by jsass) does not support: it would be copied into the CSS as it is."
                + " Set <sassCompiler>dart</sassCompiler> to compile with Dart Sass, or use @import, a version of the"
                + " library written for libsass, or the library's compiled .css linked as a plain stylesheet"),
                errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith(src().resolve("css/lib/_theme.scss") + ":3:3: @forward ")),
                errors.toString());
    }

    @Test
    void missingReferenceInSassPointsAtTheScssLine() throws IOException {
        file("css/_icons.scss", ".icon {\n  background: url(\"../img/nope.svg\");\n}\n");
        file("css/app.scss", "@import \"icons\";\nbody { margin: 0; }\n");
        BuildResult.Failed failed = assertInstanceOf(BuildResult.Failed.class,
                new AssetPipeline(config(), BuildLog.NONE).run());
        assertEquals(src().resolve("css/_icons.scss") + ":2:20: references \"../img/nope.svg\", which is not in "
                + src() + " (looked for img/nope.svg)", failed.errors().get(0).toString());
    }

    @Test
    void aMissingReferenceInANewPartialIsPlacedThereNotAtALookAlikeElsewhere() throws IOException {
        // _brand.scss has the right path; the new _alt.scss the same name with a wrong relative path,
        // which "../img/logo.png" contains as text.
        file("img/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        file("css/_brand.scss", ".logo {\n  background: url(\"../img/logo.png\");\n}\n");
        file("css/_alt.scss", ".alt {\n  color: red;\n  background: url(\"img/logo.png\") no-repeat;\n}\n");
        file("css/app.scss", "@import \"brand\";\n@import \"alt\";\n");
        String expected = src().resolve("css/_alt.scss") + ":3:20: references \"img/logo.png\", which is not in "
                + src() + " (looked for css/img/logo.png)";
        for (BuildConfig config : List.of(config(), noMaps())) { // without a map, by the whole URL
            BuildResult.Failed failed = assertInstanceOf(BuildResult.Failed.class,
                    new AssetPipeline(config, BuildLog.NONE).run());
            assertEquals(List.of(expected), failed.errors().stream().map(Object::toString).toList());
        }
    }

    @Test
    void missingReferenceInALibraryCssThatSassImportedPointsAtThatFile() throws IOException {
        // As @import "leaflet/dist/leaflet" inlines leaflet.css, whose images sit beside it, not in the bundle.
        Path library = project.resolve("lib/leaflet/dist/leaflet.css");
        Files.createDirectories(library.getParent());
        Files.writeString(library, ".a { color: red; }\n.leaflet-control-layers-toggle {\n"
                + "  background-image: url(images/layers.png);\n}\n");
        file("css/app.scss", "@import \"leaflet/dist/leaflet\";\nbody { margin: 0; }\n");
        BuildConfig withLibrary = configWithIncludePath(project.resolve("lib"));
        BuildResult.Failed failed = assertInstanceOf(BuildResult.Failed.class,
                new AssetPipeline(withLibrary, BuildLog.NONE).run());
        assertEquals(List.of(library + ":3:25: references \"images/layers.png\", which is not in " + src()
                + " (looked for css/images/layers.png)"), failed.errors().stream().map(Object::toString).toList());
    }

    @Test
    void aMissingReferenceSassBuildsFromVariablesPointsAtTheScssFile() throws IOException {
        file("css/app.scss", "$img: \"../img\";\n$icon: \"st\";\n.a { background: url(\"#{$img}/viavar.png\"); }\n"
                + ".b { background: url(\"#{$img}/#{$icon}.svg\"); }\n"
                + "@mixin icon($name) { background: url(\"#{$img}/#{$name}.svg\"); }\n.c { @include icon(nothere); }\n");
        BuildResult.Failed failed = assertInstanceOf(BuildResult.Failed.class,
                new AssetPipeline(config(), BuildLog.NONE).run());
        List<String> errors = failed.errors().stream().map(Object::toString).toList();
        assertEquals(3, errors.size(), errors.toString());
        // A path Sass builds from variables: the declaration the source map says made it...
        assertTrue(errors.get(0).startsWith(src().resolve("css/app.scss") + ":3:18: "), errors.get(0));
        assertEquals(src().resolve("css/app.scss") + ":4:18: references \"../img/st.svg\", which is not in " + src()
                + " (looked for img/st.svg) (a path Sass builds)", errors.get(1));
        // ...and for a mixin's argument, the mixin's declaration that builds the path (where the map
        // puts it; the name alone, "nothere", is no proof of where it was written).
        assertEquals(src().resolve("css/app.scss") + ":5:34: references \"../img/nothere.svg\", which is not in "
                + src() + " (looked for img/nothere.svg) (a path Sass builds)", errors.get(2));

        // Without source maps, the stylesheet with the position in the compiled CSS.
        String unmapped = assertInstanceOf(BuildResult.Failed.class, new AssetPipeline(noMaps(), BuildLog.NONE).run())
                .errors().get(1).toString();
        assertTrue(unmapped.startsWith(src().resolve("css/app.scss") + ": references \"../img/st.svg\""), unmapped);
        assertTrue(unmapped.endsWith("of the CSS compiled from this file)"), unmapped);
    }

    @Test
    void missingReferencesInALibraryCssPointAtEachOneNotAtALongerNameOrAnEarlierRepeat() throws IOException {
        // From @fontsource/inter 5.3.0's 400.css (MIT): the .woff is named right after the .woff2, so
        // "./files/…-normal.woff" is first found as the start of "…-normal.woff2". Then a url() the
        // library writes twice (as jQuery UI's theme.css does its icon sprites).
        Path library = project.resolve("lib/@fontsource/inter/400.css");
        Files.createDirectories(library.getParent());
        Files.writeString(library, """
                /* inter-latin-400-normal */
                @font-face {
                  font-family: 'Inter';
                  src: url(./files/inter-latin-400-normal.woff2) format('woff2'), url(./files/inter-latin-400-normal.woff) format('woff');
                }
                .ui-icon { background-image: url("images/ui-icons.png"); }
                .ui-state-hover .ui-icon { background-image: url("images/ui-icons.png"); }
                """);
        file("css/app.scss", "@import \"@fontsource/inter/400\";\n");
        BuildConfig withLibrary = configWithIncludePath(project.resolve("lib"));
        List<String> errors = assertInstanceOf(BuildResult.Failed.class, new AssetPipeline(withLibrary, BuildLog.NONE).run())
                .errors().stream().map(e -> e.path().equals(library.toString()) ? e.line() + ":" + e.column() : e.toString())
                .toList();
        assertEquals(List.of("4:12", "4:71", "6:35", "7:51"), errors);
    }

    @Test
    void leftoversOfAKilledBuildAreRemoved() throws IOException {
        site();
        Path staleStaging = out().getParent().resolve(".assets-staging-123/css/x.css");
        Path staleOld = out().getParent().resolve("assets.old-456/x.txt");
        for (Path stale : List.of(staleStaging, staleOld)) {
            Files.createDirectories(stale.getParent());
            Files.writeString(stale, "stale");
        }
        assertInstanceOf(BuildResult.Built.class, new AssetPipeline(config(), BuildLog.NONE).run());
        try (var list = Files.list(out().getParent())) {
            assertEquals(List.of(out()), list.toList());
        }
    }
}
