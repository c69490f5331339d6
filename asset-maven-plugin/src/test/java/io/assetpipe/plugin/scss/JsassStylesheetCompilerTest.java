package io.assetpipe.plugin.scss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.debugging.sourcemap.Base64VLQ;
import com.google.debugging.sourcemap.SourceMapConsumerV3;
import com.google.debugging.sourcemap.SourceMapParseException;
import com.google.debugging.sourcemap.proto.Mapping.OriginalMapping;
import io.assetpipe.plugin.compile.CompileResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsassStylesheetCompilerTest {
    @TempDir
    Path dir;

    private Path file(String path, String text) throws IOException {
        Path f = dir.resolve(path);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, text);
    }

    @Test
    void aSassFileWinsOverACssFileOfTheSameNameAsInDartSass() throws IOException {
        // As slick-carousel ships slick/slick.scss beside slick/slick.css, and bootstrap-icons
        // font/bootstrap-icons.scss beside its .css: libsass alone stops with "It's not clear which
        // file to import".
        Path lib = dir.resolve("node_modules");
        file("node_modules/widget/widget.scss", "@import \"parts\";\n.widget { border: $w solid; }\n");
        Path part = file("node_modules/widget/_parts.scss", "$w: 3px;\n");
        file("node_modules/widget/parts.css", ".never { color: red; }\n");
        Path widget = lib.resolve("widget/widget.scss");
        file("node_modules/widget/widget.css", ".widget { border: 1px solid; }\n");
        file("src/css/_local.scss", ".local { color: blue; }\n");
        file("src/css/local.css", ".never { color: red; }\n");
        Path site = file("src/css/site.scss", "@import \"widget/widget\";\n@import \"local\";\n.x { color: green; }\n");

        CompileResult.Compiled out = assertInstanceOf(CompileResult.Compiled.class,
                new JsassStylesheetCompiler().compile(site, dir.resolve("src"), "css/site.css", List.of(lib), true),
                () -> "compile failed");
        assertEquals(".widget{border:3px solid}.local{color:blue}.x{color:green}", out.code().strip());
        assertTrue(out.inputs().containsAll(List.of(site, widget.normalize(), part.normalize())), out.inputs().toString());
        assertTrue(out.sourceMap().contains("\"node_modules/widget/widget.scss\"")
                && out.sourceMap().contains("\"node_modules/widget/_parts.scss\""), out.sourceMap());
    }

    @Test
    void anImportNotFoundSaysWhereItLooked() throws IOException {
        Path lib = dir.resolve("node_modules");
        Files.createDirectories(lib);
        Path site = file("src/css/site.scss", ".a { color: red; }\n@import \"theme/colors\";\n");
        CompileResult.Failed failed = assertInstanceOf(CompileResult.Failed.class,
                new JsassStylesheetCompiler().compile(site, dir.resolve("src"), "css/site.css", List.of(lib), true));
        assertEquals(List.of(site + ":2:1: @import \"theme/colors\" not found; looked for theme/_colors.scss,"
                        + " theme/colors.scss, theme/_colors.sass, theme/colors.sass, theme/colors.css,"
                        + " theme/colors/_index.scss in " + site.getParent() + " and " + lib),
                failed.errors().stream().map(Object::toString).toList());
    }

    @Test
    void cssMinWithTwoUnitsIsPlacedAlthoughLibsassGivesNoPosition() throws IOException {
        // libsass reads min() as Sass's function and reports "Incompatible units" with no line.
        Path direct = file("src/css/direct.scss", ".a {\n  color: red;\n  max-height: min(60vh, 800px);\n}\n");
        CompileResult.Failed failed = assertInstanceOf(CompileResult.Failed.class,
                new JsassStylesheetCompiler().compile(direct, dir.resolve("src"), "css/direct.css", List.of(), false));
        assertEquals(direct + ":3:15: Incompatible units: 'px' and 'vh'. libsass evaluates CSS min(), max() and"
                + " clamp() as Sass functions, which cannot mix units; write unquote(\"min(60vh, 800px)\") instead",
                failed.errors().get(0).toString());

        // In a library's plain CSS pulled in by an import without extension (swagger-ui's one-line file).
        Path vendor = file("node_modules/vendor/vendor.css", ".v{width:10px}.w{height:max(10vh,90px)}");
        Path site = file("src/css/site.scss", "@import \"vendor/vendor\";\n.x { color: green; }\n");
        failed = assertInstanceOf(CompileResult.Failed.class, new JsassStylesheetCompiler()
                .compile(site, dir.resolve("src"), "css/site.css", List.of(dir.resolve("node_modules")), false));
        assertTrue(failed.errors().get(0).toString().startsWith(vendor.normalize() + ":1:25: Incompatible units:"),
                failed.errors().toString());
    }

    @Test
    void newerCssInALibraryStylesheetThatSassImportsSaysHowToServeItInstead() throws IOException {
        // As Swiper 11's swiper-bundle.css: CSS nesting with a trailing &, which Sass does not allow.
        Path library = file("node_modules/slider/slider.css", ".a { color: red; }\n.bullet {\n  button& { border: none; }\n}\n");
        Path site = file("src/css/site.scss", "@import \"slider/slider\";\n.x { color: green; }\n");
        CompileResult.Failed failed = assertInstanceOf(CompileResult.Failed.class, new JsassStylesheetCompiler()
                .compile(site, dir.resolve("src"), "css/site.css", List.of(dir.resolve("node_modules")), false));
        String error = failed.errors().get(0).toString();
        assertTrue(error.startsWith(library.normalize() + ":3:"), error);
        assertTrue(error.endsWith(JsassStylesheetCompiler.LIBRARY_CSS_HINT), error);

        // The project's own .css, and any error in a .scss file, get no such advice.
        Path own = file("src/css/own.scss", ".b {\n  color: $undefined;\n}\n");
        failed = assertInstanceOf(CompileResult.Failed.class, new JsassStylesheetCompiler()
                .compile(own, dir.resolve("src"), "css/own.css", List.of(), false));
        assertFalse(failed.errors().get(0).toString().endsWith(JsassStylesheetCompiler.LIBRARY_CSS_HINT));
    }

    @Test
    void theMapListsEachSourceOnceAndStillPointsAtTheRightLines() throws IOException {
        // _vars is imported by both partials; libsass lists a source per import, plus jsass's stub.
        file("src/css/_vars.scss", "$red: #f00;\n$blue: #00f;\n");
        file("src/css/_a.scss", "@import \"vars\";\n.a { color: $red; }\n");
        file("src/css/_b.scss", "@import \"vars\";\n\n.b { color: $blue; }\n");
        Path site = file("src/css/site.scss", "@import \"a\";\n@import \"b\";\n.x { color: green; }\n");
        CompileResult.Compiled out = assertInstanceOf(CompileResult.Compiled.class,
                new JsassStylesheetCompiler().compile(site, dir.resolve("src"), "css/site.css", List.of(), true),
                () -> "compile failed");
        JsonNode map = new ObjectMapper().readTree(out.sourceMap());
        List<String> sources = new ArrayList<>();
        map.path("sources").forEach(source -> sources.add(source.isNull() ? null : source.asText()));
        assertEquals(List.of("css/site.scss", "css/_a.scss", "css/_vars.scss", "css/_b.scss"), sources);
        assertEquals(sources.size(), map.path("sourcesContent").size());
        assertEquals("$red: #f00;\n$blue: #00f;\n", map.path("sourcesContent").get(2).asText());

        String css = out.code().strip();
        SourceMapConsumerV3 consumer = new SourceMapConsumerV3();
        try {
            consumer.parse(out.sourceMap());
        } catch (SourceMapParseException e) {
            throw new AssertionError(e);
        }
        for (String[] rule : List.of(new String[] {".a", "css/_a.scss", "2"}, new String[] {".b", "css/_b.scss", "3"},
                new String[] {".x", "css/site.scss", "3"})) {
            OriginalMapping original = consumer.getMappingForLine(1, css.indexOf(rule[0]) + 1);
            assertEquals(rule[1] + ":" + rule[2], original.getOriginalFile() + ":" + original.getLineNumber(), rule[0]);
        }
    }

    @Test
    void mergingRenumbersTheSourceOfEverySegment() {
        // Segments [column, source, line, column]: sources 0, 1, 2 (a duplicate of 0), and an unused null.
        ObjectNode map = new ObjectMapper().createObjectNode();
        map.putArray("sources").add("a.scss").add("b.scss").add("a.scss").addNull();
        map.putArray("sourcesContent").add("A").add("B").add("A").add("stub");
        map.put("mappings", encode(new int[][] {{0, 0, 0, 0}, {4, 1, 2, 0}, {4, 1, -1, 0}}) + ";"
                + encode(new int[][] {{0, -2, 0, 0}}));
        SourceMapSources.merge(map);
        assertEquals("[\"a.scss\",\"b.scss\"]", map.get("sources").toString());
        assertEquals("[\"A\",\"B\"]", map.get("sourcesContent").toString());
        // absolute sources were 0, 1, 2, 0; now 0, 1, 0, 0
        assertEquals(encode(new int[][] {{0, 0, 0, 0}, {4, 1, 2, 0}, {4, -1, -1, 0}}) + ";"
                + encode(new int[][] {{0, 0, 0, 0}}), map.get("mappings").asText());
    }

    private static String encode(int[][] segments) {
        StringBuilder out = new StringBuilder();
        try {
            for (int[] segment : segments) {
                if (out.length() > 0) {
                    out.append(',');
                }
                for (int field : segment) {
                    Base64VLQ.encode(out, field);
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toString();
    }
}
