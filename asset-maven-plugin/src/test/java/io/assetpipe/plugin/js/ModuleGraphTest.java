package io.assetpipe.plugin.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.plugin.TestWebJars;
import io.assetpipe.plugin.library.LibraryRoots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleGraphTest {
    @TempDir
    Path root;

    /** The graph of {@code scripts} under {@code root/src}, with {@code root/node_modules} as the libraries. */
    private ModuleGraph scan(String... scripts) throws Exception {
        return ModuleGraph.scan(root.resolve("src"), List.of(scripts),
                LibraryRoots.prepare(List.of(), root.resolve("webjars"), root.resolve("node_modules")));
    }

    /** Files under {@code base}: a path, its text, a path, its text… */
    private void files(Path base, String... pathsAndTexts) throws Exception {
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            file(base, pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
    }

    /** The input named {@code name} of the graph's entries, as planned (with its requests' targets). */
    private static ScriptInput input(ModuleGraph graph, String name) {
        return graph.entries().stream().flatMap(entry -> entry.inputs().stream())
                .filter(input -> input.name().equals(name)).findFirst().orElseThrow();
    }

    private void file(Path base, String path, String text) throws Exception {
        Path f = base.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    @Test
    void entryPointsAreTheScriptsNobodyImports() throws Exception {
        Path src = root.resolve("src");
        Path modules = root.resolve("node_modules");
        file(src, "js/app.js", "import { a } from './a.js';\nimport dflt, {\n  x,\n  y\n} from \"pkg\";\nimport 'pkg/side';\n");
        file(src, "js/a.js", "export * from './b.js';\nexport const a = 1;\n");
        file(src, "js/b.js", "export const b = 2;\n");
        file(src, "js/admin.js", "export const notImported = 1;\n");
        file(src, "js/_shared/util.js", "export const u = 1;\n");
        file(modules, "pkg/package.json", "{\"exports\": {\".\": {\"node\": \"./cjs.js\", \"import\": \"./esm/index.js\"}}}");
        file(modules, "pkg/esm/index.js", "export default 1; export const x = 1, y = 2;\n");
        file(modules, "pkg/side.js", "window.side = 1;\n");
        LibraryRoots libs = LibraryRoots.prepare(List.of(), root.resolve("webjars"), modules);

        ModuleGraph graph = ModuleGraph.scan(src,
                List.of("js/_shared/util.js", "js/a.js", "js/admin.js", "js/app.js", "js/b.js"), libs);

        assertEquals(List.of(), graph.errors());
        assertEquals(List.of("js/admin.js", "js/app.js"), graph.entries().stream().map(ModuleGraph.Entry::logicalPath).toList());
        List<String> appInputs = graph.entries().get(1).inputs().stream().map(ScriptInput::name).toList();
        assertEquals(List.of("js/b.js", "js/a.js", "node_modules/pkg/esm/index.js", "node_modules/pkg/side.js", "js/app.js"),
                appInputs);
        assertEquals("node_modules/pkg/esm/index.js", graph.bareSpecifiers().get("pkg"));
        assertEquals("node_modules/pkg/side.js", graph.bareSpecifiers().get("pkg/side"));
    }

    @Test
    void unresolvedImportsAreErrorsWithPosition() throws Exception {
        Path src = root.resolve("src");
        file(src, "js/app.js", "// app\nimport { a } from './b';\nimport nope from 'nope';\nimport './style.css';\n");
        file(src, "js/style.css", "body { color: red }\n");
        file(src, "js/a.js", "export const a = 1;\n");
        ModuleGraph graph = ModuleGraph.scan(src, List.of("js/a.js", "js/app.js"),
                LibraryRoots.prepare(List.of(), root.resolve("webjars"), null));
        List<String> errors = graph.errors().stream().map(Object::toString).toList();
        assertEquals(3, errors.size(), errors.toString());
        assertEquals(src.resolve("js/app.js") + ":2:20: cannot resolve import \"./b\" (no such file, nor with .js, .mjs or"
                + " /index.js added)", errors.get(0));
        assertTrue(errors.get(1).startsWith(src.resolve("js/app.js") + ":3:19: cannot resolve import \"nope\""), errors.get(1));
        assertEquals(src.resolve("js/app.js") + ":4:9: \"./style.css\" is not JavaScript; only .js, .mjs and .cjs files can"
                + " be imported (link a stylesheet from the page or @import it in Sass)", errors.get(2));
        // app.js has broken imports, so it is not compiled (no second error from Closure); a.js,
        // which nobody managed to import, is an entry of its own.
        assertEquals(List.of("js/a.js"), graph.entries().stream().map(ModuleGraph.Entry::logicalPath).toList());
    }

    @Test
    void aBareImportNothingProvidesNamesTheWebJarThatWould() throws Exception {
        Path app = root.resolve("src/js/app.js");
        file(root.resolve("src"), "js/app.js", "import dayjs from \"dayjs\";\nimport { Turbo } from \"@hotwired/turbo\";\n"
                + "import utc from \"dayjs/plugin/utc\";\nimport x from \"pkg/nothere.js\";\n");
        file(root.resolve("node_modules"), "pkg/package.json", "{}");
        String looked = " (looked in the WebJars on the dependency list and node_modules)";
        assertEquals(List.of(
                app + ":1:20: cannot resolve import \"dayjs\"" + looked + "; add the WebJar org.webjars.npm:dayjs to"
                        + " the POM's dependencies (scope provided), or install dayjs into node_modules",
                app + ":2:24: cannot resolve import \"@hotwired/turbo\"" + looked + "; add the WebJar"
                        + " org.webjars.npm:hotwired__turbo to the POM's dependencies (scope provided), or install"
                        + " @hotwired/turbo into node_modules",
                app + ":3:18: cannot resolve import \"dayjs/plugin/utc\"" + looked + "; add the WebJar"
                        + " org.webjars.npm:dayjs to the POM's dependencies (scope provided), or install dayjs into"
                        + " node_modules",
                // The package is there, the file is not: no WebJar to add.
                app + ":4:16: cannot resolve import \"pkg/nothere.js\"" + looked),
                scan("js/app.js").errors().stream().map(Object::toString).toList());
    }

    @Test
    void aCommonJsPackageIsBundledWithWhatItRequires() throws Exception {
        Path src = root.resolve("src");
        Path modules = root.resolve("node_modules");
        // As React 18's package: CommonJS only, the build picked by process.env.NODE_ENV.
        file(src, "js/app.js", "import React, { useState } from \"react\";\nimport \"umd-lib\";\nconsole.log(React);\n");
        file(modules, "react/package.json", "{\"main\": \"index.js\", \"exports\": {\".\": {\"react-server\": \"./rsc.js\","
                + " \"default\": \"./index.js\"}}}");
        file(modules, "react/index.js", "'use strict';\nif (process.env.NODE_ENV === 'production') {\n"
                + "  module.exports = require('./cjs/react.production.min.js');\n} else {\n"
                + "  module.exports = require('./cjs/react.development');\n}\n");
        file(modules, "react/cjs/react.production.min.js", "exports.useState = function () {};\n");
        file(modules, "react/cjs/react.development.js", "var shared = require('../lib');\nexports.useState = shared.s;\n");
        file(modules, "react/lib/index.js", "exports.s = require('./data.json').s;\n");
        file(modules, "react/lib/data.json", "{\"s\": 1}\n");
        file(modules, "umd-lib/package.json", "{\"main\": \"dist/umd.js\"}");
        file(modules, "umd-lib/dist/umd.js", "(function (g, f) { typeof exports === 'object' && typeof module !== 'undefined'"
                + " ? module.exports = f() : (g.Lib = f()); })(this, function () { return {}; });\n");
        ModuleGraph graph = scan("js/app.js");
        assertEquals(List.of(), graph.errors());
        List<ScriptInput> inputs = graph.entries().get(0).inputs();
        assertEquals(List.of("node_modules/react/cjs/react.production.min.js", "node_modules/react/lib/data.json",
                        "node_modules/react/lib/index.js", "node_modules/react/cjs/react.development.js",
                        "node_modules/react/index.js", "node_modules/umd-lib/dist/umd.js", "js/app.js"),
                inputs.stream().map(ScriptInput::name).toList());
        assertEquals(List.of(true, true, true, true, true, true, false), inputs.stream().map(ScriptInput::commonJs).toList());
        assertEquals(Map.of("./cjs/react.production.min.js", "node_modules/react/cjs/react.production.min.js",
                "./cjs/react.development", "node_modules/react/cjs/react.development.js"), inputs.get(4).targets());
        assertEquals(Map.of("./data.json", "node_modules/react/lib/data.json"), inputs.get(2).targets());
        assertEquals(Map.of("react", "node_modules/react/index.js", "umd-lib", "node_modules/umd-lib/dist/umd.js"),
                inputs.get(6).targets());
    }

    @Test
    void requiresThatCannotBeResolvedAreErrorsWithPositionUnlessInATryBlock() throws Exception {
        Path src = root.resolve("src");
        Path modules = root.resolve("node_modules");
        file(src, "js/app.js", "import lib from \"lib\";\nimport star from \"./reexport.js\";\nconsole.log(lib, star);\n");
        file(src, "js/reexport.js", "export * from \"lib\";\n");
        files(modules, "lib/package.json", "{\"main\": \"index.js\"}",
                "lib/index.js", "var crypto;\ntry { crypto = require('crypto'); } catch (e) {}\n"
                        + "var path = require(\"path\");\nvar esm = require('./esm.js');\nmodule.exports = { crypto, path, esm };\n",
                "lib/esm.js", "export const x = 1;\n");
        ModuleGraph graph = scan("js/app.js", "js/reexport.js");
        Path lib = modules.resolve("lib/index.js");
        assertEquals(List.of(
                lib + ":3:21: cannot resolve require(\"path\") (looked in the WebJars on the dependency list and"
                        + " node_modules); a require() that may fail belongs in a try block, which leaves it to run time",
                src.resolve("js/reexport.js") + ":1:16: export * from \"lib\": node_modules/lib/index.js is a CommonJS"
                        + " module, whose names are only known when it runs; re-export the names you need:"
                        + " export { a, b } from \"lib\""),
                graph.errors().stream().map(Object::toString).toList());
        assertEquals(List.of(), graph.entries());
    }

    @Test
    void aBrowserFieldFalseMakesARequireAnEmptyObject() throws Exception {
        // As many CommonJS packages: "browser": {"fs": false, "./lib/node.js": false} (no module in browsers).
        file(root.resolve("src"), "js/app.js", "import pkg from \"pkg\";\nconsole.log(pkg);\n");
        files(root.resolve("node_modules"), "pkg/package.json", "{\"browser\": {\"fs\": false, \"./lib/node\": false}}",
                "pkg/index.js", "var fs = require('fs');\nvar node = require('./lib/node');\nmodule.exports = require('./lib/real');\n",
                "pkg/lib/node.js", "module.exports = require('os');\n",
                "pkg/lib/real.js", "module.exports = 1;\n");
        ModuleGraph graph = scan("js/app.js");
        assertEquals(List.of(), graph.errors());
        List<ScriptInput> inputs = graph.entries().get(0).inputs();
        assertEquals(List.of("node_modules/pkg/lib/real.js", "node_modules/pkg/index.js", "js/app.js"),
                inputs.stream().map(ScriptInput::name).toList());
        assertEquals(Map.of("fs", ScriptInput.NO_MODULE, "./lib/node", ScriptInput.NO_MODULE,
                "./lib/real", "node_modules/pkg/lib/real.js"), inputs.get(1).targets());
    }

    @Test
    void aModuleImportedOnlyFromItsOwnCycleIsAnErrorNotANothing() throws Exception {
        // app.js loads page.js on demand, page.js imports app.js back: neither is an entry.
        Path src = root.resolve("src");
        files(src, "js/app.js", "export const router = {};\nexport const load = () => import('./page.js');\n",
                "js/page.js", "import { router } from './app.js';\nexport default router;\n",
                "js/other.js", "import { router } from './app.js';\nconsole.log(router);\n");
        ModuleGraph graph = scan("js/app.js", "js/page.js");
        assertEquals(List.of(), graph.entries());
        assertEquals(List.of(src.resolve("js/page.js") + ":1:25: js/app.js is imported only by files it imports itself"
                + " (this one, js/page.js), so no entry includes it and nothing is built for it; make it the entry by"
                + " not importing it back (move what this file needs from it to a third module)"),
                graph.errors().stream().map(Object::toString).toList());
        // imported from outside the cycle too, it is built as part of that entry: no error
        ModuleGraph withOther = scan("js/app.js", "js/other.js", "js/page.js");
        assertEquals(List.of(), withOther.errors());
        assertEquals(List.of("js/other.js"), withOther.entries().stream().map(ModuleGraph.Entry::logicalPath).toList());
    }

    @Test
    void aPlainScriptEntryIsNotBundledEvenIfItRequires() throws Exception {
        Path src = root.resolve("src");
        // A legacy page script that also exports for Node, and one that calls require(): both stay plain scripts.
        file(src, "js/legacy.js", "function legacyFn() {}\nif (typeof module !== 'undefined') module.exports = legacyFn;\n");
        file(src, "js/node-style.js", "var other = require('./other.js');\nother();\n");
        file(src, "js/other.js", "module.exports = function () {};\n");
        ModuleGraph graph = scan("js/legacy.js", "js/node-style.js", "js/other.js");
        assertEquals(List.of(), graph.errors());
        assertEquals(List.of("js/legacy.js", "js/node-style.js", "js/other.js"),
                graph.entries().stream().map(ModuleGraph.Entry::logicalPath).toList());
        assertTrue(graph.entries().stream().noneMatch(ModuleGraph.Entry::module));
        assertTrue(graph.entries().stream().allMatch(entry -> entry.inputs().size() == 1 && !entry.inputs().get(0).commonJs()));
    }

    @Test
    void exportsSubpathPatternsResolveAsInNode() throws Exception {
        Path src = root.resolve("src");
        Path modules = root.resolve("node_modules");
        // As three's "./addons/*" and highlight.js's "./lib/languages/*" (an import condition, no extension).
        file(src, "js/app.js", "import { Orbit } from \"three/addons/controls/Orbit.js\";\n"
                + "import xml from \"hl/lib/languages/xml\";\nconsole.log(Orbit, xml);\n");
        file(modules, "three/package.json", "{\"exports\": {\".\": \"./build/three.module.js\", \"./addons/*\": \"./examples/jsm/*\","
                + " \"./addons/controls/*\": \"./examples/jsm/controls/*\"}}");
        file(modules, "three/examples/jsm/controls/Orbit.js", "export class Orbit {}\n");
        file(modules, "hl/package.json", "{\"exports\": {\"./lib/languages/*\": {\"require\": \"./lib/languages/*.js\","
                + " \"import\": \"./es/languages/*.js\"}}}");
        file(modules, "hl/lib/languages/xml.js", "module.exports = function xml() {};\n");
        file(modules, "hl/es/languages/xml.js", "export default function xml() {}\n");
        ModuleGraph graph = ModuleGraph.scan(src, List.of("js/app.js"),
                LibraryRoots.prepare(List.of(), root.resolve("webjars"), modules));
        assertEquals(List.of(), graph.errors());
        assertEquals("node_modules/three/examples/jsm/controls/Orbit.js",
                graph.bareSpecifiers().get("three/addons/controls/Orbit.js"));
        assertEquals("node_modules/hl/es/languages/xml.js", graph.bareSpecifiers().get("hl/lib/languages/xml"));
    }

    @Test
    void exportsConditionsAreChosenInThePackagesOwnKeyOrder() throws Exception {
        // Node's rule, which bundlers follow: the first key in the object's order among the accepted
        // conditions. tslib 2.3 (what echarts 5.6 pins) lists "module", its ES build, before "import",
        // an ES wrapper of its CommonJS build; a require accepts "require" and "module", in the same way.
        Path src = root.resolve("src");
        Path modules = root.resolve("node_modules");
        files(src, "js/app.js", "import { __extends } from \"tslib\";\nimport o from \"order\";\n"
                        + "import n from \"order/nested\";\nimport s from \"sugar\";\nimport viaRequire from \"./lib.js\";\n",
                "js/lib.js", "module.exports = require(\"order\");\n");
        files(modules, "order/package.json", "{\"exports\": {"
                        + "\".\": {\"require\": \"./r.js\", \"module\": \"./m.js\", \"import\": \"./i.js\", \"default\": \"./d.js\"},"
                        + "\"./nested\": {\"node\": \"./node.js\", \"browser\": {\"worker\": \"./w.js\"},"
                        + " \"default\": [{\"import\": \"./ni.js\"}, \"./nd.js\"]}}}",
                "order/r.js", "module.exports = 'r';\n", "order/m.js", "export default 'm';\n",
                "order/i.js", "export default 'i';\n", "order/ni.js", "export default 'ni';\n",
                "sugar/package.json", "{\"exports\": {\"import\": \"./s.js\", \"default\": \"./s.cjs\"}}",
                "sugar/s.js", "export default 's';\n");
        ModuleGraph graph = ModuleGraph.scan(src, List.of("js/app.js", "js/lib.js"),
                LibraryRoots.prepare(List.of(TestWebJars.jar("tslib")), root.resolve("webjars"), modules));
        assertEquals(List.of(), graph.errors());
        assertEquals("webjars/tslib/tslib.es6.js", graph.bareSpecifiers().get("tslib"));
        assertEquals("node_modules/order/m.js", graph.bareSpecifiers().get("order"));
        assertEquals("node_modules/order/ni.js", graph.bareSpecifiers().get("order/nested"));
        assertEquals("node_modules/sugar/s.js", graph.bareSpecifiers().get("sugar"));
        assertEquals(Map.of("order", "node_modules/order/r.js"), input(graph, "js/lib.js").targets());
    }

    @Test
    void aPackageWithoutPackageJsonIsFoundWhereClassicWebJarsKeepTheirMainScript() throws Exception {
        // The layouts of org.webjars:jquery 3 (jquery.js), bootstrap 4 (js/bootstrap.js), popper.js 1
        // (popper.js, the name itself) and a dist/ folder; a require() finds them too. A package with
        // none of those files is an error that lists the scripts it has, as the imports that name them
        // (those with the package's name first).
        Path src = root.resolve("src");
        files(src, "js/app.js", "import $ from \"jq\";\nimport \"bs\";\nimport P from \"pop.js\";\nimport d from \"lib\";\n"
                        + "import \"./cjs.js\";\n",
                "js/cjs.js", "module.exports = require(\"jq\");\n",
                "js/other.js", "import n from \"none\";\n");
        files(root.resolve("node_modules"), "jq/jq.js", "module.exports = 'jq';\n", "jq/jq.min.js", "",
                "bs/js/bs.js", "window.bs = 1;\n", "bs/js/bs.min.js", "",
                "pop.js/pop.js", "export default 'pop';\n", "pop.js/umd/pop.js", "",
                "lib/dist/lib.js", "export default 'lib';\n",
                "none/umd/none.js", "", "none/esm/none.js", "", "none/esm/helper.js", "", "none/none.min.js", "",
                "none/webjars-requirejs.js", "",
                "none/css/none.css", "");
        ModuleGraph graph = scan("js/app.js", "js/cjs.js", "js/other.js");
        assertEquals(List.of(src.resolve("js/other.js") + ":1:16: cannot resolve import \"none\": \"none\" has no package.json"
                + " (a classic WebJar), nor any of none.js, dist/none.js, js/none.js, index.js, the files taken for its main"
                + " script; import one of its scripts by its path: \"none/esm/none.js\", \"none/umd/none.js\","
                + " \"none/esm/helper.js\""),
                graph.errors().stream().map(Object::toString).toList());
        assertEquals(Map.of("jq", "node_modules/jq/jq.js", "bs", "node_modules/bs/js/bs.js", "pop.js", "node_modules/pop.js/pop.js",
                "lib", "node_modules/lib/dist/lib.js"), graph.bareSpecifiers());
        assertEquals(Map.of("jq", "node_modules/jq/jq.js"), input(graph, "js/cjs.js").targets());
    }

    @Test
    void relativeImportsWithoutTheExtensionResolveAndAreRewrittenForClosure() throws Exception {
        Path modules = root.resolve("node_modules");
        // As rxjs 7's esm5 build and dayjs's esm: "./internal/Observable", "./constant", a folder's index.
        file(modules, "rx/index.js", "export { Observable } from './internal/Observable';\nimport './util';\n"
                + "import { C } from \"./constant.js\";\nexport * from '../rx/internal/Observable';\n");
        file(modules, "rx/internal/Observable.js", "export class Observable {}\n");
        file(modules, "rx/util/index.js", "export const u = 1;\n");
        file(modules, "rx/constant.js", "export const C = 1;\n");
        Path index = modules.resolve("rx/index.js");
        assertEquals(modules.resolve("rx/util/index.js"), ModuleGraph.relativeFile(index, "./util"));
        assertEquals("export { Observable } from './internal/Observable.js';\nimport './util/index.js';\n"
                + "import { C } from \"./constant.js\";\nexport * from '../rx/internal/Observable.js';\n",
                BundleSources.module(Files.readString(index), new ScriptInput("index.js", index, true)));
    }

    @Test
    void aPackagesBrowserFieldSwapsItsNodeFilesAsBundlersDo() throws Exception {
        Path src = root.resolve("src");
        Path modules = root.resolve("node_modules");
        // As axios: its Node adapter imports "http"; package.json "browser" swaps the file out.
        file(src, "js/app.js", "import ax from \"ax\";\nconsole.log(ax);\n");
        file(modules, "ax/package.json", "{\"module\": \"./index.js\", \"browser\": {"
                + "\"./lib/adapters/http.js\": \"./lib/helpers/null.js\", \"http\": false}}");
        file(modules, "ax/index.js", "import http from './lib/adapters/http.js';\nexport default http;\n");
        file(modules, "ax/lib/adapters/http.js", "import http from 'http';\nexport default http;\n");
        file(modules, "ax/lib/helpers/null.js", "export default null;\n");
        ModuleGraph graph = ModuleGraph.scan(src, List.of("js/app.js"),
                LibraryRoots.prepare(List.of(), root.resolve("webjars"), modules));
        assertEquals(List.of(), graph.errors());
        assertEquals(List.of("node_modules/ax/lib/helpers/null.js", "node_modules/ax/index.js", "js/app.js"),
                graph.entries().get(0).inputs().stream().map(ScriptInput::name).toList());
        Path index = modules.resolve("ax/index.js");
        assertEquals("import http from './lib/helpers/null.js';\nexport default http;\n",
                BundleSources.module(Files.readString(index), new ScriptInput("index.js", index, true)));
    }

    @Test
    void importingNamesFromAScriptWithoutExportsSaysWhichFileAndWhy() throws Exception {
        Path src = root.resolve("src");
        Path modules = root.resolve("node_modules");
        // An AMD-or-global UMD build (no CommonJS branch) and a plain script have nothing to import;
        // jszip's UMD build, behind a "browser" field key without ".js", has a CommonJS branch: it is bundled as CommonJS.
        // So is quill-delta 5.1's dist/Delta.js: require() and exports.x, then a typeof module test (once called "UMD").
        file(src, "js/app.js", "import L from \"leaf\";\nimport JSZip from \"jz\";\nimport { g } from \"./plain.js\";\n"
                + "import Delta, { AttributeMap } from \"delta\";\n");
        files(modules, "delta/package.json", "{\"main\": \"dist/Delta.js\"}",
                "delta/dist/Delta.js", "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\n"
                        + "exports.AttributeMap = void 0;\nconst AttributeMap_1 = require(\"./AttributeMap\");\n"
                        + "exports.AttributeMap = AttributeMap_1.default;\nclass Delta {}\nexports.default = Delta;\n"
                        + "if (typeof module === 'object') {\n    module.exports = Delta;\n    module.exports.default = Delta;\n}\n",
                "delta/dist/AttributeMap.js", "\"use strict\";\nexports.default = { compose() {} };\n");
        file(src, "js/plain.js", "var g = 1;\n");
        files(modules, "leaf/package.json", "{\"main\": \"dist/leaf-src.js\"}",
                "leaf/dist/leaf-src.js", "(function (g, f) { typeof define === 'function' && define.amd ? define([], f)"
                        + " : (g.L = f()); })(this, function () { return { version: '1' }; });\n",
                "jz/package.json", "{\"main\": \"./lib/index\", \"browser\": {\"./lib/index\": \"./dist/jz.min.js\"}}",
                "jz/lib/index.js", "module.exports = require('./core');\n",
                "jz/dist/jz.min.js", "(function (g, f) { typeof exports === 'object' && typeof module !== 'undefined'"
                        + " ? module.exports = f() : (g.JSZip = f()); })(this, function () { return {}; });\n");
        ModuleGraph graph = scan("js/app.js", "js/plain.js");
        String advice = ", not an ES module, so it has nothing to import; load it as a plain script (a <bundle> or its own"
                + " <script> tag) and use its global, or import the package's ES-module build if it has one";
        assertEquals(List.of(
                src.resolve("js/app.js") + ":1:16: \"leaf\" resolves to node_modules/leaf/dist/leaf-src.js, which is a"
                        + " UMD script (it looks for a module system, else sets a global)" + advice,
                src.resolve("js/app.js") + ":3:20: \"./plain.js\" resolves to js/plain.js, which is a plain script" + advice),
                graph.errors().stream().map(Object::toString).toList());
    }
}
