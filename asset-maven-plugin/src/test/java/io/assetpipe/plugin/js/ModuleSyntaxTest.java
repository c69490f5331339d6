package io.assetpipe.plugin.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleSyntaxTest {
    private static List<String> specifiers(String code) {
        ModuleSyntax.Scan scan = ModuleSyntax.scan(code);
        for (ModuleSyntax.Request request : scan.requests()) {
            // every offset points at the specifier inside its quotes, for rewriting and for errors
            assertEquals(request.specifier(), code.substring(request.start(), request.end()));
        }
        return scan.requests().stream().map(ModuleSyntax.Request::specifier).toList();
    }

    @Test
    void everyFormOfStaticImportAndReExport() {
        String code = """
                import def from "./a.js";
                import * as ns from './b.js';
                import def2, { x as y, z } from "./c.js";
                import {
                  multi,
                  line,
                } from "./d.js";
                import "./side-effect.js";
                export * from "./e.js";
                export * as e2 from "./f.js";
                export { default, g as h } from "./g.js";
                export { local };
                export const k = 1;
                export default function () {}
                """;
        assertEquals(List.of("./a.js", "./b.js", "./c.js", "./d.js", "./side-effect.js", "./e.js", "./f.js", "./g.js"),
                specifiers(code));
        assertTrue(ModuleSyntax.scan(code).module());
    }

    @Test
    void minifiedModulesWithEverythingOnOneLine() {
        // lit 3's own files look like this: several imports and re-exports per line, no spaces.
        String code = "import{ReactiveElement as t}from\"@lit/reactive-element\";export*from\"@lit/reactive-element\";"
                + "import{render as e,noChange as s}from\"lit-html\";export*from\"lit-html\";const i=globalThis;"
                + "class o extends t{}export{o as LitElement};import\"./x.js\"";
        assertEquals(List.of("@lit/reactive-element", "@lit/reactive-element", "lit-html", "lit-html", "./x.js"),
                specifiers(code));
        ModuleSyntax.Scan scan = ModuleSyntax.scan(code);
        assertEquals(List.of(true, true, true, true, false),
                scan.requests().stream().map(ModuleSyntax.Request::bindings).toList());
    }

    @Test
    void importsInCommentsStringsAndTemplatesAreNotImports() {
        String code = """
                // import a from "./line-comment.js";
                /*
                import b from "./block-comment.js";
                */
                const s = 'import c from "./single-quoted.js"';
                const d = "import d from './double-quoted.js'";
                const snippet = `
                import e from "./template.js";
                ${ `nested ${"import f from './nested.js'"}` }
                `;
                import real from "./real.js";
                """;
        assertEquals(List.of("./real.js"), specifiers(code));
    }

    @Test
    void aTemplateWithBracesInItsExpressionsEndsWhereItEnds() {
        String code = "const t = `a ${ {k: {j: 1}}.k.j } b ${ f({}) } c`;\nimport x from \"./after.js\";";
        assertEquals(List.of("./after.js"), specifiers(code));
    }

    @Test
    void regularExpressionsWithQuotesDoNotOpenStrings() {
        String code = """
                const quote = /['"`]/g, slashes = /\\/\\//, klass = /[/'"]/;
                if (x) { y(); } /"/.test(z);
                return/'/.source;
                import a from "./a.js";
                """;
        assertEquals(List.of("./a.js"), specifiers(code));
    }

    @Test
    void divisionIsNotARegularExpression() {
        // Minified, on one line: were a '/' here taken to open a regular expression, it would end at
        // the "/" string's slash, and the quote after it would open a string that hides the import.
        for (String value : List.of("(a+b)", "arr[0]", "i++", "total", "2", "'s'.length")) {
            String code = "const r=" + value + "/2,q=\"/\";import a from\"./a.js\";";
            assertEquals(List.of("./a.js"), specifiers(code), code);
        }
    }

    @Test
    void dynamicImportImportMetaAndPropertiesAreNotDeclarations() {
        String code = """
                const lazy = import("./lazy.js");
                console.log(import.meta.url);
                const o = { import: 1, export: 2, import() {} };
                loader.import("./via-method.js"); registry?.export;
                """;
        ModuleSyntax.Scan scan = ModuleSyntax.scan(code);
        assertEquals(List.of(), scan.requests());
        assertFalse(scan.module(), "a classic script that only uses import() stays a classic script");
    }

    @Test
    void anExportListWithoutFromIsFollowedByTheNextStatement() {
        String code = "export { a, b }\nimport c from \"./c.js\"\nexport {d}import e from\"./e.js\"";
        assertEquals(List.of("./c.js", "./e.js"), specifiers(code));
    }

    @Test
    void aHashbangLineIsSkipped() {
        assertEquals(List.of("./a.js"), specifiers("#!/usr/bin/env node\nimport a from './a.js';"));
    }

    @Test
    void unterminatedLiteralsDoNotRunPastTheirLine() {
        String code = "const s = \"never closed\nimport a from \"./a.js\";\nconst r = /unclosed\nimport b from './b.js';";
        assertEquals(List.of("./a.js", "./b.js"), specifiers(code));
    }

    @Test
    void clausesSayWhatTheyImportAndWhereTheirRewritesGo() {
        String code = "import def, { from, x as y, z } from \"./c.js\";\nimport * as ns from 'b';\nexport { default as d, g } from \"g\";\n"
                + "export*from\"e\";export * as e2 from \"./f.js\";\nimport \"./side.js\";\n";
        List<ModuleSyntax.Request> requests = ModuleSyntax.scan(code).requests();
        assertEquals(List.of(ModuleSyntax.Kind.IMPORT, ModuleSyntax.Kind.IMPORT, ModuleSyntax.Kind.EXPORT_NAMED,
                        ModuleSyntax.Kind.EXPORT_ALL, ModuleSyntax.Kind.EXPORT_ALL_AS, ModuleSyntax.Kind.IMPORT),
                requests.stream().map(ModuleSyntax.Request::kind).toList());
        assertEquals(List.of(List.of("default", "from", "x", "z"), List.of("*"), List.of("default", "g"), List.of(), List.of("e2"),
                List.of()), requests.stream().map(ModuleSyntax.Request::names).toList());
        ModuleSyntax.Request namespace = requests.get(1);
        assertEquals("* as ns", code.substring(namespace.spanStart(), namespace.spanEnd()));
        ModuleSyntax.Request starAs = requests.get(4);
        assertEquals("export * as e2 from \"./f.js\"", code.substring(starAs.spanStart(), starAs.spanEnd()));
    }

    @Test
    void commonJsRequiresAndDynamicImports() {
        String code = """
                'use strict';
                var a = require('./a'), b = require("b").x;
                function later() { return require('./lazy.js'); }
                try { var c = require('optional'); } catch (e) {}
                var d = require(name), t = typeof require, m = obj.require('not-this');
                // require('in-a-comment')
                var s = "require('in-a-string')";
                import('./dynamic.js').then(m => m);
                module.exports = { a, b };
                """;
        ModuleSyntax.Scan scan = ModuleSyntax.scan(code);
        assertFalse(scan.module());
        assertTrue(scan.commonJs());
        assertFalse(scan.ownRequire());
        assertEquals(List.of("./a", "b", "./lazy.js", "optional"),
                scan.requires().stream().map(ModuleSyntax.Request::specifier).toList());
        assertEquals(List.of(false, false, false, true), scan.requires().stream().map(ModuleSyntax.Request::guarded).toList());
        ModuleSyntax.Request first = scan.requires().get(0);
        assertEquals("require('./a')", code.substring(first.spanStart(), first.spanEnd()));
        ModuleSyntax.Request dynamic = scan.dynamicImports().get(0);
        assertEquals("import('./dynamic.js')", code.substring(dynamic.spanStart(), dynamic.spanEnd()));
        assertEquals(List.of(), scan.requests());
    }

    @Test
    void whatMakesAFileCommonJsAndARequireTheFilesOwn() {
        assertTrue(ModuleSyntax.scan("exports.a = 1;").commonJs());
        assertTrue(ModuleSyntax.scan("module . exports = f;").commonJs());
        assertTrue(ModuleSyntax.scan("(function (g, f) { typeof exports === 'object' ? f(exports) : f(g.x = {}); })(this, f);")
                .commonJs());
        assertFalse(ModuleSyntax.scan("var o = { exports: 1 }; o.module.exports = 2; // module.exports\n").commonJs());
        assertFalse(ModuleSyntax.scan("function legacy() {}\nvar x = 'module.exports';\n").commonJs());
        // a browserify bundle's modules get their own require: its calls are not the module system's
        assertTrue(ModuleSyntax.scan("(function(require, module, exports){ var a = require('./a'); })").ownRequire());
        assertTrue(ModuleSyntax.scan("var require = function (id) {}; require('x');").ownRequire());
        assertTrue(ModuleSyntax.scan("define(['require'], function (require) { require('x'); });").ownRequire());
        assertFalse(ModuleSyntax.scan("if (typeof require === 'function') { require('x'); }").ownRequire());
    }
}
