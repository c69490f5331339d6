package io.assetpipe.plugin.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.assetpipe.plugin.compile.Diagnostic;
import io.assetpipe.plugin.compile.SourceText;
import io.assetpipe.plugin.library.LibraryRoots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
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
 * <p><b>Entry-point rule</b>: every {@code .js} under the source directory is an entry point and
 * becomes one output file, unless another project {@code .js} imports it, it is an input of a named
 * bundle, or its path has a segment starting with {@code _} (a file {@code _util.js} or a folder
 * {@code _lib/}, as Sass partials). An entry point is bundled with everything it imports,
 * transitively; Closure's dependency pruning drops the rest.
 *
 * <p>Relative imports name a file ({@code ./util.js}); one without its extension finds
 * {@code .js}, {@code .mjs} or {@code /index.js}, as bundlers do (see {@link #relativeFile}). Bare imports
 * ({@code jquery}, {@code lodash-es/debounce.js}) resolve in the WebJars on the dependency list,
 * then {@code node_modules}: a bare package name uses its package.json {@code exports} (conditions
 * browser, import, module, default), then {@code module}, then {@code main}, then {@code index.js};
 * a path inside a package may omit {@code .js}.
 */
public final class ModuleGraph {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a CommonJS module does: export through {@code module.exports} or {@code exports.x =}. */
    private static final Pattern COMMONJS_EXPORT = Pattern.compile("\\bmodule\\.exports\\b|\\bexports\\.[\\w$]+\\s*=");
    /** What a UMD file does besides: look for a module system first, and fall back to a global. */
    private static final Pattern UMD_CHECK = Pattern.compile("typeof\\s+(?:module|exports|define)\\b|\\bdefine\\.amd\\b");

    /**
     * Whether a script is CommonJS only (exports through {@code module.exports} with no ES-module
     * syntax and no UMD fallback to a global): Closure would copy it into the bundle as it is, and
     * it would fail in the browser ({@code module is not defined}).
     */
    private static boolean isCommonJsOnly(String code, boolean module) {
        return !module && COMMONJS_EXPORT.matcher(code).find() && !UMD_CHECK.matcher(code).find();
    }

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
    private static String namingTheFile(Path importer, String specifier) {
        for (String candidate : List.of(specifier, specifier + ".js", specifier + ".mjs",
                specifier + "/index.js", specifier + "/index.mjs")) {
            if (Files.isRegularFile(importer.getParent().resolve(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * {@code code} with each relative import that leaves out the file name's end rewritten to name
     * the file ({@code "./constant"} to {@code "./constant.js"}), and each one its package swaps for
     * browsers ({@link BrowserField}) rewritten to name the substitute, for Closure Compiler, which
     * resolves relative imports exactly, as browsers do.
     */
    static String withNamedFiles(String code, Path file, BrowserField browser) {
        /** The specifier at {@code start..end} becomes {@code named}. */
        record Edit(int start, int end, String named) {}
        List<Edit> edits = new ArrayList<>();
        for (ModuleSyntax.Request request : ModuleSyntax.scan(code).requests()) {
            String specifier = request.specifier();
            String named = isRelative(specifier) ? namingTheFile(file, specifier) : null;
            if (named != null) {
                Path target = file.getParent().resolve(named).normalize();
                Path substitute = browser.substitute(target);
                if (!substitute.equals(target)) {
                    String relative = file.toAbsolutePath().getParent()
                            .relativize(substitute.toAbsolutePath()).toString().replace('\\', '/');
                    named = relative.startsWith("../") ? relative : "./" + relative;
                }
            }
            if (named != null && !named.equals(specifier)) {
                edits.add(new Edit(request.start(), request.end(), named));
            }
        }
        if (edits.isEmpty()) {
            return code;
        }
        StringBuilder out = new StringBuilder(code.length() + 8 * edits.size());
        int at = 0;
        for (Edit edit : edits) {
            out.append(code, at, edit.start()).append(edit.named());
            at = edit.end();
        }
        return out.append(code, at, code.length()).toString();
    }

    /** One compilation: an entry point and every file it needs, dependencies first. */
    /**
     * @param module whether the entry is an ES module (bundled and wrapped) or a classic script
     *     (no import or export: minified as it is, so its globals stay)
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
     * @param scripts logical paths of every {@code .js} there that is not a bundle input, sorted
     */
    public static ModuleGraph scan(Path sourceRoot, List<String> scripts, LibraryRoots libraries) {
        Scanner scanner = new Scanner(sourceRoot, libraries);
        Set<String> imported = new HashSet<>();
        for (String script : scripts) {
            ScriptInput input = new ScriptInput(script, sourceRoot.resolve(script), false);
            for (ScriptInput dep : scanner.dependencies(input)) {
                if (!dep.library()) {
                    imported.add(dep.name());
                }
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (String script : scripts) {
            if (imported.contains(script) || hasUnderscoreSegment(script)) {
                continue;
            }
            LinkedHashSet<ScriptInput> closure = new LinkedHashSet<>();
            scanner.collect(new ScriptInput(script, sourceRoot.resolve(script), false), closure, new HashSet<>());
            // An entry with a broken import is not compiled: the error is reported once, here, and
            // Closure is not handed a specifier whose file is missing.
            if (closure.stream().noneMatch(input -> scanner.broken.contains(input.name()))) {
                entries.add(new Entry(script, List.copyOf(closure), scanner.isModule(sourceRoot.resolve(script))));
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
            for (ModuleSyntax.Request request : scan.requests()) {
                String specifier = request.specifier();
                Optional<ScriptInput> dep = resolve(input, specifier);
                String problem = problem(specifier, dep, request.bindings());
                if (problem == null) {
                    found.add(dep.get());
                } else {
                    errors.add(Diagnostic.at(input.file(), code, request.start(), problem));
                    broken.add(input.name());
                }
            }
            return found;
        }

        /** Why an import cannot be bundled, or {@code null} when it can. */
        private String problem(String specifier, Optional<ScriptInput> dep, boolean bindings) {
            if (dep.isEmpty()) {
                return "cannot resolve import \"" + specifier + "\"" + hint(specifier);
            }
            if (!isScript(dep.get().file())) {
                return "\"" + specifier + "\" is not JavaScript; only .js and .mjs modules can be imported"
                        + (specifier.endsWith(".css")
                                ? " (link a stylesheet from the page or @import it in Sass)"
                                : " (fetch other files at run time from their fingerprinted URL)");
            }
            if (commonJsOnly(dep.get())) {
                return "\"" + specifier + "\" resolves to " + dep.get().name() + ", which is a CommonJS module"
                        + " (module.exports, require); only ES modules can be bundled, so import the package's"
                        + " ES-module build if it has one";
            }
            if (bindings && !isModule(dep.get().file())) {
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

        boolean isModule(Path file) {
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

        private static boolean isScript(Path file) {
            String name = file.getFileName().toString();
            return name.endsWith(".js") || name.endsWith(".mjs") || name.endsWith(".cjs");
        }

        private boolean commonJsOnly(ScriptInput dep) {
            try {
                return isCommonJsOnly(code(dep.file()), syntax(dep.file()).module());
            } catch (SourceText.SourceException e) {
                return false; // reported when the file itself is scanned
            }
        }

        private static String hint(String specifier) {
            if (specifier.startsWith(".")) {
                return " (no such file, nor with .js, .mjs or /index.js added)";
            }
            return " (looked in the WebJars on the dependency list and node_modules)";
        }

        Optional<ScriptInput> resolve(ScriptInput from, String specifier) {
            if (isRelative(specifier)) {
                return Optional.ofNullable(relativeFile(from.file(), specifier)).map(browser::substitute).map(this::inputFor);
            }
            if (specifier.startsWith("/") || specifier.contains(":")) {
                return Optional.empty();
            }
            String[] parts = specifier.split("/");
            int nameLength = specifier.startsWith("@") && parts.length > 1 ? 2 : 1;
            String pkg = String.join("/", java.util.Arrays.copyOf(parts, nameLength));
            String subPath = String.join("/", java.util.Arrays.copyOfRange(parts, nameLength, parts.length));
            Optional<Path> dir = libraries.packageDirectory(pkg);
            if (dir.isEmpty()) {
                return Optional.empty();
            }
            Path file = exported(dir.get(), subPath.isEmpty() ? "." : "./" + subPath);
            if (file == null) {
                file = subPath.isEmpty() ? packageMain(dir.get()) : withJsExtension(dir.get().resolve(subPath));
            }
            if (file == null) {
                return Optional.empty();
            }
            ScriptInput input = inputFor(browser.substitute(file)); // the field may swap the main file too
            bare.put(specifier, input.name());
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
         * The {@code exports} key with a {@code *} that matches {@code key}, as Node resolves them:
         * {@code "./addons/*": "./examples/jsm/*"} maps {@code ./addons/controls/OrbitControls.js};
         * of several, the one with the longest part before the {@code *}.
         */
        private static String subpathPattern(JsonNode exports, String key) {
            String best = null;
            for (Iterator<String> names = exports.fieldNames(); names.hasNext(); ) {
                String pattern = names.next();
                int star = pattern.indexOf('*');
                if (star >= 0 && key.length() >= pattern.length() - 1
                        && key.startsWith(pattern.substring(0, star)) && key.endsWith(pattern.substring(star + 1))
                        && (best == null || star > best.indexOf('*'))) {
                    best = pattern;
                }
            }
            return best;
        }

        /** The file package.json {@code exports} maps {@code key} to, preferring browser ES-module conditions. */
        private static Path exported(Path dir, String key) {
            Path manifest = dir.resolve("package.json");
            if (!Files.isRegularFile(manifest)) {
                return null;
            }
            try {
                JsonNode exports = JSON.readTree(manifest.toFile()).path("exports");
                JsonNode target = exports.isTextual() && key.equals(".") ? exports : exports.path(key);
                String matched = null; // what a subpath pattern's * stands for
                if (target.isMissingNode() && exports.isObject()) {
                    String pattern = subpathPattern(exports, key);
                    if (pattern != null) {
                        int star = pattern.indexOf('*');
                        matched = key.substring(star, key.length() - (pattern.length() - star - 1));
                        target = exports.path(pattern);
                    }
                }
                String path = condition(target);
                if (path != null && matched != null) {
                    path = path.replace("*", matched);
                }
                return path == null ? null : withJsExtension(dir.resolve(path).normalize());
            } catch (IOException e) {
                return null;
            }
        }

        private static String condition(JsonNode node) {
            if (node.isTextual()) {
                return node.asText();
            }
            if (node.isObject()) {
                for (String condition : List.of("browser", "import", "module", "default")) {
                    String found = node.has(condition) ? condition(node.get(condition)) : null;
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }

        private static Path packageMain(Path dir) {
            Path manifest = dir.resolve("package.json");
            if (Files.isRegularFile(manifest)) {
                try {
                    JsonNode json = JSON.readTree(manifest.toFile());
                    for (String field : List.of("module", "main")) {
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
