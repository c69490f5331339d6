package io.assetpipe.plugin.js;

import io.assetpipe.plugin.compile.Diagnostic;
import io.assetpipe.plugin.compile.SourceText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The code Closure Compiler is given for the inputs of one job: each file as written, with the
 * rewrites that make it bundle as a browser bundler would.
 *
 * <p><b>ES modules</b>: a relative request without its file name's end names the file
 * ({@code "./constant"} becomes {@code "./constant.js"}), since Closure resolves paths exactly, as
 * browsers do; and {@code export * as ns from "x"} (ES2020, which Closure v20260128 rejects) becomes
 * {@code import * as $ns0 from "x";export{$ns0 as ns}}, the same binding under a name the file does
 * not use.
 *
 * <p><b>CommonJS</b> is not left to Closure's own CommonJS pass ({@code setProcessCommonJSModules}):
 * it rejects a named import from a CommonJS module ({@code import { createRoot } from
 * "react-dom/client"}: "does not have an export"), and it hoists every required file to run once,
 * up front, in dependency order, so a {@code require} inside a function or an untaken branch runs
 * the file at load time anyway, and two files that require each other read an unassigned module
 * object. Instead, as webpack and esbuild do, each CommonJS file becomes an ES module whose default
 * export is a function that runs the file's code, as written, inside
 * {@code function (exports, module, require, global, define)} on its first call and returns
 * {@code module.exports} (cached, so a cycle sees the partial exports as in Node; {@code define}
 * undefined, so a UMD file asking for AMD first exports into the bundle). A
 * {@code require("x")} becomes a call of x's function (padded to the same width, so the source
 * map's columns still match); a function nothing calls (React's development build, in the branch
 * {@code process.env.NODE_ENV} rules out) is dropped by Closure like any unused code. What ES
 * modules import from a CommonJS file comes from a generated module beside it, named
 * {@code <file>/commonjs-interop.js}, with esbuild's interop: the default export is
 * {@code module.exports} (its {@code default} if it sets {@code __esModule}, as Babel's and
 * TypeScript's output does), a named import is the property of {@code module.exports} read when the
 * file has run (as Node's ES modules see CommonJS ones), a namespace holds all its properties.
 */
final class BundleSources {
    /** One input for Closure: its name and the code it compiles. */
    record Source(String name, String code) {}

    /**
     * What Closure compiles for a job.
     *
     * @param entryPoint the module Closure starts from: the job's entry (its last input), or the
     *     generated module that runs it and then its dynamic imports
     */
    record Sources(List<Source> sources, String entryPoint) {}

    /** The generated module that gives ES modules the exports of a CommonJS file. */
    static final String INTEROP = "/commonjs-interop.js";
    /** The generated modules that hold, and fill, the namespaces {@code import("x")} resolves to. */
    static final String DYNAMIC_SLOTS = "/dynamic-imports.js";
    static final String DYNAMIC_ROOT = "/dynamic-imports-root.js";
    private static final Pattern REQUIRE_WORD = Pattern.compile("\\brequire\\b");
    private static final Pattern GLOBAL_WORD = Pattern.compile("(?<![.$\\w])global\\b");
    private static final Pattern DEFINE_WORD = Pattern.compile("(?<![.$\\w])define\\b");
    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*");

    private final Map<String, ScriptInput> byName = new HashMap<>();
    /** What the ES modules of the job ask of each CommonJS file, by its name. */
    private final Map<String, Interop> interops = new TreeMap<>();
    /** The input each {@code import("x")} of the job leads to, and its slot. */
    private final Map<String, Integer> dynamic = new LinkedHashMap<>();
    private final String entry;
    private final BrowserField browser = new BrowserField();

    private BundleSources(List<ScriptInput> inputs) {
        inputs.forEach(input -> byName.put(input.name(), input));
        this.entry = inputs.isEmpty() ? "" : inputs.get(inputs.size() - 1).name(); // the graph lists it last
    }

    /** One text replacement: {@code start..end} becomes {@code text}. */
    private record Edit(int start, int end, String text) {}

    /**
     * The sources for {@code inputs}, in order, each CommonJS file followed by its interop module
     * when an ES module imports it; files that cannot be read are added to {@code unreadable}
     * (then there are none).
     */
    static Sources of(List<ScriptInput> inputs, List<Diagnostic> unreadable) {
        BundleSources job = new BundleSources(inputs);
        Map<String, String> codes = new LinkedHashMap<>();
        Map<String, ModuleSyntax.Scan> scans = new HashMap<>();
        for (ScriptInput input : inputs) {
            try {
                String code = SourceText.read(input.file());
                codes.put(input.name(), code);
                scans.put(input.name(), ModuleSyntax.scan(code));
            } catch (SourceText.SourceException e) {
                unreadable.add(e.diagnostic());
            }
        }
        if (!unreadable.isEmpty()) {
            return new Sources(List.of(), job.entry);
        }
        for (ScriptInput input : inputs) {
            if (!input.commonJs()) {
                job.plan(input, scans.get(input.name()));
            }
        }
        List<Source> sources = new ArrayList<>();
        for (ScriptInput input : inputs) {
            String code = codes.get(input.name());
            ModuleSyntax.Scan scan = scans.get(input.name());
            String text = input.commonJs() ? job.loader(code, scan, input) : job.module(code, scan, input);
            sources.add(new Source(input.name(), ClosureScriptCompiler.forTheBrowser(text)));
            Interop interop = job.interops.get(input.name());
            if (interop != null) {
                sources.add(new Source(interop.name(), interop.code()));
            }
        }
        if (job.dynamic.isEmpty()) {
            return new Sources(sources, job.entry);
        }
        sources.add(new Source(job.entry + DYNAMIC_SLOTS, "export var slots=[];\n"));
        sources.add(new Source(job.entry + DYNAMIC_ROOT, job.dynamicRoot()));
        return new Sources(sources, job.entry + DYNAMIC_ROOT);
    }

    /** Notes what an ES module asks of CommonJS files, and which files it imports dynamically. */
    private void plan(ScriptInput input, ModuleSyntax.Scan scan) {
        for (ModuleSyntax.Request request : scan.followed()) {
            ScriptInput target = target(input, request);
            if (target == null) {
                continue;
            }
            if (target.commonJs()) {
                interops.computeIfAbsent(target.name(), Interop::new).ask(request);
            }
            if (request.kind() == ModuleSyntax.Kind.DYNAMIC_IMPORT) {
                dynamic.putIfAbsent(target.name(), dynamic.size());
            }
        }
    }

    /**
     * The module Closure starts from when the job has dynamic imports: it imports the entry first,
     * so the entry and what it imports run first, then each module imported dynamically, and puts
     * their namespaces in the slots the rewritten {@code import()} calls read. Those read them in a
     * promise callback, which runs after the whole bundle has, so every slot is filled by then.
     */
    private String dynamicRoot() {
        String root = entry + DYNAMIC_ROOT;
        StringBuilder out = new StringBuilder("import \"").append(relative(root, entry)).append("\";import{slots}from \"")
                .append(relative(root, entry + DYNAMIC_SLOTS)).append("\";");
        dynamic.forEach((target, slot) -> {
            Interop interop = interops.get(target);
            String from = relative(root, interop != null ? interop.name() : target);
            out.append(interop != null ? "import{" + interop.namespaceName() + " as d" + slot + "}" : "import*as d" + slot)
                    .append(" from \"").append(from).append("\";slots[").append(slot).append("]=d").append(slot).append(';');
        });
        return out.append('\n').toString();
    }

    private ScriptInput target(ScriptInput input, ModuleSyntax.Request request) {
        String name = input.targets().get(request.specifier());
        return name == null ? null : byName.get(name);
    }

    /** {@code code} rewritten as {@link #module(String, ModuleSyntax.Scan, ScriptInput)} does, for a file on its own. */
    static String module(String code, ScriptInput input) {
        return new BundleSources(List.of(input)).module(code, ModuleSyntax.scan(code), input);
    }

    /**
     * An ES module (or a plain script) with the imports of CommonJS files pointing at their interop
     * modules, {@code export * as} rewritten, {@code import("x")} reading x's namespace from its slot
     * (see {@link #dynamicRoot()}), and each relative specifier completed as
     * {@link ModuleGraph#relativeFile} finds it and swapped as {@link BrowserField} says, since Closure
     * resolves paths exactly, as browsers do.
     */
    private String module(String code, ModuleSyntax.Scan scan, ScriptInput input) {
        List<Edit> edits = new ArrayList<>();
        String namespaces = unusedPrefix(code, "$ns");
        int namespaceCount = 0;
        for (ModuleSyntax.Request request : scan.requests()) {
            ScriptInput target = target(input, request);
            Interop interop = target == null ? null : interops.get(target.name());
            // Only what must change changes, so the source map shows the imports as written: a bare
            // specifier is Closure's prefix replacement's (ScriptJob.bareSpecifiers)
            String named = interop != null ? relative(input.name(), interop.name())
                    : completed(request.specifier(), input.file(), browser);
            String specifier = named == null ? request.specifier() : named;
            if (request.kind() == ModuleSyntax.Kind.EXPORT_ALL_AS) {
                String local = namespaces + namespaceCount++;
                String binding = interop != null ? "{" + interop.namespaceName() + " as " + local + "}" : "* as " + local;
                edits.add(new Edit(request.spanStart(), request.spanEnd(), "import " + binding + " from \""
                        + specifier + "\";export{" + local + " as " + request.names().get(0) + "}"));
                continue;
            }
            if (interop != null && request.names().contains("*")) {
                // import * as ns from a CommonJS file: the namespace its interop module builds
                String clause = code.substring(request.spanStart(), request.spanEnd());
                String local = clause.replaceFirst("^\\*\\s*as\\s+", "");
                edits.add(new Edit(request.spanStart(), request.spanEnd(), "{" + interop.namespaceName() + " as " + local + "}"));
            }
            if (!specifier.equals(request.specifier())) {
                edits.add(new Edit(request.start(), request.end(), specifier));
            }
        }
        String slots = unusedPrefix(code, "$dynamic");
        boolean dynamicImports = false;
        for (ModuleSyntax.Request request : scan.module() ? scan.dynamicImports() : List.<ModuleSyntax.Request>of()) {
            ScriptInput target = target(input, request);
            if (target != null) {
                edits.add(new Edit(request.spanStart(), request.spanEnd(),
                        "Promise.resolve().then(()=>" + slots + "[" + dynamic.get(target.name()) + "])"));
                dynamicImports = true;
            }
        }
        String text = apply(code, edits);
        // imports are hoisted: at the end, the file's lines keep their numbers
        return dynamicImports ? text + "\nimport{slots as " + slots + "}from \""
                + relative(input.name(), entry + DYNAMIC_SLOTS) + "\";\n" : text;
    }

    /** {@link ModuleGraph#relativeFile}'s completion of a relative specifier, swapped for browsers; null if none. */
    private static String completed(String specifier, Path file, BrowserField browser) {
        if (!specifier.startsWith("./") && !specifier.startsWith("../")) {
            return null;
        }
        String named = ModuleGraph.namingTheFile(file, specifier);
        if (named == null) {
            return null;
        }
        Path target = file.getParent().resolve(named).normalize();
        Path substitute = browser.substitute(target);
        if (substitute.equals(target)) {
            return named;
        }
        String relative = file.toAbsolutePath().getParent().relativize(substitute.toAbsolutePath()).toString()
                .replace('\\', '/');
        return relative.startsWith("../") ? relative : "./" + relative;
    }

    /**
     * A CommonJS file as an ES module exporting the function that runs it (see the class comment).
     * The generated start is on the file's first line, so every other line keeps its number.
     */
    private String loader(String code, ModuleSyntax.Scan scan, ScriptInput input) {
        String p = unusedPrefix(code, "$cjs");
        Map<String, String> locals = new LinkedHashMap<>(); // input name required -> the local naming its function
        List<Edit> edits = new ArrayList<>();
        boolean json = input.name().endsWith(".json");
        for (ModuleSyntax.Request request : json || scan.ownRequire() ? List.<ModuleSyntax.Request>of() : scan.requires()) {
            String target = input.targets().get(request.specifier());
            if (target == null) {
                continue; // unresolved in a try block: runs as written, and throws as in Node
            }
            // x's function called, or for a module the browser field maps to false, an empty object
            String local = target.equals(ScriptInput.NO_MODULE) ? "({}"
                    : locals.computeIfAbsent(target, name -> p + "r" + locals.size()) + "(";
            int width = request.spanEnd() - request.spanStart();
            edits.add(new Edit(request.spanStart(), request.spanEnd(),
                    local + " ".repeat(Math.max(0, width - local.length() - 1)) + ")"));
        }
        StringBuilder out = new StringBuilder();
        locals.forEach((target, local) -> {
            String from = relative(input.name(), target);
            ScriptInput required = byName.get(target);
            if (required == null || required.commonJs()) {
                out.append("import ").append(local).append(" from \"").append(from).append("\";");
            } else {
                // require() of an ES module returns its namespace, marked __esModule (esbuild's __toCommonJS)
                out.append("import * as ").append(local).append("n from \"").append(from).append("\";var ")
                        .append(local).append("c;function ").append(local).append("(){return ").append(local)
                        .append("c||(").append(local).append("c=function(n){var o={};Object.defineProperty(o,")
                        .append("\"__esModule\",{value:true});Object.keys(n).forEach(function(k){Object.defineProperty(")
                        .append("o,k,{enumerable:true,get:function(){return n[k]}})});return o}(").append(local)
                        .append("n))}");
            }
        });
        String body = json ? "module.exports=" + code : apply(code, edits);
        if (body.startsWith("#!")) {
            body = "//" + body.substring(2); // a hashbang line, now inside a function
        }
        boolean require = REQUIRE_WORD.matcher(body).find();
        boolean global = GLOBAL_WORD.matcher(body).find();
        // A UMD file that asks for AMD first (typeof define === "function" && define.amd) would hand
        // its exports to a page's RequireJS instead: inside the bundle, define is undefined.
        boolean define = DEFINE_WORD.matcher(body).find();
        String m = p + "m";
        out.append("var ").append(m).append(";export default function ").append(p).append("load(){if(").append(m)
                .append(")return ").append(m).append(".exports;").append(m).append("={exports:{}};(function(exports,module")
                .append(require ? ",require" : "").append(global ? ",global" : "").append(define ? ",define" : "")
                .append("){").append(body)
                .append("\n}).call(").append(m).append(".exports,").append(m).append(".exports,").append(m)
                // what require() is left with: computed names, typeof checks, guarded misses, as Node fails them
                .append(require ? ",function(id){throw new Error(\"Cannot find module '\"+id+\"'\")}" : "")
                .append(global ? ",globalThis" : "") // Node's name for the global object; define gets none
                .append(");return ").append(m).append(".exports}\n");
        return out.toString();
    }

    /** What the ES modules of a job import from one CommonJS file, and the module that gives it to them. */
    static final class Interop {
        private final String file;
        private final Set<String> names = new TreeSet<>();
        private boolean namespace;

        Interop(String file) {
            this.file = file;
        }

        void ask(ModuleSyntax.Request request) {
            for (String name : request.names()) {
                if (name.equals("*")) {
                    namespace = true;
                } else if (!name.equals("default") && IDENTIFIER.matcher(name).matches()) {
                    names.add(name);
                }
            }
            namespace |= request.kind() == ModuleSyntax.Kind.EXPORT_ALL_AS || request.kind() == ModuleSyntax.Kind.DYNAMIC_IMPORT;
        }

        String name() {
            return file + INTEROP;
        }

        /** The export holding the namespace object: {@code $ns}, unless the file's importers ask for that name. */
        String namespaceName() {
            String name = "$ns";
            for (int i = 1; names.contains(name); i++) {
                name = "$ns" + i;
            }
            return name;
        }

        String code() {
            StringBuilder out = new StringBuilder("import load from \"").append(relative(name(), file))
                    .append("\";var m=load();export default m&&m.__esModule?m.default:m;");
            int i = 0;
            for (String name : names) {
                out.append("var n").append(i).append("=m.").append(name).append(";export{n").append(i).append(" as ")
                        .append(name).append("};");
                i++;
            }
            if (namespace) {
                // esbuild's __toESM: the properties of module.exports, read when used, and a default
                out.append("var ns={},esm=m&&m.__esModule;if(!esm)Object.defineProperty(ns,\"default\",")
                        .append("{enumerable:true,value:m});if(m!=null&&(typeof m==\"object\"||typeof m==\"function\"))")
                        .append("Object.keys(m).forEach(function(k){if(k!==\"default\"||esm)Object.defineProperty(ns,k,")
                        .append("{enumerable:true,get:function(){return m[k]}})});export{ns as ")
                        .append(namespaceName()).append("};");
            }
            return out.append('\n').toString();
        }
    }

    /** {@code to} as a specifier relative to the input {@code from}: both are input names. */
    static String relative(String from, String to) {
        if (to.startsWith("/")) {
            return to;
        }
        Path parent = Path.of(from).getParent();
        if (Path.of(to).equals(parent)) { // from a generated module named <file>/… to <file>
            return "../" + parent.getFileName();
        }
        String relative = (parent == null ? Path.of(to) : parent.relativize(Path.of(to))).toString().replace('\\', '/');
        return relative.startsWith("../") ? relative : "./" + relative;
    }

    /** {@code base}, or {@code base} with a number, such that no word of {@code code} starts with it. */
    static String unusedPrefix(String code, String base) {
        String prefix = base;
        for (int i = 1; code.contains(prefix); i++) {
            prefix = base + i + "_";
        }
        return prefix;
    }

    private static String apply(String code, List<Edit> edits) {
        if (edits.isEmpty()) {
            return code;
        }
        edits.sort(Comparator.comparingInt(Edit::start));
        StringBuilder out = new StringBuilder(code.length() + 32 * edits.size());
        int at = 0;
        for (Edit edit : edits) {
            out.append(code, at, edit.start()).append(edit.text());
            at = edit.end();
        }
        return out.append(code, at, code.length()).toString();
    }
}
