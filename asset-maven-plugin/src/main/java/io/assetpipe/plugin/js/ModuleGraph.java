package io.assetpipe.plugin.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.assetpipe.plugin.compile.Diagnostic;
import io.assetpipe.plugin.compile.SourceText;
import io.assetpipe.plugin.library.LibraryRoots;
import io.assetpipe.plugin.library.PackageExports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The ES-module import graph of the project's scripts, and the entry points it implies.
 *
 * <p><b>Entry-point rule</b>: every script ({@code .js}, {@code .mjs}, {@code .cjs}) under the
 * source directory is an entry point and becomes one output file of the same name, unless a project
 * ES module imports it (statically, with
 * {@code import("x")}, or through the {@code require()}s of a CommonJS file), it is an input of a named
 * bundle, or its path has a segment starting with {@code _} (a file {@code _util.js} or a folder
 * {@code _lib/}, as Sass partials). An entry point is bundled with everything it imports,
 * transitively; Closure's dependency pruning drops the rest.
 *
 * <p>Relative imports name a file ({@code ./util.js}); one without its extension finds
 * {@code .js}, {@code .mjs} or {@code /index.js}, as bundlers do (see {@link #relativeFile}). Bare imports
 * ({@code jquery}, {@code lodash-es/debounce.js}) resolve in the WebJars on the dependency list,
 * then {@code node_modules}: a bare package name uses its package.json {@code exports} (conditions
 * browser, import, module, default accepted, the first of them in the object's order chosen, as in
 * Node), then {@code module}, then {@code main}, then {@code index.js}; without a package.json (a
 * classic WebJar), the script {@link ClassicWebJar} finds;
 * a path inside a package may omit {@code .js}. A file that is not an ES module but uses CommonJS
 * ({@code module.exports}, {@code require}, a UMD test for {@code exports}), or that a CommonJS file
 * requires, is bundled as CommonJS ({@link ScriptInput#commonJs()}); its {@code require("x")}s are
 * resolved here, as Node does ({@link #nodeFile}, package conditions browser, module, require,
 * default). A plain-script entry is never bundled, so its own {@code require}s are not followed.
 */
public final class ModuleGraph {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a UMD file does besides: look for a module system first, and fall back to a global. */
    private static final Pattern UMD_CHECK = Pattern.compile("typeof\\s+(?:module|exports|define)\\b|\\bdefine\\.amd\\b");

    /**
     * Whether a script is an ES module: it has an import or export declaration (not
     * {@code import(...)} or {@code import.meta}, which classic scripts may hold too).
     */
    static boolean hasModuleSyntax(String code) {
        return ModuleSyntax.scan(code).module();
    }

    /**
     * The file a path inside a package names, as Node finds it: the path as written, else with
     * {@code .js} added, else its {@code index.js}; {@code null} if none exists.
     */
    static Path withJsExtension(Path file) {
        if (Files.isRegularFile(file)) {
            return file;
        }
        Path js = file.resolveSibling(file.getFileName() + ".js");
        if (Files.isRegularFile(js)) {
            return js;
        }
        Path index = file.resolve("index.js");
        return Files.isRegularFile(index) ? index : null;
    }

    /**
     * package.json {@code exports} conditions an import accepts, and those a CommonJS require
     * accepts. Which one applies is the package's choice, not ours: the first key of a conditions
     * object that is among them, in the object's order (Node's rule, which bundlers follow).
     */
    private static final Set<String> IMPORT_CONDITIONS = Set.of("browser", "import", "module", "default");
    // "module" is the bundlers' condition: an ES build they may use for require() too, one instance
    // for both (jQuery 4 maps require to a wrapper of its ES module that way).
    private static final Set<String> REQUIRE_CONDITIONS = Set.of("browser", "module", "require", "default");

    /**
     * The file a {@code require()} of a path names, as Node finds it: the path as written, with
     * {@code .js} or {@code .json} added, else the folder's package.json {@code main}, else its
     * {@code index.js} or {@code index.json}; {@code null} if none exists.
     */
    static Path nodeFile(Path path) {
        for (String suffix : List.of("", ".js", ".json")) {
            Path file = path.resolveSibling(path.getFileName() + suffix);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        if (!Files.isDirectory(path)) {
            return null;
        }
        Path main = Scanner.packageMain(path, List.of("main")); // its index.js without a main
        if (main != null) {
            return main;
        }
        Path json = path.resolve("index.json");
        return Files.isRegularFile(json) ? json : null;
    }

    /** Whether a file name is JavaScript: {@code .js}, {@code .mjs} (an ES module) or {@code .cjs} (CommonJS). */
    public static boolean isScript(String name) {
        return name.endsWith(".js") || name.endsWith(".mjs") || name.endsWith(".cjs");
    }

    private static boolean isRelative(String specifier) {
        return specifier.startsWith("./") || specifier.startsWith("../");
    }

    /**
     * The file a relative import names, as bundlers find it: the path as written, else with
     * {@code .js} or {@code .mjs} added, else its {@code index.js} (rxjs's and dayjs's ES builds
     * leave the extension off); {@code null} if none exists.
     */
    static Path relativeFile(Path importer, String specifier) {
        String named = namingTheFile(importer, specifier);
        return named == null ? null : importer.getParent().resolve(named).normalize();
    }

    /** The specifier as written, or with what {@link #relativeFile} added to find the file; null if none. */
    static String namingTheFile(Path importer, String specifier) {
        for (String candidate : List.of(specifier, specifier + ".js", specifier + ".mjs",
                specifier + "/index.js", specifier + "/index.mjs")) {
            if (Files.isRegularFile(importer.getParent().resolve(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    /** One compilation: an entry point and every file it needs, dependencies first. */
    /**
     * @param module whether the entry is an ES module (bundled and wrapped) or a classic script
     *     (no import or export, not {@code .mjs}: minified as it is, so its globals stay)
     */
    public record Entry(String logicalPath, List<ScriptInput> inputs, boolean module) {}

    private final List<Entry> entries;
    private final Map<String, String> bareSpecifiers;
    private final List<Diagnostic> errors;

    private ModuleGraph(List<Entry> entries, Map<String, String> bareSpecifiers, List<Diagnostic> errors) {
        this.entries = entries;
        this.bareSpecifiers = bareSpecifiers;
        this.errors = errors;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Bare specifier → input name, for Closure's prefix-replacing module resolver. */
    public Map<String, String> bareSpecifiers() {
        return bareSpecifiers;
    }

    /**
     * Imports that could not be resolved or bundled, and files that could not be read; an entry
     * that needs such a file is not among {@link #entries()}.
     */
    public List<Diagnostic> errors() {
        return errors;
    }

    /**
     * @param sourceRoot the source directory
     * @param scripts logical paths of every script there ({@link #isScript}) that is not a bundle input, sorted
     */
    public static ModuleGraph scan(Path sourceRoot, List<String> scripts, LibraryRoots libraries) {
        Scanner scanner = new Scanner(sourceRoot, libraries);
        // What ES modules import (with what their CommonJS dependencies require) is not an entry.
        // A plain script's own require() calls are not followed: it is not bundled.
        Set<String> imported = new HashSet<>();
        Map<String, List<ScriptInput>> closures = new HashMap<>();
        for (String script : scripts) {
            Path file = sourceRoot.resolve(script);
            if (scanner.isModule(file)) {
                LinkedHashSet<ScriptInput> closure = new LinkedHashSet<>();
                scanner.collect(new ScriptInput(script, file, false), closure, new HashSet<>());
                closures.put(script, List.copyOf(closure));
                closure.stream().filter(dep -> !dep.library() && !dep.name().equals(script))
                        .forEach(dep -> imported.add(dep.name()));
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (String script : scripts) {
            if (imported.contains(script) || hasUnderscoreSegment(script)) {
                continue;
            }
            List<ScriptInput> closure = closures.get(script);
            if (closure == null) { // a plain script, minified on its own
                entries.add(new Entry(script, List.of(new ScriptInput(script, sourceRoot.resolve(script), false)), false));
            } else if (closure.stream().noneMatch(input -> scanner.broken.contains(input.name()))) {
                // An entry with a broken import is not compiled: the error is reported once, here, and
                // Closure is not handed a specifier whose file is missing.
                entries.add(new Entry(script, closure.stream().map(scanner::planned).toList(), true));
            }
        }
        // A module that only files of its own import cycle import (app.js loads page.js with
        // import(), page.js imports app.js back) is in no entry: say so, rather than build nothing.
        Set<String> built = new HashSet<>();
        entries.forEach(entry -> entry.inputs().forEach(input -> built.add(input.name())));
        for (String script : scripts) {
            List<ScriptInput> closure = closures.get(script);
            if (closure != null && !built.contains(script) && !hasUnderscoreSegment(script)) {
                Optional<Diagnostic> cycle = scanner.cycle(script, closure);
                cycle.ifPresent(scanner.errors::add);
                if (cycle.isPresent()) { // once per cycle: the others in it are not built either
                    closure.forEach(input -> built.add(input.name()));
                }
            }
        }
        return new ModuleGraph(List.copyOf(entries), new TreeMap<>(scanner.bare), List.copyOf(scanner.errors));
    }

    static boolean hasUnderscoreSegment(String logicalPath) {
        for (String segment : logicalPath.split("/")) {
            if (segment.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    private static final class Scanner {
        final Path sourceRoot;
        final LibraryRoots libraries;
        final Map<String, List<ScriptInput>> deps = new LinkedHashMap<>();
        final Map<String, String> bare = new LinkedHashMap<>();
        final Set<Diagnostic> errors = new LinkedHashSet<>();
        /** Names of the inputs that could not be read or have an import that failed. */
        final Set<String> broken = new HashSet<>();
        /** By input name: the input name each of its requests resolves to, by specifier. */
        final Map<String, Map<String, String>> targets = new HashMap<>();
        /** Names of the inputs some CommonJS file requires (so bundled as CommonJS themselves). */
        final Set<String> required = new HashSet<>();
        final BrowserField browser = new BrowserField();
        private final Map<Path, String> texts = new HashMap<>();
        private final Map<Path, ModuleSyntax.Scan> scans = new HashMap<>();

        Scanner(Path sourceRoot, LibraryRoots libraries) {
            this.sourceRoot = sourceRoot;
            this.libraries = libraries;
        }

        /** Post-order: dependencies before the files that import them. */
        void collect(ScriptInput input, LinkedHashSet<ScriptInput> out, Set<String> visiting) {
            if (!visiting.add(input.name())) {
                return;
            }
            for (ScriptInput dep : dependencies(input)) {
                collect(dep, out, visiting);
            }
            out.add(input);
        }

        List<ScriptInput> dependencies(ScriptInput input) {
            List<ScriptInput> known = deps.get(input.name());
            if (known != null) {
                return known;
            }
            List<ScriptInput> found = new ArrayList<>();
            deps.put(input.name(), found);
            String code;
            ModuleSyntax.Scan scan;
            try {
                code = code(input.file());
                scan = syntax(input.file());
            } catch (SourceText.SourceException e) {
                errors.add(e.diagnostic());
                broken.add(input.name());
                return found;
            }
            for (ModuleSyntax.Request request : scan.followed()) { // import() bundled too (see BundleSources)
                String specifier = request.specifier();
                boolean require = request.kind() == ModuleSyntax.Kind.REQUIRE;
                Optional<ScriptInput> dep = require ? resolveRequire(input, specifier) : resolve(input, specifier);
                if (require && browser.empty(input.file(), specifier, dep.map(ScriptInput::file).orElse(null))) {
                    // "browser": {"fs": false}: no module in browsers, an empty object as browserify gives
                    targets.computeIfAbsent(input.name(), name -> new TreeMap<>()).put(specifier, ScriptInput.NO_MODULE);
                    continue;
                }
                if (dep.isEmpty() && require && request.guarded()) {
                    continue; // inside try { }: left to fail at run time, where the code expects it may
                }
                String problem = problem(request, dep);
                if (problem == null) {
                    found.add(dep.get());
                    targets.computeIfAbsent(input.name(), name -> new TreeMap<>()).put(specifier, dep.get().name());
                    if (require) {
                        required.add(dep.get().name());
                    }
                } else {
                    errors.add(Diagnostic.at(input.file(), code, request.start(), problem));
                    broken.add(input.name());
                }
            }
            return found;
        }

        /**
         * The error for {@code script} when every project file importing it is one it imports
         * itself (so no entry includes it), at the first such import; empty otherwise.
         */
        Optional<Diagnostic> cycle(String script, List<ScriptInput> closure) {
            Set<String> inCycle = new HashSet<>();
            closure.forEach(input -> inCycle.add(input.name()));
            boolean onlyFromTheCycle = deps.entrySet().stream()
                    .filter(e -> e.getValue().stream().anyMatch(dep -> dep.name().equals(script)))
                    .allMatch(e -> inCycle.contains(e.getKey()));
            if (!onlyFromTheCycle) {
                return Optional.empty();
            }
            for (ScriptInput importer : closure) {
                Map<String, String> resolved = targets.getOrDefault(importer.name(), Map.of());
                if (importer.library() || !resolved.containsValue(script)) {
                    continue;
                }
                try {
                    String code = code(importer.file());
                    for (ModuleSyntax.Request request : syntax(importer.file()).followed()) {
                        if (script.equals(resolved.get(request.specifier()))) {
                            return Optional.of(Diagnostic.at(importer.file(), code, request.start(), script
                                    + " is imported only by files it imports itself (this one, " + importer.name()
                                    + "), so no entry includes it and nothing is built for it; make it the entry"
                                    + " by not importing it back (move what this file needs from it to a third module)"));
                        }
                    }
                } catch (SourceText.SourceException e) {
                    return Optional.empty(); // reported when the file itself is scanned
                }
            }
            return Optional.empty();
        }

        /** {@code input} as the graph plans it: whether it is bundled as CommonJS, and where its requests lead. */
        ScriptInput planned(ScriptInput input) {
            boolean commonJs = !isModule(input.file()) && (required.contains(input.name()) || hasCommonJs(input.file()));
            return new ScriptInput(input.name(), input.file(), input.library(), commonJs,
                    targets.getOrDefault(input.name(), Map.of()));
        }

        /** Why a request cannot be bundled, or {@code null} when it can. */
        private String problem(ModuleSyntax.Request request, Optional<ScriptInput> dep) {
            String specifier = request.specifier();
            boolean require = request.kind() == ModuleSyntax.Kind.REQUIRE;
            if (dep.isEmpty()) {
                String what = require ? "cannot resolve require(\"" + specifier + "\")" : "cannot resolve import \"" + specifier + "\"";
                Optional<Path> classic = isRelative(specifier) || specifier.contains("/") ? Optional.empty()
                        : libraries.packageDirectory(specifier).filter(ClassicWebJar::is);
                return what + classic.map(dir -> ": " + ClassicWebJar.noMain(specifier, dir))
                        .orElseGet(() -> hint(specifier, require));
            }
            Path file = dep.get().file();
            if (!isScript(file.getFileName().toString()) && !(require && file.getFileName().toString().endsWith(".json"))) {
                return "\"" + specifier + "\" is not JavaScript; only .js, .mjs and .cjs files can be imported"
                        + (specifier.endsWith(".css")
                                ? " (link a stylesheet from the page or @import it in Sass)"
                                : " (fetch other files at run time from their fingerprinted URL)");
            }
            if (request.kind() == ModuleSyntax.Kind.EXPORT_ALL && !isModule(file) && hasCommonJs(file)) {
                return "export * from \"" + specifier + "\": " + dep.get().name() + " is a CommonJS module, whose names"
                        + " are only known when it runs; re-export the names you need: export { a, b } from \""
                        + specifier + "\"";
            }
            boolean bindings = request.bindings() && request.kind() != ModuleSyntax.Kind.DYNAMIC_IMPORT;
            if (!require && bindings && !isModule(file) && !hasCommonJs(file)) {
                // Closure would only say the module "does not have an export", naming neither file.
                boolean umd = umd(dep.get());
                return "\"" + specifier + "\" resolves to " + dep.get().name() + ", which is a "
                        + (umd ? "UMD script (it looks for a module system, else sets a global)" : "plain script")
                        + ", not an ES module, so it has nothing to import; load it as a plain script (a <bundle>"
                        + " or its own <script> tag) and use its global, or import the package's ES-module build"
                        + " if it has one";
            }
            return null;
        }

        private boolean umd(ScriptInput dep) {
            try {
                return UMD_CHECK.matcher(code(dep.file())).find();
            } catch (SourceText.SourceException e) {
                return false;
            }
        }

        /** An ES module: a file with an import or export declaration, or any {@code .mjs} file, as in Node. */
        boolean isModule(Path file) {
            if (file.getFileName().toString().endsWith(".mjs")) {
                return true; // module scope and strict mode even without an import or export
            }
            try {
                return syntax(file).module();
            } catch (SourceText.SourceException e) {
                return true; // an unreadable file is reported when it is scanned itself
            }
        }

        /** A file's text, read once: the CommonJS check reads a dependency before it is scanned itself. */
        private String code(Path file) throws SourceText.SourceException {
            String code = texts.get(file);
            if (code == null) {
                code = SourceText.read(file);
                texts.put(file, code);
            }
            return code;
        }

        /** A file's imports and whether it is a module, scanned once. */
        private ModuleSyntax.Scan syntax(Path file) throws SourceText.SourceException {
            ModuleSyntax.Scan scan = scans.get(file);
            if (scan == null) {
                scan = ModuleSyntax.scan(code(file));
                scans.put(file, scan);
            }
            return scan;
        }

        /** Whether a file uses CommonJS (module.exports, exports.x, require, a UMD test), read once. */
        private boolean hasCommonJs(Path file) {
            try {
                return syntax(file).commonJs();
            } catch (SourceText.SourceException e) {
                return false; // reported when the file itself is scanned
            }
        }

        private String hint(String specifier, boolean require) {
            if (specifier.startsWith(".")) {
                return require ? " (no such file, nor with .js, .json, /index.js or a package.json main added)"
                        : " (no such file, nor with .js, .mjs or /index.js added)";
            }
            String looked = " (looked in the WebJars on the dependency list and node_modules)";
            if (require) { // in a library, most often a Node built-in such as "path", which no WebJar provides
                return looked + "; a require() that may fail belongs in a try block, which leaves it to run time";
            }
            String pkg = LibraryRoots.packageName(specifier);
            if (libraries.packageDirectory(pkg).isPresent()) {
                return looked; // the package is there, the file is not
            }
            return looked + "; add the WebJar " + LibraryRoots.webJarCoordinates(pkg)
                    + " to the POM's dependencies (scope provided), or install " + pkg + " into node_modules";
        }

        /**
         * A {@code require()} resolved as Node and browser bundlers do for CommonJS: relative paths
         * with {@code .js}, {@code .json}, a folder's package.json {@code main} or {@code index.js};
         * a package by its {@code exports} (conditions browser, module, require, default accepted), then
         * {@code main}. It may lead to an ES module: the require then returns its namespace.
         */
        Optional<ScriptInput> resolveRequire(ScriptInput from, String specifier) {
            if (isRelative(specifier)) {
                return Optional.ofNullable(nodeFile(from.file().getParent().resolve(specifier).normalize()))
                        .map(browser::substitute).map(this::inputFor);
            }
            return resolvePackage(specifier, REQUIRE_CONDITIONS, List.of("main"), false);
        }

        Optional<ScriptInput> resolve(ScriptInput from, String specifier) {
            if (isRelative(specifier)) {
                return Optional.ofNullable(relativeFile(from.file(), specifier)).map(browser::substitute).map(this::inputFor);
            }
            return resolvePackage(specifier, IMPORT_CONDITIONS, List.of("module", "main"), true);
        }

        private Optional<ScriptInput> resolvePackage(String specifier, Set<String> conditions, List<String> mainFields,
                                                     boolean importing) {
            if (specifier.startsWith("/") || specifier.contains(":")) {
                return Optional.empty();
            }
            String pkg = LibraryRoots.packageName(specifier);
            String subPath = specifier.length() > pkg.length() ? specifier.substring(pkg.length() + 1) : "";
            Optional<Path> dir = libraries.packageDirectory(pkg);
            if (dir.isEmpty()) {
                return Optional.empty();
            }
            Path file = exported(dir.get(), subPath.isEmpty() ? "." : "./" + subPath, conditions);
            if (file == null) {
                Path named = dir.get().resolve(subPath);
                file = !subPath.isEmpty() ? (importing ? withJsExtension(named) : nodeFile(named))
                        : ClassicWebJar.is(dir.get()) ? ClassicWebJar.main(dir.get()) : packageMain(dir.get(), mainFields);
            }
            if (file == null) {
                return Optional.empty();
            }
            ScriptInput input = inputFor(browser.substitute(file)); // the field may swap the main file too
            if (importing) {
                bare.put(specifier, input.name());
            }
            return Optional.of(input);
        }

        private ScriptInput inputFor(Path file) {
            if (file.startsWith(sourceRoot)) {
                return new ScriptInput(slashes(sourceRoot.relativize(file)), file, false);
            }
            for (Path root : libraries.roots()) {
                if (file.startsWith(root)) {
                    return new ScriptInput(root.getFileName() + "/" + slashes(root.relativize(file)), file, true);
                }
            }
            return new ScriptInput(slashes(file), file, true);
        }

        /**
         * The file package.json {@code exports} maps {@code key} to, with {@code conditions}
         * accepted ({@link PackageExports#target}).
         */
        private static Path exported(Path dir, String key, Set<String> conditions) {
            String path = PackageExports.target(dir, key, conditions);
            return path == null ? null : withJsExtension(dir.resolve(path).normalize());
        }

        private static Path packageMain(Path dir, List<String> fields) {
            Path manifest = dir.resolve("package.json");
            if (Files.isRegularFile(manifest)) {
                try {
                    JsonNode json = JSON.readTree(manifest.toFile());
                    for (String field : fields) {
                        if (json.path(field).isTextual()) {
                            Path file = withJsExtension(dir.resolve(json.path(field).asText()).normalize());
                            if (file != null) {
                                return file;
                            }
                        }
                    }
                } catch (IOException e) {
                    // fall through to index.js
                }
            }
            return withJsExtension(dir.resolve("index.js"));
        }

        private static String slashes(Path p) {
            return p.toString().replace('\\', '/');
        }
    }
}
