package io.assetpipe.plugin.scss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.assetpipe.plugin.compile.CompileResult;
import io.assetpipe.plugin.compile.Diagnostic;
import io.assetpipe.plugin.css.CssReferences;
import io.bit3.jsass.CompilationException;
import io.bit3.jsass.Compiler;
import io.bit3.jsass.Options;
import io.bit3.jsass.Output;
import io.bit3.jsass.OutputStyle;
import io.bit3.jsass.importer.Import;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libsass through jsass, compressed output. libsass stops at the first error of a file, so each
 * entry reports at most one error; the pipeline compiles every entry and reports them all.
 *
 * <p>libsass implements Sass 3.6, before the module system: it copies {@code @use} and
 * {@code @forward} into the CSS as unknown at-rules and compiles on, so a stylesheet written for
 * Dart Sass (Bulma 1.x, Foundation 6.9) "builds" into broken CSS or fails later at a confusing
 * line. Such a rule in any file a stylesheet loads is reported here as an error at its line.
 */
public final class JsassStylesheetCompiler implements StylesheetCompiler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MODULE_RULE = Pattern.compile("^[ \\t]*@(use|forward)\\b", Pattern.MULTILINE);

    @Override
    public CompileResult compile(Path source, Path sourceRoot, String logicalOutput, List<Path> includePaths,
                                 boolean sourceMap) {
        Path output = sourceRoot.resolve(logicalOutput);
        Options options = new Options();
        options.setOutputStyle(OutputStyle.COMPRESSED);
        options.setIncludePaths(includePaths.stream().map(Path::toFile).toList());
        options.setIsIndentedSyntaxSrc(source.getFileName().toString().endsWith(".sass"));
        // The pipeline appends sourceMappingURL itself, once it knows the map's fingerprinted name.
        options.setOmitSourceMapUrl(true);
        if (sourceMap) {
            options.setSourceMapFile(Paths.get(output + ".map").toUri());
            options.setSourceMapContents(true);
        }
        Set<Path> inputs = new LinkedHashSet<>();
        inputs.add(source);
        SassWarnings warnings = new SassWarnings();
        options.getFunctionProviders().add(warnings);
        // Records which files each @import resolves to, for incremental rebuilds. Returning null
        // lets libsass resolve the import itself, so tracking never changes what compiles, except
        // where libsass would stop at a choice Dart Sass makes (see preferSass).
        options.getImporters().add((url, previous) -> {
            Path found = track(url, previous, includePaths, inputs);
            return found != null && shadowsCss(url, found) ? preferSass(url, found) : null;
        });
        try {
            Output out = new Compiler().compileFile(source.toUri(), output.toUri(), options);
            String css = out.getCss() == null ? "" : out.getCss();
            // libsass copied any such rule into the CSS: only then are the loaded files read again to place it.
            if (css.contains("@use") || css.contains("@forward")) {
                List<Diagnostic> moduleRules = moduleRules(texts(inputs));
                if (!moduleRules.isEmpty()) {
                    return new CompileResult.Failed(moduleRules);
                }
            }
            return new CompileResult.Compiled(css,
                    sourceMap ? bundleNames(out.getSourceMap(), output.getParent(), sourceRoot, includePaths) : null,
                    List.copyOf(inputs), warnings.located(inputs, sourceRoot));
        } catch (CompilationException e) {
            // A @use is often the cause (math.div, map.get... after @use "sass:math"): it comes first.
            Map<Path, String> loaded = texts(inputs);
            List<Diagnostic> errors = new ArrayList<>(moduleRules(loaded));
            errors.add(diagnostic(source, sourceRoot, includePaths, e, loaded));
            return new CompileResult.Failed(errors);
        }
    }

    /**
     * The map with its sources named as the bundle names them ({@link SourceMapSources#bundleNames}).
     * libsass writes them relative to the map's directory ({@code ../../../../target/assetpipe/webjars/...}),
     * which depends on where the project and node_modules sit, and lists a file once per
     * {@code @import} of it.
     */
    static String bundleNames(String map, Path mapDirectory, Path sourceRoot, List<Path> includePaths) {
        return SourceMapSources.bundleNames(map, source -> mapDirectory.resolve(source).normalize(), sourceRoot,
                includePaths);
    }

    /** The first {@code @use}/{@code @forward} rule of each file a compile loaded, as errors at their lines. */
    private static List<Diagnostic> moduleRules(Map<Path, String> texts) {
        List<Diagnostic> found = new ArrayList<>();
        for (Map.Entry<Path, String> loaded : texts.entrySet()) {
            Path file = loaded.getKey();
            String text = loaded.getValue();
            Matcher m = MODULE_RULE.matcher(text);
            if (m.find()) { // the first per file: a Dart Sass library has one in nearly every file
                found.add(Diagnostic.at(file, text, m.start(1) - 1, "@" + m.group(1)
                        + " is Dart Sass's module system, which libsass (Sass 3.6, used by jsass) does not"
                        + " support: it would be copied into the CSS as it is. Set <sassCompiler>dart</sassCompiler>"
                        + " to compile with Dart Sass, or use @import, a version of the library written for libsass,"
                        + " or the library's compiled .css linked as a plain stylesheet"));
            }
        }
        return found;
    }

    /**
     * Said of an error in a library's plain {@code .css} that a Sass {@code @import} inlined: libsass
     * reads it as Sass (SCSS is a superset of CSS 2), so newer CSS in it (nesting, {@code rgb(var(--x))})
     * fails, though browsers take the file as it is.
     */
    static final String LIBRARY_CSS_HINT = " (libsass reads this library stylesheet as Sass because a Sass file"
            + " @imports it; copy the .css into the source directory and link it as a plain stylesheet instead)";

    private static Diagnostic diagnostic(Path source, Path sourceRoot, List<Path> includePaths, CompilationException e,
                                         Map<Path, String> texts) {
        try {
            JsonNode json = JSON.readTree(e.getErrorJson());
            String message = json.path("message").asText(e.getErrorMessage()).strip();
            if (!json.has("line")) {
                return unplaced(source, message, texts);
            }
            String file = json.path("file").asText(source.toString());
            if (file.equals("stdin") || file.isEmpty()) {
                file = source.toString();
            }
            if (file.endsWith(".css") && !Path.of(file).toAbsolutePath().normalize()
                    .startsWith(sourceRoot.toAbsolutePath().normalize())) {
                message += LIBRARY_CSS_HINT;
            }
            Matcher notFound = IMPORT_NOT_FOUND.matcher(message);
            if (notFound.matches()) {
                message = searched(notFound.group(1), Path.of(file).toAbsolutePath().getParent(), includePaths);
            }
            return new Diagnostic(file, json.path("line").asInt(0), json.path("column").asInt(0), message);
        } catch (Exception parse) {
            return Diagnostic.of(source, String.valueOf(e.getErrorText()).strip());
        }
    }

    private static final Pattern IMPORT_NOT_FOUND = Pattern.compile("File to import not found or unreadable: (.+?)\\.?");

    /**
     * libsass's "File to import not found or unreadable: x." with where it looked: the importing
     * file's folder, then the include paths (the project's, then the unpacked WebJars and
     * node_modules), each for the names an import may take.
     */
    static String searched(String url, Path importingFolder, List<Path> includePaths) {
        String name = url.substring(url.lastIndexOf('/') + 1);
        String dir = url.contains("/") ? url.substring(0, url.lastIndexOf('/') + 1) : "";
        List<String> names = new ArrayList<>();
        candidates(name).forEach(candidate -> names.add(dir + candidate));
        names.add(url + "/_index.scss");
        List<Path> places = new ArrayList<>();
        places.add(importingFolder);
        places.addAll(includePaths);
        StringBuilder message = new StringBuilder("@import \"" + url + "\" not found; looked for ")
                .append(String.join(", ", names)).append(" in ");
        for (int i = 0; i < places.size(); i++) {
            message.append(i == 0 ? "" : i == places.size() - 1 ? " and " : ", ").append(places.get(i));
        }
        return message.toString();
    }

    private static final Pattern INCOMPATIBLE_UNITS = Pattern.compile("Incompatible units: '(\\w+)' and '(\\w+)'");
    private static final Pattern CSS_MATH = Pattern.compile("\\b(?:min|max|clamp)\\s*\\(", Pattern.CASE_INSENSITIVE);

    /**
     * An error libsass gives without a position. The one seen in practice is CSS {@code min()},
     * {@code max()} or {@code clamp()} with two units ({@code min(60vh, 800px)}): libsass evaluates
     * it as Sass's own function, which cannot compare them, and reports no position. It is placed at
     * the first such call in the files the stylesheet loaded, which may be a library's one-line CSS.
     */
    private static Diagnostic unplaced(Path source, String message, Map<Path, String> texts) {
        Matcher units = INCOMPATIBLE_UNITS.matcher(message);
        if (units.find()) {
            Pattern first = Pattern.compile("\\d" + Pattern.quote(units.group(1)) + "\\b");
            Pattern second = Pattern.compile("\\d" + Pattern.quote(units.group(2)) + "\\b");
            for (Map.Entry<Path, String> loaded : texts.entrySet()) {
                Path file = loaded.getKey();
                String text = loaded.getValue();
                Matcher call = CSS_MATH.matcher(text);
                while (call.find()) {
                    String args = text.substring(call.end(), CssReferences.closingParen(text, call.end()));
                    if (first.matcher(args).find() && second.matcher(args).find()) {
                        return Diagnostic.at(file, text, call.start(), message + " libsass evaluates CSS min(),"
                                + " max() and clamp() as Sass functions, which cannot mix units; write"
                                + " unquote(\"" + text.substring(call.start(), call.end()) + args + ")\") instead");
                    }
                }
            }
        }
        return Diagnostic.of(source, message + " (libsass gave no line for this error)");
    }

    /**
     * The text of each file a compile loaded, in load order. libsass read them; one unreadable now
     * is left out, not reported: it is not what these checks look for.
     */
    private static Map<Path, String> texts(Set<Path> inputs) {
        List<Path> files;
        synchronized (inputs) {
            files = List.copyOf(inputs);
        }
        Map<Path, String> texts = new LinkedHashMap<>();
        for (Path file : files) {
            try {
                texts.put(file, Files.readString(file));
            } catch (IOException | UncheckedIOException e) {
                // left out, as said above
            }
        }
        return texts;
    }

    /**
     * Whether {@code found}, a Sass file an extensionless import resolved to, has a plain {@code .css}
     * of the same name beside it, as slick-carousel's {@code slick/slick} and bootstrap-icons'
     * {@code font/bootstrap-icons} do. libsass then fails with "It's not clear which file to
     * import", advice nobody can follow inside node_modules or a WebJar.
     */
    private static boolean shadowsCss(String url, Path found) {
        String name = url.substring(url.lastIndexOf('/') + 1);
        String file = found.getFileName().toString();
        boolean sass = file.endsWith(".scss") || file.endsWith(".sass");
        return sass && !name.contains(".") && file.substring(file.startsWith("_") ? 1 : 0, file.length() - 5).equals(name)
                && Files.isRegularFile(found.resolveSibling(name + ".css"));
    }

    /** The Sass file, as Dart Sass picks it: a {@code .scss} or {@code .sass} wins over a {@code .css}. */
    private static Collection<Import> preferSass(String url, Path found) {
        try {
            return List.of(new Import(new URI(null, null, url, null), found.toUri(), Files.readString(found)));
        } catch (IOException | URISyntaxException e) {
            return null; // libsass resolves it, and reports what it finds
        }
    }

    /**
     * Resolves an import the way Sass does (partial, extension, index file) to record the
     * dependency; the file, or null for a plain CSS or remote import and one not found.
     */
    private static Path track(String url, Import previous, List<Path> includePaths, Set<Path> inputs) {
        if (url.endsWith(".css") || url.startsWith("http:") || url.startsWith("https:") || url.startsWith("//")) {
            return null;
        }
        Path base = null;
        if (previous != null && previous.getAbsoluteUri() != null) {
            URI uri = previous.getAbsoluteUri();
            // libsass hands back plain paths for files it loaded itself, file: URIs for ours.
            Path file = uri.getScheme() == null ? Paths.get(uri.getPath())
                    : "file".equals(uri.getScheme()) ? Paths.get(uri) : null;
            base = file == null ? null : file.getParent();
        }
        List<Path> dirs = new java.util.ArrayList<>();
        if (base != null) {
            dirs.add(base);
        }
        dirs.addAll(includePaths);
        for (Path dir : dirs) {
            Path found = resolve(dir.resolve(url));
            if (found != null) {
                synchronized (inputs) {
                    inputs.add(found.normalize());
                }
                return found.normalize();
            }
        }
        return null;
    }

    private static Path resolve(Path target) {
        Path dir = target.getParent();
        String name = target.getFileName().toString();
        for (String candidate : candidates(name)) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        for (String index : List.of("_index.scss", "index.scss", "_index.sass", "index.sass")) {
            Path p = target.resolve(index);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static Collection<String> candidates(String name) {
        if (name.endsWith(".scss") || name.endsWith(".sass")) {
            return List.of("_" + name, name);
        }
        // libsass also inlines a plain name.css for an import without extension.
        return List.of("_" + name + ".scss", name + ".scss", "_" + name + ".sass", name + ".sass", name + ".css");
    }
}
