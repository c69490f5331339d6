package io.assetpipe.plugin.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.plugin.compile.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleSourcesTest {
    @TempDir
    Path dir;

    private ScriptInput input(String name, String code, boolean commonJs, Map<String, String> targets) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, code);
        return new ScriptInput(name, file, true, commonJs, targets);
    }

    @Test
    void aCommonJsFileKeepsItsLinesAndColumnsAndItsImportersGetItsInterop() throws Exception {
        String index = "'use strict';\nif (process.env.NODE_ENV === 'production') {\n"
                + "  module.exports = require('./cjs/prod.js');\n} else {\n  module.exports = require('./cjs/dev.js');\n}\n";
        ScriptInput prod = input("webjars/lib/cjs/prod.js", "exports.hi = () => 'hi';\n", true, Map.of());
        ScriptInput dev = input("webjars/lib/cjs/dev.js", "exports.hi = () => 'dev';\n", true, Map.of());
        ScriptInput lib = input("webjars/lib/index.js", index, true, Map.of("./cjs/prod.js", prod.name(),
                "./cjs/dev.js", dev.name()));
        ScriptInput app = input("js/app.js", "import lib, { hi } from 'lib';\nimport * as all from 'lib';\n", false,
                Map.of("lib", lib.name()));
        List<Diagnostic> unreadable = new ArrayList<>();
        BundleSources.Sources sources = BundleSources.of(List.of(prod, dev, lib, app), unreadable);
        assertEquals(List.of(), unreadable);
        assertEquals("js/app.js", sources.entryPoint());
        assertEquals(List.of("webjars/lib/cjs/prod.js", "webjars/lib/cjs/dev.js", "webjars/lib/index.js",
                        "webjars/lib/index.js/commonjs-interop.js", "js/app.js"),
                sources.sources().stream().map(BundleSources.Source::name).toList());
        String loader = sources.sources().get(2).code();
        String[] lines = loader.split("\n", -1);
        // every line but the first is the file's own; a require became a call of the same width
        assertEquals("if (\"production\" === 'production') {", lines[1]);
        String[] original = index.split("\n", -1);
        assertEquals("  module.exports = $cjsr0(" + " ".repeat(16) + ");", lines[2]);
        assertEquals(original[2].length(), lines[2].length());
        assertEquals("  module.exports = $cjsr1(" + " ".repeat(15) + ");", lines[4]);
        assertEquals(original[4].length(), lines[4].length());
        assertTrue(lines[0].startsWith("import $cjsr0 from \"./cjs/prod.js\";import $cjsr1 from \"./cjs/dev.js\";var $cjsm;"
                + "export default function $cjsload(){"), lines[0]);
        assertTrue(lines[0].endsWith("(function(exports,module){'use strict';"), lines[0]);
        assertEquals("}).call($cjsm.exports,$cjsm.exports,$cjsm);return $cjsm.exports}", lines[7]);
        String interop = sources.sources().get(3).code();
        assertTrue(interop.startsWith("import load from \"../index.js\";var m=load();"
                + "export default m&&m.__esModule?m.default:m;var n0=m.hi;export{n0 as hi};var ns={}"), interop);
        assertTrue(interop.contains("export{ns as $ns};"), interop);
        assertEquals("import lib, { hi } from '../webjars/lib/index.js/commonjs-interop.js';\n"
                + "import {$ns as all} from '../webjars/lib/index.js/commonjs-interop.js';\n", sources.sources().get(4).code());
    }

    @Test
    void aRequireOfNoModuleIsAnEmptyObjectOfTheSameWidth() throws Exception {
        ScriptInput lib = input("webjars/lib/index.js", "var fs = require('fs');\nmodule.exports = fs;\n", true,
                Map.of("fs", ScriptInput.NO_MODULE));
        ScriptInput app = input("js/app.js", "import lib from 'lib';\n", false, Map.of("lib", lib.name()));
        String loader = BundleSources.of(List.of(lib, app), new ArrayList<>()).sources().get(0).code();
        assertTrue(loader.contains("(function(exports,module){var fs = ({}         );\nmodule.exports = fs;\n"), loader);
    }

    @Test
    void namesAreRelativeBetweenInputs() {
        assertEquals("../webjars/react/index.js", BundleSources.relative("js/app.js", "webjars/react/index.js"));
        assertEquals("./lib.js", BundleSources.relative("js/app.js", "js/lib.js"));
        assertEquals("../index.js", BundleSources.relative("webjars/react/index.js/commonjs-interop.js",
                "webjars/react/index.js"));
        assertEquals("./app.js/dynamic-imports.js", BundleSources.relative("js/app.js", "js/app.js/dynamic-imports.js"));
        assertEquals("$cjs", BundleSources.unusedPrefix("var a = 1;", "$cjs"));
        assertEquals("$cjs1_", BundleSources.unusedPrefix("var $cjsm = 1;", "$cjs"));
    }
}
