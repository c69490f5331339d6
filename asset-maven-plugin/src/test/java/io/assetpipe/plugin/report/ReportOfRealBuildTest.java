package io.assetpipe.plugin.report;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.plugin.HeadlessChromium;
import io.assetpipe.plugin.TestWebJars;
import io.assetpipe.plugin.pipeline.AssetPipeline;
import io.assetpipe.plugin.pipeline.BuildConfig;
import io.assetpipe.plugin.pipeline.BuildLog;
import io.assetpipe.plugin.pipeline.BuildResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a real build: jQuery, lodash-es (ES modules), React with react-dom and scheduler
 * (CommonJS) and Bootstrap's SCSS from their WebJars, bundled and compiled by the whole pipeline.
 * Its metafile is read by esbuild's own {@code analyzeMetafile}, its page drawn by Chromium.
 */
class ReportOfRealBuildTest {
    private static final String PROJECT = "com.example:shop:1.5.0";

    @TempDir
    static Path project;

    private static AssetManifest manifest;
    private static Metafile metafile;
    private static BuildReport report;
    private static final List<String> table = new ArrayList<>();

    @BeforeAll
    static void build() throws IOException {
        write("js/app.js", """
                import $ from "jquery";
                import { debounce } from "lodash-es";
                import { greet } from "./greet.js";
                $(() => {
                  $("#out").text(greet("report"));
                  window.addEventListener("resize", debounce(() => $("#out").addClass("resized"), 100));
                });
                """);
        write("js/greet.js", "export function greet(name) {\n  return \"Hello, \" + name;\n}\n");
        write("js/widgets.js", """
                import React from "react";
                import { createRoot } from "react-dom/client";
                import cx from "classnames";
                createRoot(document.getElementById("root"))
                    .render(React.createElement("p", { className: cx("a", { b: true }) }, "hi"));
                """);
        write("css/site.scss", "$primary: #7b2d8e;\n@import \"bootstrap/scss/bootstrap\";\n.brand { color: $primary; }\n");
        write("img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>\n");
        List<Path> jars = new ArrayList<>();
        for (String webjar : List.of("jquery", "lodash-es", "react", "react-dom", "scheduler", "classnames", "bootstrap")) {
            jars.add(TestWebJars.jar(webjar));
        }
        BuildConfig config = BuildConfig.defaults(project.resolve("src"), project.resolve("out"), project.resolve("work"))
                .withDependencyJars(jars);
        BuildResult result = new AssetPipeline(config, BuildLog.NONE).run();
        BuildResult.Built built = assertInstanceOf(BuildResult.Built.class, result, result::toString);
        manifest = built.manifest();
        metafile = built.metafile();
        report = new BuildReports(PROJECT, project.resolve("work"), List.of())
                .write(manifest, metafile, new PreviousRelease.Unavailable("first release"), table::add);
    }

