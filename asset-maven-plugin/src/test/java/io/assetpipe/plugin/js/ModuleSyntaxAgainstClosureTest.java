package io.assetpipe.plugin.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.javascript.jscomp.SourceFile;
import com.google.javascript.jscomp.parsing.Config;
import com.google.javascript.jscomp.parsing.ParserRunner;
import com.google.javascript.rhino.ErrorReporter;
import com.google.javascript.rhino.Node;
import io.assetpipe.plugin.TestWebJars;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * {@link ModuleSyntax} against Closure Compiler's own parser, on every script of the real libraries
 * on the test classpath (minified and not, ES modules and classic scripts): the same requests in
 * the same order, the same {@code require("x")} and {@code import("x")} calls, and the same answer
 * to "is it a module".
 */
class ModuleSyntaxAgainstClosureTest {
    private static final List<String> WEBJARS = List.of("lodash-es", "d3", "jquery", "bootstrap", "lit", "lit-html",
            "lit-element", "lit__reactive-element", "fortawesome__fontawesome-free",
            // CommonJS and UMD: their require("x") calls and import("x") too
            "react", "react-dom", "scheduler", "classnames", "lodash", "dayjs", "moment", "prop-types", "react-is",
            "object-assign", "axios");

    @Test
    void findsWhatClosuresParserFindsInEveryLibraryScript() throws IOException {
        Config config = ParserRunner.createConfig(Config.LanguageMode.UNSUPPORTED, Config.JsDocParsing.TYPES_ONLY,
                Config.RunMode.KEEP_GOING, Set.of(), false, Config.StrictMode.SLOPPY);
        int scripts = 0;
        int modules = 0;
        int requires = 0;
        List<String> disagreements = new ArrayList<>();
        for (String webjar : WEBJARS) {
            try (ZipFile zip = new ZipFile(TestWebJars.jar(webjar).toFile())) {
                for (ZipEntry entry : Collections.list(zip.entries())) {
                    String name = entry.getName();
                    if (entry.isDirectory() || !(name.endsWith(".js") || name.endsWith(".mjs"))) {
                        continue;
                    }
                    String code;
                    try (InputStream in = zip.getInputStream(entry)) {
                        code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                    Node script = ParserRunner.parse(SourceFile.fromCode(name, code), code, config,
                            ErrorReporter.NULL_INSTANCE).ast;
                    if (script == null) {
                        continue;
                    }
                    List<String> expected = new ArrayList<>();
                    Node body = script.getFirstChild();
                    boolean module = body != null && body.isModuleBody();
                    for (Node n = module ? body.getFirstChild() : null; n != null; n = n.getNext()) {
                        // import ... from "x" (three children), export ... from "x" (two; not `export default "x"`)
                        if (n.isImport() || n.isExport() && n.hasTwoChildren() && n.getLastChild().isStringLit()) {
                            expected.add(n.getLastChild().getString());
                        }
                    }
                    List<String> expectedCalls = new ArrayList<>();
                    calls(script, expectedCalls);
                    ModuleSyntax.Scan scan = ModuleSyntax.scan(code);
                    List<String> found = scan.requests().stream().map(ModuleSyntax.Request::specifier).toList();
                    List<String> foundCalls = new ArrayList<>();
                    scan.requires().forEach(r -> foundCalls.add("require " + r.specifier()));
                    scan.dynamicImports().forEach(r -> foundCalls.add("import " + r.specifier()));
                    if (!found.equals(expected) || scan.module() != module) {
                        disagreements.add(name + ": Closure " + expected + (module ? " (module)" : "") + ", scan " + found
                                + (scan.module() ? " (module)" : ""));
                    }
                    if (!sorted(foundCalls).equals(sorted(expectedCalls))) {
                        disagreements.add(name + ": Closure's calls " + expectedCalls + ", scan's " + foundCalls);
                    }
                    requires += scan.requires().size();
                    scripts++;
                    modules += module ? 1 : 0;
                }
            }
        }
        assertEquals(List.of(), disagreements);
        assertTrue(scripts > 2000 && modules > 700, scripts + " scripts, " + modules + " modules read");
        assertTrue(requires > 2000, requires + " require calls read"); // lodash's 600 CommonJS files
    }

    /** Every {@code require("x")} (a call of the name require) and {@code import("x")} under {@code n}. */
    private static void calls(Node n, List<String> out) {
        if (n.isCall() && n.getFirstChild().isName() && n.getFirstChild().getString().equals("require")
                && n.hasTwoChildren() && n.getLastChild().isStringLit()) {
            out.add("require " + n.getLastChild().getString());
        } else if (n.getToken() == com.google.javascript.rhino.Token.DYNAMIC_IMPORT && n.getFirstChild().isStringLit()) {
            out.add("import " + n.getFirstChild().getString());
        }
        for (Node child = n.getFirstChild(); child != null; child = child.getNext()) {
            calls(child, out);
        }
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }
}
