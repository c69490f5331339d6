package io.assetpipe.plugin.scss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.debugging.sourcemap.SourceMapConsumerV3;
import com.google.debugging.sourcemap.SourceMapParseException;
import com.google.debugging.sourcemap.proto.Mapping.OriginalMapping;
import io.assetpipe.plugin.compile.CompileResult;
import io.assetpipe.plugin.compile.Diagnostic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DartSassStylesheetCompilerTest {
    private static DartSassStylesheetCompiler sass;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        sass = DartSassStylesheetCompiler.onClassPath();
    }

    @AfterAll
    static void stop() {
        sass.close();
    }

    private Path file(String path, String text) throws IOException {
        Path f = dir.resolve(path);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, text);
    }

    private CompileResult compile(Path entry, boolean sourceMap) {
        String output = dir.resolve("src").relativize(entry).toString().replaceFirst("\\.s[ac]ss$", ".css");
        return sass.compile(entry, dir.resolve("src"), output, List.of(dir.resolve("lib")), sourceMap);
    }

    private CompileResult.Compiled compiled(Path entry) {
        return assertInstanceOf(CompileResult.Compiled.class, compile(entry, true), () -> compile(entry, false).toString());
    }

    @Test
    void modulesFromLibrariesByLoadPathAndPkgUrl() throws IOException {
        // A package whose package.json names its Sass entry, as @tabler/core's "sass" field does.
        Path widget = file("lib/widget/scss/_widget.scss", "$size: 3px !default;\n.widget { border: $size solid; }\n");
        file("lib/widget/package.json", "{\"name\": \"widget\", \"sass\": \"scss/_widget.scss\", \"style\": \"dist/w.css\"}");
        // A package without package.json, found by its folder's _index.scss, as Bulma 1's "bulma/sass".
        Path grid = file("lib/grid/sass/_index.scss", "@use \"sass:math\";\n.col { width: math.div(100%, 3); }\n");
        Path site = file("src/css/site.scss", "@use \"pkg:widget\" with ($size: 5px);\n@use \"grid/sass\";\n"
                + ".x { color: green; }\n");

        CompileResult.Compiled out = compiled(site);
        assertEquals(".widget{border:5px solid}.col{width:33.3333333333%}.x{color:green}", out.code());
        assertEquals(List.of(site, widget, grid), out.inputs());
    }

    @Test
    void theIndentedSyntaxToo() throws IOException {
        file("src/css/_base.sass", "$pad: 4px\n");
        Path site = file("src/css/site.sass", "@use \"base\"\n.x\n  padding: base.$pad * 2\n");
        assertEquals(".x{padding:8px}", compiled(site).code());
    }

    @Test
    void aPkgUrlFollowsThePackagesExportsAndStaysInsideIt() throws IOException {
        file("lib/kit/package.json", "{\"exports\": {\".\": {\"sass\": \"./src/_kit.scss\", \"default\": \"./kit.js\"},"
                + " \"./theme\": {\"style\": \"./src/_theme.scss\"}}}");
        file("lib/kit/src/_kit.scss", ".kit { color: red; }\n");
        file("lib/kit/src/_theme.scss", ".theme { color: blue; }\n");
        file("lib/secret.scss", ".secret { color: black; }\n");
        Path site = file("src/site.scss", "@use \"pkg:kit\";\n@use \"pkg:kit/theme\";\n");
        assertEquals(".kit{color:red}.theme{color:blue}", compiled(site).code());

        Path escape = file("src/escape.scss", "@use \"pkg:kit/../secret\";\n");
        CompileResult.Failed failed = assertInstanceOf(CompileResult.Failed.class, compile(escape, false));
        assertEquals(escape + ":1:1: Can't find stylesheet to import.", failed.errors().get(0).toString());
    }

    @Test
    void errorsAreAtTheirFileLineAndColumn() throws IOException {
        Path partial = file("src/css/_theme.scss", "$pad: 4px;\n.a {\n  width: math.div(1px, $nope);\n}\n");
        Path site = file("src/css/site.scss", "@use \"sass:math\";\n@import \"theme\";\n"); // math. is visible there
        CompileResult.Failed failed = assertInstanceOf(CompileResult.Failed.class, compile(site, false));
        assertEquals(List.of(partial + ":3:24: Undefined variable."),
                failed.errors().stream().map(Diagnostic::toString).toList());

        Path syntax = file("src/css/broken.scss", ".b {\n  color: red\n  .c { }\n");
        failed = assertInstanceOf(CompileResult.Failed.class, compile(syntax, false));
        assertTrue(failed.errors().get(0).toString().startsWith(syntax + ":3:"), failed.errors().toString());
    }

    @Test
    void deprecationsAreSummedUpPerKindAndFileAndLibrariesAreQuiet() throws IOException {
        // What Bootstrap 5.3 does all over: @import, and colour functions Dart Sass deprecates.
        file("lib/vendor/_vendor.scss", "@warn \"a library's warning\";\n.v { color: darken(#fff, 10%); }\n"
                + ".w { color: lighten(#000, 10%); }\n");
        Path colors = file("src/css/_colors.scss", ".p { color: darken(#fff, 10%); }\n.q { color: lighten(#000, 20%); }\n"
                + ".r { color: darken(#fff, 30%); }\n@warn \"check #{1 + 1} columns\";\n");
        Path site = file("src/css/site.scss", "@import \"colors\";\n@import \"vendor/vendor\";\n.x { color: red; }\n");

        List<String> warnings = compiled(site).warnings().stream().map(Diagnostic::toString).toList();
        assertEquals(List.of(
                site + ":1:9: deprecation import: Sass @import rules are deprecated and will be removed in Dart Sass"
                        + " 3.0.0. More info and automated migrator: https://sass-lang.com/d/import (2 times in this file,"
                        + " also at 2:9)",
                colors + ":1:13: deprecation global-builtin: Global built-in functions are deprecated and will be removed"
                        + " in Dart Sass 3.0.0. Use color.adjust instead. More info and automated migrator:"
                        + " https://sass-lang.com/d/import (3 times in this file, also at 2:13, 3:13)",
                colors + ":1:13: deprecation color-functions: darken() is deprecated. Suggestions: color.scale($color,"
                        + " $lightness: -10%) color.adjust($color, $lightness: -10%) More info:"
                        + " https://sass-lang.com/d/color-functions (3 times in this file, also at 2:13, 3:13)",
                colors + ":4:1: @warn check 2 columns"), warnings);
    }

    @Test
    void debugGoesToStandardErrorAsTheSassCommandPrintsIt() throws IOException {
        Path site = file("src/css/site.scss", ".a { color: red; }\n@debug \"width: #{10px * 2}\";\n");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        CompileResult.Compiled out;
        try {
            out = compiled(site);
        } finally {
            System.setErr(err);
        }
        assertEquals(List.of(), out.warnings(), "not a warning");
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains(site + ":2 DEBUG: width: 20px\n"), captured::toString);
    }

    @Test
    void theMapNamesEachSourceOnceAsTheBundleDoesAndPointsAtTheRightLines() throws IOException {
        file("src/css/_vars.scss", "$red: #f00;\n$blue: #00f;\n");
        file("src/css/_a.scss", "@use \"vars\";\n.a { color: vars.$red; }\n");
        file("src/css/_b.scss", "@use \"vars\";\n\n.b { color: vars.$blue; }\n");
        file("lib/kit/_index.scss", "@mixin box {\n  width: 1px;\n}\n");
        Path site = file("src/css/site.scss", "@use \"a\";\n@use \"b\";\n@use \"kit\";\n.x {\n  color: green;\n"
                + "  @include kit.box;\n}\n");
        CompileResult.Compiled out = compiled(site);
        JsonNode map = new ObjectMapper().readTree(out.sourceMap());
        List<String> sources = new ArrayList<>();
        map.path("sources").forEach(source -> sources.add(source.asText()));
        // _vars.scss, used by both partials, once; the library's file named by its include directory.
        assertEquals(List.of("css/_a.scss", "css/_vars.scss", "css/_b.scss", "css/site.scss", "lib/kit/_index.scss"),
                sources);
        assertEquals("$red: #f00;\n$blue: #00f;\n", map.path("sourcesContent").get(1).asText());

        SourceMapConsumerV3 consumer = new SourceMapConsumerV3();
        try {
            consumer.parse(out.sourceMap());
        } catch (SourceMapParseException e) {
            throw new AssertionError(e);
        }
        for (String[] at : List.of(new String[] {".a", "css/_a.scss", "2"}, new String[] {".b", "css/_b.scss", "3"},
                new String[] {".x", "css/site.scss", "4"}, new String[] {"width", "lib/kit/_index.scss", "2"})) {
            OriginalMapping original = consumer.getMappingForLine(1, out.code().indexOf(at[0]) + 1);
            assertEquals(at[1] + ":" + at[2], original.getOriginalFile() + ":" + original.getLineNumber(), at[0]);
        }
    }

    @Test
    void oneProcessServesEveryCompileUntilClosedAndADeadOneIsReplaced() throws Exception {
        Path a = file("src/a.scss", ".a { color: red; }\n");
        Path b = file("src/b.scss", ".b { color: blue; }\n");
        try (DartSassStylesheetCompiler own = DartSassStylesheetCompiler.onClassPath()) {
            assertTrue(own.process().isEmpty(), "started by the first compile, not before");
            own.compile(a, dir.resolve("src"), "a.css", List.of(), false);
            ProcessHandle first = own.process().orElseThrow();
            assertInstanceOf(CompileResult.Compiled.class, own.compile(b, dir.resolve("src"), "b.css", List.of(), false));
            assertEquals(first.pid(), own.process().orElseThrow().pid(), "the same process for the second file");

            first.destroyForcibly();
            first.onExit().get(10, TimeUnit.SECONDS);
            assertInstanceOf(CompileResult.Compiled.class, own.compile(a, dir.resolve("src"), "a.css", List.of(), false),
                    "a process that died is replaced");
            ProcessHandle second = own.process().orElseThrow();
            assertNotEquals(first.pid(), second.pid());

            own.close();
            second.onExit().get(10, TimeUnit.SECONDS);
            assertTrue(own.process().isEmpty());
        }
    }

    @Test
    void aPlatformWithoutABuildIsNamed() throws IOException {
        Path jar = DartSassStylesheetCompiler.binariesOnClassPath();
        IOException e = assertThrows(IOException.class, () -> DartSassBinaries.of(jar, "linux-ia32.tar.gz"));
        assertEquals("Dart Sass has no build for this machine (" + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ": linux-ia32) in sass-embedded-bundled-4.4.0.jar, which has linux-arm,"
                + " linux-arm-musl, linux-arm64, linux-arm64-musl, linux-riscv64, linux-riscv64-musl, linux-x64,"
                + " linux-x64-musl, macos-arm64, macos-x64, windows-x64", e.getMessage());

        // sass-embedded-host takes any other system for Linux; it is named as it is instead.
        assertEquals("freebsd-amd64", DartSassBinaries.platform("FreeBSD", "amd64"));
        e = assertThrows(IOException.class, () -> DartSassBinaries.of(jar, DartSassBinaries.platform("FreeBSD", "amd64")));
        assertTrue(e.getMessage().contains(": freebsd-amd64) in sass-embedded-bundled-4.4.0.jar, which has linux-arm,"),
                e.getMessage());
        assertTrue(DartSassBinaries.platform("Linux", "amd64").startsWith("linux-x64"), "this machine's");
    }
}