    private static void write(String path, String text) throws IOException {
        Path file = project.resolve("src").resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void everyOutputOfTheMetafileIsAFileOfTheManifestAndItsPartsAddUpToIt() throws IOException {
        assertEquals(manifest.assets().values().stream().map(AssetEntry::path).sorted().toList(),
                List.copyOf(metafile.outputs().keySet()));
        manifest.assets().forEach((logical, entry) -> {
            Metafile.Output output = metafile.outputs().get(entry.path());
            assertEquals(entry.size(), output.bytes(), logical);
            assertTrue(output.unmapped() >= 0, logical + " attributes more bytes than it has");
            if (logical.endsWith(".map")) {
                assertTrue(output.inputs().isEmpty(), logical);
            } else if (!logical.startsWith("img/")) {
                // compiled: the sources account for all but the wrapper, the sourceMappingURL comment and
                // the license comments Closure keeps (jQuery's, lodash's), which its map gives no source
                assertTrue(output.unmapped() * 100 < output.bytes() * 2, logical + ": " + output.unmapped()
                        + " of " + output.bytes() + " bytes unmapped");
                assertNotNull(output.entryPoint(), logical);
            }
        });
        assertEquals(Map.of("img/logo.svg", Files.size(project.resolve("src/img/logo.svg"))),
                metafile.outputs().get(manifest.assets().get("img/logo.svg").path()).inputs(), "a copied file is its own input");
    }

    @Test
    void theContributorsAreTheRealLibrariesAndTheProjectsOwnModules() {
        assertEquals(Set.of("jquery", "lodash-es"), Set.copyOf(libraries("js/app.js")));
        assertEquals(Set.of("react-dom", "react", "scheduler", "classnames"), Set.copyOf(libraries("js/widgets.js")));
        assertEquals("react-dom", libraries("js/widgets.js").get(0), "react-dom is most of it");
        assertEquals(List.of("bootstrap"), libraries("css/site.css"));
        assertTrue(names("js/app.js").containsAll(List.of("js/app.js", "js/greet.js")), names("js/app.js").toString());
        assertTrue(names("css/site.css").contains("css/site.scss"));
        Contributor bootstrap = contributors("css/site.css").get(0);
        assertEquals("bootstrap", bootstrap.name(), "Bootstrap is most of the stylesheet");
        assertTrue(bootstrap.files().containsKey("webjars/bootstrap/scss/_buttons.scss"), bootstrap.files().keySet().toString());
    }

    @Test
    void theLogTableListsTheLargestAssetsWithoutSourceMapsAndWhereTheReportIs() {
        AssetEntry css = manifest.assets().get("css/site.css");
        assertEquals("Largest assets in bytes (raw / gzip / brotli / zstd), 4 of 4:", table.get(0));
        assertTrue(table.get(1).matches("  css/site\\.css +" + Pattern.quote(String.format(Locale.ROOT, "%,d  %,d  %,d  %,d",
                css.size(), css.encodings().get(ContentEncoding.GZIP).size(), css.encodings().get(ContentEncoding.BR).size(),
                css.encodings().get(ContentEncoding.ZSTD).size()))), table.get(1));
        assertTrue(table.stream().noneMatch(line -> line.contains(".map")), table.toString());
        assertEquals("No previous release to compare with: first release", table.get(5));
        assertEquals("Build report: " + project.resolve("work").resolve("report.html"), table.get(table.size() - 1));
    }

    @Test
    void inputsListWhatTheyImportAsTheModuleGraphResolvedIt() {
        List<Metafile.Import> app = metafile.inputs().get("js/app.js").imports();
        assertTrue(app.contains(new Metafile.Import("js/greet.js", "import-statement")), app.toString());
        assertTrue(app.stream().anyMatch(i -> i.path().startsWith("webjars/jquery/")), app.toString());
        assertTrue(app.stream().anyMatch(i -> i.path().startsWith("webjars/lodash-es/")), app.toString());
        assertEquals("esm", metafile.inputs().get("js/app.js").format());
        Map.Entry<String, Metafile.Input> reactDom = metafile.inputs().entrySet().stream()
                .filter(e -> e.getKey().startsWith("webjars/react-dom/") && "cjs".equals(e.getValue().format())
                        && e.getValue().imports().stream().anyMatch(i -> i.path().startsWith("webjars/scheduler/")))
                .findFirst().orElseThrow(() -> new AssertionError("a react-dom file that requires scheduler"));
        assertTrue(reactDom.getValue().imports().stream().allMatch(i -> i.kind().equals("require-call")));
        assertEquals(metafile, assertDoesNotThrow(() -> Metafile.parse(metafile.toJson())), "meta.json reads back");
    }

    @Test
    void esbuildsOwnAnalyzeMetafileReadsTheMetafileAsWritten() throws Exception {
        Optional<String> unavailable = Esbuild.unavailable();
        unavailable.ifPresent(why -> System.out.println("[WARNING] ReportOfRealBuildTest " + why));
        Assumptions.assumeTrue(unavailable.isEmpty(), () -> unavailable.get());
        Path metaJson = project.resolve("work").resolve(MetafileWriter.FILE_NAME);
        String analysis = Esbuild.analyzeMetafile(metaJson, false);

        // esbuild lists every output but the source maps, largest first, each with its inputs by
        // bytes in the output and their share of it.
        Map<String, List<String>> listed = parse(analysis);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        metafile.outputs().entrySet().stream()
                .filter(e -> !e.getKey().endsWith(".map"))
                .sorted((a, b) -> a.getValue().bytes() != b.getValue().bytes()
                        ? Long.compare(b.getValue().bytes(), a.getValue().bytes()) : a.getKey().compareTo(b.getKey()))
                .forEach(e -> expected.put(e.getKey(), e.getValue().inputs().entrySet().stream()
                        .sorted((a, b) -> !a.getValue().equals(b.getValue())
                                ? Long.compare(b.getValue(), a.getValue()) : a.getKey().compareTo(b.getKey()))
                        .map(i -> i.getKey() + " " + String.format(Locale.ROOT, "%.1f", 100.0 * i.getValue() / e.getValue().bytes()))
                        .toList()));
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(listed.keySet()), analysis);
        expected.forEach((output, inputs) -> assertShares(inputs, listed.get(output), output));

        // Verbose: why each file is in the bundle, from the imports, up to the entry point.
        String verbose = Esbuild.analyzeMetafile(metaJson, true);
        String jquery = metafile.inputs().get("js/app.js").imports().stream().map(Metafile.Import::path)
                .filter(p -> p.startsWith("webjars/jquery/")).findFirst().orElseThrow();
        assertTrue(Pattern.compile("[├└] " + Pattern.quote(jquery) + "[ ─]+.*\\n\\s*│?\\s+└ js/app\\.js\\n")
                .matcher(verbose).find(), verbose);
    }

