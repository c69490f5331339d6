package io.assetpipe.plugin.scss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.assetpipe.plugin.compile.CompileResult;
import io.assetpipe.plugin.compile.Diagnostic;
import io.bit3.jsass.CompilationException;
import io.bit3.jsass.Compiler;
import io.bit3.jsass.Options;
import io.bit3.jsass.Output;
import io.bit3.jsass.OutputStyle;
import io.bit3.jsass.importer.Import;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
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
        // lets libsass resolve the import itself, so tracking never changes what compiles.
        options.getImporters().add((url, previous) -> {
            track(url, previous, includePaths, inputs);
            return null;
        });
        try {
            Output out = new Compiler().compileFile(source.toUri(), output.toUri(), options);
            String css = out.getCss() == null ? "" : out.getCss();
            // libsass copied any such rule into the CSS: only then are the loaded files read again to place it.
            if (css.contains("@use") || css.contains("@forward")) {
                List<Diagnostic> moduleRules = moduleRules(inputs);
                if (!moduleRules.isEmpty()) {
                    return new CompileResult.Failed(moduleRules);
                }
            }
            return new CompileResult.Compiled(css,
                    sourceMap ? bundleNames(out.getSourceMap(), output.getParent(), sourceRoot, includePaths) : null,
                    List.copyOf(inputs), warnings.located(inputs, sourceRoot));
        } catch (CompilationException e) {
            List<Diagnostic> errors = new ArrayList<>();
            errors.add(diagnostic(source, e));
            errors.addAll(moduleRules(inputs)); // often the cause: math.div, map.get... after @use "sass:math"
            return new CompileResult.Failed(errors);
        }
    }

    /**
     * The map's {@code sources} named as the JavaScript maps name theirs: project files by their path
     * in the source directory ({@code css/theme.scss}), library files by the include directory's
     * name and the path below it ({@code webjars/bootstrap/scss/_functions.scss},
     * {@code node_modules/...}). libsass writes them relative to the map's directory
     * ({@code ../../../../target/assetpipe/webjars/...}), which depends on where the project and
     * node_modules sit, so the same sources would give different bundles in two checkouts.
     */
    static String bundleNames(String map, Path mapDirectory, Path sourceRoot, List<Path> includePaths) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(map);
            ArrayNode sources = json.withArray("sources");
            for (int i = 0; i < sources.size(); i++) {
                if (sources.get(i).isTextual()) {
                    sources.set(i, bundleName(mapDirectory.resolve(sources.get(i).asText()).normalize(),
                            sourceRoot, includePaths, sources.get(i).asText()));
                }
            }
            return JSON.writeValueAsString(json);
        } catch (IOException | RuntimeException e) {
            return map; // a map libsass wrote but we cannot read: kept as it is
        }
    }

    private static String bundleName(Path file, Path sourceRoot, List<Path> includePaths, String asWritten) {
        Path root = sourceRoot.normalize();
        if (file.startsWith(root)) {
            return slashes(root.relativize(file));
        }
        for (Path include : includePaths) {
            Path dir = include.normalize();
            if (file.startsWith(dir)) {
                return dir.getFileName() + "/" + slashes(dir.relativize(file));
            }
        }
        return asWritten;
    }

    private static String slashes(Path path) {
        return path.toString().replace('\\', '/');
    }

    /** The first {@code @use}/{@code @forward} rule of each file a compile loaded, as errors at their lines. */
    private static List<Diagnostic> moduleRules(Set<Path> inputs) {
        List<Diagnostic> found = new ArrayList<>();
        List<Path> files;
        synchronized (inputs) {
            files = List.copyOf(inputs);
        }
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException | UncheckedIOException e) {
                continue; // libsass read it; a file unreadable now is not this check's to report
            }
            Matcher m = MODULE_RULE.matcher(text);
            if (m.find()) { // the first per file: a Dart Sass library has one in nearly every file
                found.add(Diagnostic.at(file, text, m.start(1) - 1, "@" + m.group(1)
                        + " is Dart Sass's module system, which libsass (Sass 3.6, used by jsass) does not"
                        + " support: it would be copied into the CSS as it is. Use @import, or a version of"
                        + " the library written for libsass"));
            }
        }
        return found;
    }

    private static Diagnostic diagnostic(Path source, CompilationException e) {
        try {
            JsonNode json = JSON.readTree(e.getErrorJson());
            String file = json.path("file").asText(source.toString());
            if (file.equals("stdin") || file.isEmpty()) {
                file = source.toString();
            }
            return new Diagnostic(file, json.path("line").asInt(0), json.path("column").asInt(0),
                    json.path("message").asText(e.getErrorMessage()).strip());
        } catch (Exception parse) {
            return Diagnostic.of(source, String.valueOf(e.getErrorText()).strip());
        }
    }

    /** Resolves an import the way Sass does (partial, extension, index file) to record the dependency. */
    private static void track(String url, Import previous, List<Path> includePaths, Set<Path> inputs) {
        if (url.endsWith(".css") || url.startsWith("http:") || url.startsWith("https:") || url.startsWith("//")) {
            return;
        }
        Path base = null;
        if (previous != null && previous.getAbsoluteUri() != null) {
            java.net.URI uri = previous.getAbsoluteUri();
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
                return;
            }
        }
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
        return List.of("_" + name + ".scss", name + ".scss", "_" + name + ".sass", name + ".sass");
    }
}
