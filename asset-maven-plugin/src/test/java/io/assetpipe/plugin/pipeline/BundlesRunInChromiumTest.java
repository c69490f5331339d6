package io.assetpipe.plugin.pipeline;

import static io.assetpipe.plugin.HeadlessChromium.attribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.plugin.HeadlessChromium;
import io.assetpipe.plugin.TestWebJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real libraries bundled by the whole pipeline and then run in headless Chromium: the rendered DOM
 * proves the bundle works, not only that Closure accepted it. React 18, react-dom, scheduler,
 * classnames, lodash and dayjs's main file are CommonJS (or UMD) packages from their WebJars.
 */
class BundlesRunInChromiumTest {
    private static Optional<String> unavailable;

    @TempDir
    Path project;

    @BeforeAll
    static void chromium() {
        unavailable = HeadlessChromium.unavailable();
        unavailable.ifPresent(why -> System.out.println("[WARNING] BundlesRunInChromiumTest " + why));
    }

    private BuildResult.Built build() throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String webjar : List.of("react", "react-dom", "scheduler", "classnames", "lodash", "dayjs", "lodash-es", "jquery", "moment", "prop-types",
                "react-is", "object-assign", "axios", "sweetalert2")) {
            jars.add(TestWebJars.jar(webjar));
        }
        return build(jars);
    }

    private BuildResult.Built build(List<Path> jars) throws IOException {
        BuildConfig config = BuildConfig.defaults(project.resolve("src"), project.resolve("out"), project.resolve("work"))
                .withDependencyJars(jars);
        BuildResult result = new AssetPipeline(config, BuildLog.NONE).run();
        return assertInstanceOf(BuildResult.Built.class, result, result::toString);
    }

    private void write(String path, String text) throws IOException {
        Path f = project.resolve("src").resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    /** The built {@code script} run in Chromium on a page with {@code body}: the DOM afterwards. */
    private String run(BuildResult.Built built, String script, String body) throws Exception {
        Assumptions.assumeTrue(unavailable.isEmpty(), () -> unavailable.get());
        AssetEntry js = built.manifest().assets().get(script);
        Path page = project.resolve("out/page.html");
        Files.writeString(page, HeadlessChromium.page(body, List.of(js.path())));
        String dom = HeadlessChromium.dumpDom(page);
        assertFalse(dom.contains("data-error=\""), "an uncaught error: " + dom);
        return dom;
    }

    @Test
    void reactRendersWithClassnamesLodashAndDayjsFromCommonJs() throws Exception {
        write("js/app.js", """
                import React, { useState } from "react";
                import { createRoot } from "react-dom/client";
                import { flushSync } from "react-dom";
                import cx from "classnames";
                import debounce from "lodash/debounce";
                import _ from "lodash";
                import dayjs from "dayjs";
                function Hello({ name }) {
                  const [count] = useState(2);
                  return React.createElement("p", { id: "hello", className: cx("greeting", { big: count > 1, no: false }) },
                      "Hello, " + name + " x" + count);
                }
                const root = createRoot(document.getElementById("root"));
                flushSync(() => root.render(React.createElement(Hello, { name: "React " + React.version })));
                document.body.setAttribute("data-lodash", _.chunk([1, 2, 3, 4, 5], 2).length + "," + typeof debounce);
                document.body.setAttribute("data-dayjs", dayjs("2024-02-29").add(1, "year").format("YYYY-MM-DD"));
                """);
        BuildResult.Built built = build();
        String code = Files.readString(project.resolve("out").resolve(built.manifest().assets().get("js/app.js").path()));
        // production React only: the development builds sit in the branch process.env.NODE_ENV rules out
        assertFalse(code.contains("react.development") || code.contains("Warning: "), "development React bundled");
        String dom = run(built, "js/app.js", "<div id=\"root\"></div>");
        assertTrue(dom.contains("<p id=\"hello\" class=\"greeting big\">Hello, React 18.3.1 x2</p>"), dom);
        assertEquals("3,function", attribute(dom, "data-lodash"));
        assertEquals("2025-02-28", attribute(dom, "data-dayjs"));
    }

    @Test
    void commonJsRunsAsInNodeAndExportStarAsWorks() throws Exception {
        // What a bundler must keep from CommonJS: a file runs when first required, once; a cycle sees
        // the partial exports; `this` is module.exports; Babel's __esModule default; JSON; global.
        write("js/cjs/lazy.js", "document.body.setAttribute('data-lazy-ran', 'yes');\nexports.v = 5;\n");
        write("js/cjs/a.js", "exports.name = 'a';\nvar b = require('./b');\nexports.fromB = b.name;\n");
        write("js/cjs/b.js", "var a = require('./a.js');\nexports.name = 'b saw ' + a.name;\n");
        write("js/cjs/babel.js", "'use strict';\nObject.defineProperty(exports, '__esModule', { value: true });\n"
                + "exports.default = function greet() { return 'hi'; };\nexports.extra = 1;\n");
        write("js/cjs/this.js", "this.viaThis = typeof global === 'object' && global === window;\n"
                + "exports.later = function () { return require('./lazy').v; };\n"
                + "exports.data = require('./data.json').list.length;\n"
                + "try { exports.missing = require('no-such-package'); } catch (e) { exports.missing = e.message; }\n");
        write("js/cjs/data.json", "{\"list\": [1, 2, 3]}\n");
        write("js/es.js", "export const x = 'es';\n");
        write("js/reexports.js", "export * as babelNs from './cjs/babel.js';\nexport * as esNs from './es.js';\n");
        write("js/app.js", """
                import { fromB } from "./cjs/a.js";
                import greet, { extra } from "./cjs/babel.js";
                import * as babel from "./cjs/babel.js";
                import self, { viaThis, later, data, missing } from "./cjs/this.js";
                import { babelNs, esNs } from "./reexports.js";
                const out = document.body;
                out.setAttribute("data-before", String(document.body.hasAttribute("data-lazy-ran")));
                out.setAttribute("data-cycle", fromB);
                out.setAttribute("data-babel", greet() + "," + extra + "," + (babel.default === greet) + "," + babel.extra);
                out.setAttribute("data-this", viaThis + "," + (self.later === later) + "," + data);
                out.setAttribute("data-later", String(later()));
                out.setAttribute("data-missing", missing);
                out.setAttribute("data-star-as", babelNs.extra + "," + (babelNs.default === greet) + "," + esNs.x);
                """);
        String dom = run(build(), "js/app.js", "");
        assertEquals("false", attribute(dom, "data-before")); // lazy.js had not run before later() required it
        assertEquals("5", attribute(dom, "data-later"));
        assertEquals("yes", attribute(dom, "data-lazy-ran"));
        assertEquals("b saw a", attribute(dom, "data-cycle"));
        assertEquals("hi,1,true,1", attribute(dom, "data-babel"));
        assertEquals("true,true,3", attribute(dom, "data-this"));
        assertEquals("Cannot find module 'no-such-package'", attribute(dom, "data-missing"));
        assertEquals("1,true,es", attribute(dom, "data-star-as")); // export * as ns, of CommonJS and of an ES module
    }

    @Test
    void aJqueryPluginRequiresTheSameJqueryTheAppImports() throws Exception {
        // A UMD jQuery plugin: its CommonJS branch requires "jquery", which jQuery 4's "module" condition
        // maps to a CommonJS wrapper of the ES module the app imports: one jQuery, the plugin on its $.fn.
        write("js/vendor/hello-plugin.js", """
                (function (factory) {
                  if (typeof define === "function" && define.amd) { define(["jquery"], factory); }
                  else if (typeof module === "object" && module.exports) { module.exports = factory(require("jquery")); }
                  else { factory(jQuery); }
                }(function ($) {
                  $.fn.hello = function () { return this.text("hello from the plugin"); };
                  return $;
                }));
                """);
        write("js/app.js", """
                import $ from "jquery";
                import pluginJquery from "./vendor/hello-plugin.js";
                $("#out").hello();
                document.body.setAttribute("data-same", String(pluginJquery === $));
                """);
        // A page that also loads an AMD loader: the plugin asks for define first, and must still export.
        String dom = run(build(), "js/app.js", "<script>window.define = function () {}; define.amd = {};</script>"
                + "<p id=\"out\"></p>");
        assertTrue(dom.contains("<p id=\"out\">hello from the plugin</p>"), dom);
        assertEquals("true", attribute(dom, "data-same"));
    }

    @Test
    void dynamicImportsAreBundledAndRunAfterTheEntry() throws Exception {
        // import("./x.js") with a string, as Rollup's inlineDynamicImports does: the module is in the
        // same file and runs after the entry (it sees what the entry set up); the promise gives its namespace.
        write("js/order.js", "export const log = [];\nexport const state = { ready: false };\n");
        write("js/lazy.js", "import { log, state } from './order.js';\n"
                + "log.push('lazy ran, entry ready: ' + state.ready);\nexport const answer = 42;\n");
        write("js/app.js", """
                import { log, state } from "./order.js";
                state.ready = true;
                log.push("entry ran");
                const pending = import("./lazy.js");
                const fromCommonJs = import("classnames");
                Promise.all([pending, fromCommonJs, import("./lazy.js")]).then(([lazy, cx, again]) => {
                  document.body.setAttribute("data-log", log.join("; "));
                  document.body.setAttribute("data-answer", lazy.answer + "," + (lazy === again));
                  document.body.setAttribute("data-cx", cx.default("a", { b: true }));
                });
                """);
        BuildResult.Built built = build();
        assertEquals(List.of("js/app.js"), built.manifest().assets().keySet().stream()
                .filter(path -> path.endsWith(".js")).toList(), "lazy.js is bundled into app.js, not an entry");
        String dom = run(built, "js/app.js", "");
        assertEquals("entry ran; lazy ran, entry ready: true", attribute(dom, "data-log"));
        assertEquals("42,true", attribute(dom, "data-answer"));
        assertEquals("a b", attribute(dom, "data-cx"));
    }

    @Test
    void mjsAndCjsFilesAreScriptsAsJsFilesAre() throws Exception {
        // An .mjs entry is bundled and keeps its name (it was copied as written, its bare import left
        // for the browser to fail on); an .mjs without import or export is still a module (its
        // top-level var is no global); a .cjs file an ES module imports is bundled, not copied too.
        write("js/app.mjs", "import $ from \"jquery\";\nimport { twice } from \"./util.cjs\";\n"
                + "$(\"body\").attr(\"data-app\", $.fn.jquery.split(\".\")[0] + \",\" + twice(21));\n");
        write("js/util.cjs", "exports.twice = function (x) { return 2 * x; };\n");
        write("js/solo.mjs", "var hidden = 42;\ndocument.body.setAttribute(\"data-solo\", typeof window.hidden + \",\" + hidden);\n");
        BuildResult.Built built = build();
        assertEquals(List.of("js/app.mjs", "js/solo.mjs"), built.manifest().assets().keySet().stream()
                .filter(path -> !path.endsWith(".map")).sorted().toList());
        assertEquals("4,42", attribute(run(built, "js/app.mjs", ""), "data-app"));
        assertEquals("undefined,42", attribute(run(built, "js/solo.mjs", ""), "data-solo"));
    }

    @Test
    void aClassicWebJarIsImportedByItsName() throws Exception {
        // org.webjars:jquery 3.7 has no package.json: "jquery" is its jquery.js (it was: cannot resolve import "jquery").
        write("js/app.js", "import $ from \"jquery\";\n$(\"body\").attr(\"data-jquery\", $.fn.jquery);\n");
        String dom = run(build(List.of(TestWebJars.classicJar("jquery"))), "js/app.js", "");
        assertEquals("3.7.1", attribute(dom, "data-jquery"));
    }

    @Test
    void superInAStaticMethodKeepsTheSubclassAsThis() throws Exception {
        // Quill 2's Parchment: a blot's static create() calls super.create(), which reads this.tagName
        // of the subclass. Closure alone turns super.create() into Base.create(), which reads Base's null.
        String blots = """
                class Blot { static create() { return document.createElement(this.tagName); } }
                Blot.tagName = null;
                class Block extends Blot { static create() { const node = super.create(); node.id = "b"; return node; } }
                Block.tagName = "P";
                class Header extends Block {}
                Header.tagName = "H1";
                """;
        write("js/module.js", blots + "document.body.setAttribute(\"data-module\", Block.create().tagName + \",\""
                + " + Header.create().tagName);\nexport {};\n");
        write("js/plain.js", blots + "document.body.setAttribute(\"data-plain\", Block.create().tagName);\n");
        BuildResult.Built built = build();
        assertEquals("P,H1", attribute(run(built, "js/module.js", ""), "data-module"));
        assertEquals("P", attribute(run(built, "js/plain.js", ""), "data-plain"));
    }

    @Test
    void sweetalert2ShowsItsDialogStyledByTheCssItInjects() throws Exception {
        // Its CSS string is kept once, in a variable the build adds (RealLibrariesTest): the injector must still see it.
        write("js/app.js", """
                import Swal from "sweetalert2";
                Swal.fire({ title: "Saved", icon: "success", animation: false });
                const popup = document.querySelector(".swal2-popup");
                document.body.setAttribute("data-swal", Swal.isVisible() + "," + document.querySelector(".swal2-title").textContent
                    + "," + getComputedStyle(popup).display);
                """);
        assertEquals("true,Saved,grid", attribute(run(build(), "js/app.js", ""), "data-swal"));
    }

    @Test
    void moreCommonJsUmdAndBrowserFieldPackagesRun() throws Exception {
        // moment 2.30 (UMD), prop-types 15.8 (CommonJS; its development half requires react-is and
        // object-assign), react-is 18.3, axios 1.7 (its "browser" condition and field swap its Node adapter out).
        write("js/app.js", """
                import moment from "moment";
                import PropTypes from "prop-types";
                import { isElement } from "react-is";
                import React from "react";
                import axios from "axios";
                const out = [
                  moment("2024-01-31").add(1, "month").format("YYYY-MM-DD"),
                  typeof PropTypes.string.isRequired,
                  isElement(React.createElement("p")),
                  typeof axios.get,
                  axios.getUri({ url: "/api", params: { q: "a b" } }),
                ];
                document.body.setAttribute("data-out", out.join(","));
                """);
        String dom = run(build(), "js/app.js", "");
        assertEquals("2024-02-29,function,true,function,/api?q=a+b", attribute(dom, "data-out"));
    }

    @Test
    void aVerbatimScriptIsCopiedAsItIsAndRuns() throws Exception {
        // Turbo 8 uses private class members (#x), which Closure Compiler (v20260128, v20261109) cannot parse: as
        // an entry the build fails; listed in verbatimScripts it is copied as it is and runs.
        byte[] turbo = TestWebJars.file("hotwired__turbo", "dist/turbo.es2017-umd.js");
        Path vendored = project.resolve("src/js/vendor/turbo.js");
        Files.createDirectories(vendored.getParent());
        Files.write(vendored, turbo);
        write("js/app.js", "document.body.setAttribute('data-turbo', typeof Turbo.visit + ',' + typeof Turbo.session);\n");
        BuildConfig config = BuildConfig.defaults(project.resolve("src"), project.resolve("out"), project.resolve("work"));

        BuildResult.Failed failed = assertInstanceOf(BuildResult.Failed.class, new AssetPipeline(config, BuildLog.NONE).run());
        assertTrue(failed.toString().contains("js/vendor/turbo.js") && failed.toString().contains("Private elements"),
                failed::toString);
        BuildResult.Failed typo = assertInstanceOf(BuildResult.Failed.class, new AssetPipeline(
                config.withVerbatimScripts(List.of("js/vendor/turbo.js", "js/vendr/*.js")), BuildLog.NONE).run());
        assertTrue(typo.toString().contains("<verbatimScripts> js/vendr/*.js matches no script"), typo::toString);

        BuildResult result = new AssetPipeline(config.withVerbatimScripts(List.of("js/vendor/*.js")), BuildLog.NONE).run();
        BuildResult.Built built = assertInstanceOf(BuildResult.Built.class, result, result::toString);
        AssetEntry entry = built.manifest().assets().get("js/vendor/turbo.js");
        assertTrue(entry.path().matches("js/vendor/turbo-[0-9a-f]{12}\\.js"), entry.path());
        assertArrayEquals(turbo, Files.readAllBytes(project.resolve("out").resolve(entry.path())), "not copied as it is");
        assertEquals(3, entry.encodings().size(), "br, gzip and zstd variants");
        Assumptions.assumeTrue(unavailable.isEmpty(), () -> unavailable.get());
        Path page = project.resolve("out/page.html");
        Files.writeString(page, HeadlessChromium.page("", List.of(entry.path(), built.manifest().assets().get("js/app.js").path())));
        String dom = HeadlessChromium.dumpDom(page);
        assertFalse(dom.contains("data-error=\""), "an uncaught error: " + dom);
        assertEquals("function,object", attribute(dom, "data-turbo"));
    }
}