    /** Output name to its inputs' lines ({@code name percent}), as analyzeMetafile prints them. */
    private static Map<String, List<String>> parse(String analysis) {
        Pattern top = Pattern.compile("^  (\\S+)[ ─]+\\S+[ ─]+100\\.0%$");
        Pattern child = Pattern.compile("^   [├└] (\\S+)[ ─]+\\S+[ ─]+(\\d+\\.\\d)%$");
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : analysis.split("\n")) {
            Matcher t = top.matcher(line);
            Matcher c = child.matcher(line);
            if (t.matches()) {
                current = new ArrayList<>();
                out.put(t.group(1), current);
            } else if (c.matches() && current != null) {
                current.add(c.group(1) + " " + c.group(2));
            }
        }
        return out;
    }

    /** Same inputs in the same order; shares equal but for how Go and Java round a half. */
    private static void assertShares(List<String> expected, List<String> actual, String output) {
        assertEquals(expected.stream().map(s -> s.substring(0, s.lastIndexOf(' '))).toList(),
                actual.stream().map(s -> s.substring(0, s.lastIndexOf(' '))).toList(), output);
        for (int i = 0; i < expected.size(); i++) {
            double e = Double.parseDouble(expected.get(i).substring(expected.get(i).lastIndexOf(' ') + 1));
            double a = Double.parseDouble(actual.get(i).substring(actual.get(i).lastIndexOf(' ') + 1));
            assertEquals(e, a, 0.11, output + ": " + expected.get(i) + " vs " + actual.get(i));
        }
    }

    @Test
    void chromiumDrawsTheReportWithTheManifestsNumbersAndTheRealLibraries() throws Exception {
        Optional<String> unavailable = HeadlessChromium.unavailable();
        unavailable.ifPresent(why -> System.out.println("[WARNING] ReportOfRealBuildTest " + why));
        Assumptions.assumeTrue(unavailable.isEmpty(), () -> unavailable.get());
        String dom = HeadlessChromium.dumpDom(project.resolve("work").resolve(HtmlPage.FILE_NAME));

        assertTrue(dom.contains("<h1>Build report of " + PROJECT + "</h1>"), "the script ran: " + dom);
        manifest.assets().forEach((logical, entry) -> {
            Map<String, String> cells = cells(dom, logical);
            assertEquals(String.valueOf(entry.size()), cells.get("raw"), logical);
            assertEquals(entry.variant(ContentEncoding.GZIP).map(v -> String.valueOf(v.size())).orElse(null),
                    cells.get("gzip"), logical);
            assertEquals(entry.variant(ContentEncoding.BR).map(v -> String.valueOf(v.size())).orElse(null),
                    cells.get("brotli"), logical);
            assertEquals(entry.variant(ContentEncoding.ZSTD).map(v -> String.valueOf(v.size())).orElse(null),
                    cells.get("zstd"), logical);
        });
        for (String output : List.of("js/app.js", "js/widgets.js", "css/site.css")) {
            String section = section(dom, output);
            Map<String, String> drawn = new LinkedHashMap<>();
            Matcher cell = Pattern.compile("class=\"cell (\\w+)\" data-name=\"([^\"]+)\" data-origin=\"\\w+\" data-bytes=\"(\\d+)\"")
                    .matcher(section);
            while (cell.find()) {
                drawn.put(cell.group(2), cell.group(3));
            }
            Map<String, String> expected = new LinkedHashMap<>();
            contributors(output).forEach(c -> expected.put(c.name(), String.valueOf(c.bytes())));
            assertEquals(expected, drawn, output + "'s treemap draws every contributor with its bytes");
        }
        assertFalse(dom.contains("http://") || dom.contains("https://"), "nothing on the page points anywhere");
    }

    /** The {@code data-bytes} of each size cell in {@code logical}'s row of the asset table, by measure. */
    private static Map<String, String> cells(String dom, String logical) {
        Matcher row = Pattern.compile("<tr[^>]*data-path=\"" + Pattern.quote(logical) + "\"[^>]*>(.*?)</tr>").matcher(dom);
        assertTrue(row.find(), logical + " has a row");
        Map<String, String> cells = new LinkedHashMap<>();
        Matcher cell = Pattern.compile("data-measure=\"(\\w+)\"( data-bytes=\"(\\d+)\")?").matcher(row.group(1));
        while (cell.find()) {
            cells.put(cell.group(1), cell.group(3));
        }
        return cells;
    }

    private static String section(String dom, String output) {
        int start = dom.indexOf("data-output=\"" + output + "\"");
        assertTrue(start >= 0, output + " has a section");
        int end = dom.indexOf("data-output=", start + 1);
        return dom.substring(start, end < 0 ? dom.length() : end);
    }

    private static List<Contributor> contributors(String logical) {
        return report.assets().stream().filter(a -> a.logicalPath().equals(logical)).findFirst().orElseThrow().contributors();
    }

    private static List<String> names(String logical) {
        return contributors(logical).stream().map(Contributor::name).toList();
    }

    private static List<String> libraries(String logical) {
        return contributors(logical).stream().filter(c -> c.origin() == Contributor.Origin.WEBJAR)
                .map(Contributor::name).toList();
    }
}
