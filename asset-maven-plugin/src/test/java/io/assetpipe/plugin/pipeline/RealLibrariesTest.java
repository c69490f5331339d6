package io.assetpipe.plugin.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.manifest.EncodedVariant;
import io.assetpipe.plugin.TestWebJars;
import io.assetpipe.plugin.scss.SassImplementation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real third-party front-end code, from the WebJars on the test classpath: Bootstrap's SCSS,
 * Bootstrap Icons' SCSS and Font Awesome's CSS with their webfonts, jQuery, lodash-es and lit as ES
 * modules, d3 as a plain script, React 18 with react-dom and classnames as CommonJS packages (run in
 * a browser by BundlesRunInChromiumTest).
 * Each library is built in its own project; the figures go to target/real-libraries.md.
 */
class RealLibrariesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIGURES = new ArrayList<>();

    @TempDir
    Path project;

    private BuildConfig config() throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String webjar : List.of("bootstrap", "bootstrap-icons", "jquery", "fortawesome__fontawesome-free",
                "lodash-es", "d3", "lit", "lit-html", "lit-element", "lit__reactive-element",
                "react", "react-dom", "scheduler", "classnames", "sweetalert2")) {
            jars.add(TestWebJars.jar(webjar));
        }
        return BuildConfig.defaults(project.resolve("src"), project.resolve("out"), project.resolve("work"))
                .withDependencyJars(jars);
    }

    private void write(String path, String text) throws IOException {
        Path f = project.resolve("src").resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    /** Copies {@code <webjar>/<version>/<prefix>...} into the source directory under {@code to}. */
    private long copyFromWebJar(String webjar, String prefix, String to) throws IOException {
        long bytes = 0;
        try (ZipFile zip = new ZipFile(TestWebJars.jar(webjar).toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                String[] parts = e.getName().split("/", 5); // META-INF resources webjars name version/rest
                if (e.isDirectory() || parts.length < 5 || !parts[3].equals(webjar)) {
                    continue;
                }
                String rest = parts[4].substring(parts[4].indexOf('/') + 1);
                if (!rest.startsWith(prefix)) {
                    continue;
                }
                Path out = project.resolve("src").resolve(to + rest.substring(prefix.length()));
                Files.createDirectories(out.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    bytes += Files.copy(in, out);
                }
            }
        }
        return bytes;
    }

    /** The text of a built asset. */
    private String output(AssetEntry asset) throws IOException {
        return Files.readString(project.resolve("out").resolve(asset.path()));
    }

    private BuildResult.Built build() throws IOException {
        BuildResult result = new AssetPipeline(config(), BuildLog.NONE).run();
        return assertInstanceOf(BuildResult.Built.class, result, result::toString);
    }

    /** Size of every source a compiled output was made from, read from its source map's sourcesContent. */
    private long inputBytes(BuildResult.Built built, String logical) throws IOException {
        JsonNode map = JSON.readTree(project.resolve("out").resolve(built.manifest().assets().get(logical + ".map").path()).toFile());
        long total = 0;
        for (JsonNode content : map.path("sourcesContent")) {
            total += content.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        return total;
    }

    private void record(String what, long in, AssetEntry entry, Summary summary) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %,d | %,d", what, in, entry.size()));
        for (ContentEncoding encoding : ContentEncoding.values()) {
            EncodedVariant v = entry.encodings().get(encoding);
            line.append(" | ").append(v == null ? "—" : String.format(Locale.ROOT, "%,d", v.size()));
        }
        line.append(String.format(Locale.ROOT, " | %.2f s |", summary.millis() / 1000.0));
        FIGURES.add(line.toString());
    }

    private void assertVariantsDecode(AssetEntry entry) throws IOException {
        byte[] identity = Files.readAllBytes(project.resolve("out").resolve(entry.path()));
        byte[] gz = Files.readAllBytes(project.resolve("out").resolve(entry.encodings().get(ContentEncoding.GZIP).path()));
        assertArrayEquals(identity, new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes());
        assertTrue(entry.encodings().get(ContentEncoding.BR).size() < entry.encodings().get(ContentEncoding.GZIP).size());
    }

    /** A Bootstrap theme: {@code $primary} and {@code $enable-rounded} set, then all of Bootstrap's SCSS. */
    private void bootstrapTheme() throws IOException {
        write("css/theme.scss", "$primary: #0a7e5c;\n$enable-rounded: false;\n@import \"bootstrap/scss/bootstrap\";\n");
    }

    /** The theme's CSS holds its colour and Bootstrap's components; its figures are recorded as {@code what}. */
    private void assertBootstrapTheme(BuildResult.Built built, String what) throws IOException {
        AssetEntry css = built.manifest().assets().get("css/theme.css");
        String text = output(css);
        assertTrue(text.contains("--bs-primary: #0a7e5c"), "custom variable applied");
        assertTrue(text.contains(".btn-primary{"), "components compiled");
        assertVariantsDecode(css);
        record(what, inputBytes(built, "css/theme.css"), css, built.summary());
    }

    @Test
    void bootstrapScssWithCustomVariables() throws IOException {
        bootstrapTheme();
        assertBootstrapTheme(build(), "Bootstrap 5.3.8 SCSS (libsass)");
    }

    @Test
    void bootstrapScssUnderDartSassWarnsOnceForTheProjectsOwnImport() throws IOException {
        // Dart Sass 1.94 deprecates @import and Bootstrap 5.3's global functions: 248 warnings from
        // Bootstrap's own files, which are not the project's to fix (quietDeps), and one from the theme.
        bootstrapTheme();
        AssetPipelineTest.Lines log = new AssetPipelineTest.Lines();
        BuildResult result = new AssetPipeline(config().withSassCompiler(SassImplementation.DART), log).run();
        BuildResult.Built built = assertInstanceOf(BuildResult.Built.class, result, result::toString);
        assertEquals(List.of(project.resolve("src/css/theme.scss") + ":3:9: deprecation import: Sass @import rules are"
                + " deprecated and will be removed in Dart Sass 3.0.0. More info and automated migrator:"
                + " https://sass-lang.com/d/import"), log.warn);
        assertBootstrapTheme(built, "Bootstrap 5.3.8 SCSS (Dart Sass)");
    }

    @Test
    void fontAwesomeCssWithItsWebfonts() throws IOException {
        long in = copyFromWebJar("fortawesome__fontawesome-free", "css/all.css", "fa/css/all.css");
        copyFromWebJar("fortawesome__fontawesome-free", "webfonts/", "fa/webfonts/");
        BuildResult.Built built = build();
        AssetEntry css = built.manifest().assets().get("fa/css/all.css");
        String text = output(css);
        Matcher urls = Pattern.compile("url\\(([^)]*)\\)").matcher(text);
        int count = 0;
        while (urls.find()) {
            String ref = urls.group(1).replace("\"", "").replace("'", "");
            assertTrue(ref.matches("\\.\\./webfonts/fa-[a-z0-9-]+-[0-9a-f]{12}\\.(woff2|ttf)"), ref);
            assertTrue(Files.isRegularFile(project.resolve("out/fa/css").resolve(ref)), ref);
            count++;
        }
        assertTrue(count >= 8, "every @font-face src rewritten: " + count);
        assertTrue(built.manifest().assets().get("fa/webfonts/fa-solid-900.woff2").encodings().isEmpty());
        assertTrue(!built.manifest().assets().get("fa/webfonts/fa-solid-900.ttf").encodings().isEmpty(),
                "ttf is compressible");
        assertVariantsDecode(css);
        record("Font Awesome 6.5.1 all.css (refs rewritten)", in, css, built.summary());
    }

    @Test
    void bootstrapIconsScssMapStillMatchesEveryRuleAfterItsFontUrlsAreRewritten() throws IOException {
        // The @font-face comes first, then 2,000 one-line rules: each rewritten url() is 13 chars
        // longer, and the map, made for the CSS before that, pointed every later rule at an earlier one.
        copyFromWebJar("bootstrap-icons", "font/fonts/", "fonts/");
        write("css/icons.scss", "$bootstrap-icons-font-dir: \"../fonts\";\n@import \"bootstrap-icons/font/bootstrap-icons\";\n");
        BuildResult.Built built = build();
        AssetEntry css = built.manifest().assets().get("css/icons.css");
        String text = output(css);
        assertTrue(text.contains("url(\"../" + built.manifest().assets().get("fonts/bootstrap-icons.woff2").path() + "?"),
                "font url rewritten");
        String map = output(built.manifest().assets().get("css/icons.css.map"));
        assertTrue(MappedRules.count(text) > 2000, "rules checked: " + MappedRules.count(text));
        MappedRules.assertAllMapped(text, map);
        record("Bootstrap Icons 1.13.1 SCSS (font urls rewritten)", inputBytes(built, "css/icons.css"), css,
                built.summary());
    }

    @Test
    void jqueryAsAnEsModule() throws IOException {
        write("js/app.js", "import $ from \"jquery\";\nwindow.$ = $;\n$(() => $(\"body\").addClass(\"ready\"));\n");
        BuildResult.Built built = build();
        AssetEntry js = built.manifest().assets().get("js/app.js");
        String text = output(js);
        assertTrue(text.contains("jQuery") && !text.contains("import "), "bundled");
        assertVariantsDecode(js);
        long in = inputBytes(built, "js/app.js");
        assertTrue(js.size() < in / 2, "minified: " + js.size() + " of " + in);
        record("jQuery 4.0.0 (ES module, SIMPLE)", in, js, built.summary());
    }

    @Test
    void lodashEsWholePackage() throws IOException {
        write("js/util.js", "import * as _ from \"lodash-es\";\nwindow._ = _;\n");
        BuildResult.Built built = build();
        AssetEntry js = built.manifest().assets().get("js/util.js");
        String text = output(js);
        assertTrue(text.contains("debounce") || text.contains("Expected a function"), "bundled");
        assertVariantsDecode(js);
        record("lodash-es 4.17.21 (640 ES modules, SIMPLE)", inputBytes(built, "js/util.js"), js, built.summary());
    }

    @Test
    void litComponentFromMinifiedEsModules() throws IOException {
        // lit's files are minified ES modules: imports and `export*from` re-exports, many per line.
        write("js/hello.js", """
                import { LitElement, html, css } from "lit";
                class HelloWorld extends LitElement {
                  static properties = { name: {} };
                  static styles = css`p { color: rebeccapurple; }`;
                  constructor() { super(); this.name = "world"; }
                  render() { return html`<p>Hello, ${this.name}!</p>`; }
                }
                customElements.define("hello-world", HelloWorld);
                """);
        BuildResult.Built built = build();
        AssetEntry js = built.manifest().assets().get("js/hello.js");
        String text = output(js);
        assertTrue(text.contains("hello-world") && text.contains("rebeccapurple") && !text.contains("import "), "bundled");
        List<String> sources = new ArrayList<>();
        JSON.readTree(project.resolve("out").resolve(built.manifest().assets().get("js/hello.js.map").path()).toFile())
                .path("sources").forEach(source -> sources.add(source.asText()));
        // lit's own index.js only re-exports, so no output line maps to it; the three it re-exports from must be there.
        for (String pkg : List.of("webjars/lit-element/", "webjars/lit-html/", "webjars/lit__reactive-element/")) {
            assertTrue(sources.stream().anyMatch(source -> source.startsWith(pkg)), pkg + " bundled: " + sources);
        }
        assertVariantsDecode(js);
        record("lit 3.3.2 (minified ES modules from 4 WebJars, SIMPLE)", inputBytes(built, "js/hello.js"), js, built.summary());
    }

    @Test
    void d3AsAPlainScript() throws IOException {
        long in = copyFromWebJar("d3", "dist/d3.js", "js/d3.js");
        BuildResult.Built built = build();
        AssetEntry js = built.manifest().assets().get("js/d3.js");
        assertTrue(js.size() < in / 2, "minified: " + js.size() + " of " + in);
        assertVariantsDecode(js);
        record("d3 7.9.0 dist/d3.js (plain script, SIMPLE)", in, js, built.summary());
    }

    @Test
    void reactFromItsCommonJsPackages() throws IOException {
        write("js/app.js", """
                import React from "react";
                import { createRoot } from "react-dom/client";
                import cx from "classnames";
                createRoot(document.getElementById("root"))
                    .render(React.createElement("p", { className: cx("hello", { on: true }) }, "Hello"));
                """);
        BuildResult.Built built = build();
        AssetEntry js = built.manifest().assets().get("js/app.js");
        String text = output(js);
        assertTrue(text.contains("createRoot") && !text.contains("require("), "bundled");
        // the production builds only: react-dom's development build alone is 1 MB
        assertTrue(js.size() < 200_000, "production React only: " + js.size());
        assertVariantsDecode(js);
        record("React 18.3.1 + react-dom + classnames (CommonJS, SIMPLE)", inputBytes(built, "js/app.js"), js,
                built.summary());
    }

    @Test
    void sweetalert2KeepsTheCssItInjectsOnce() throws IOException {
        // Its ES build ends with a style injector, function (e, t) {… cssText = t … innerHTML = t …
        // innerText = t}(document, "<30 KB of CSS>"): inlining alone put that string in three times.
        write("js/app.js", "import Swal from \"sweetalert2\";\nwindow.Swal = Swal;\n");
        BuildResult.Built built = build();
        AssetEntry js = built.manifest().assets().get("js/app.js");
        String text = output(js);
        String cssStart = ":root{--swal2-outline: 0 0 0 3px";
        assertTrue(text.contains(cssStart), "the injected CSS is bundled");
        assertEquals(text.indexOf(cssStart), text.lastIndexOf(cssStart), "the injected CSS once");
        long ownMinified = TestWebJars.file("sweetalert2", "dist/sweetalert2.esm.all.min.js").length;
        assertTrue(js.size() < ownMinified, "no larger than the package's own minified file: " + js.size()
                + " against " + ownMinified);
        assertVariantsDecode(js);
        record("sweetalert2 11.26.18 (ES module with its CSS, SIMPLE)", inputBytes(built, "js/app.js"), js,
                built.summary());
    }

    @AfterAll
    static void writeFigures() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("| input | input bytes | output bytes | br | gzip | zstd | build time |");
        lines.add("|---|---|---|---|---|---|---|");
        FIGURES.stream().sorted().forEach(lines::add);
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.write(target.resolve("real-libraries.md"), lines);
        lines.forEach(System.out::println);
    }
}
