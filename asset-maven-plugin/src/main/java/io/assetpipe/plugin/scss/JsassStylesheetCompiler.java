package io.assetpipe.plugin.scss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.assetpipe.plugin.compile.CompileResult;
import io.assetpipe.plugin.compile.Diagnostic;
import io.bit3.jsass.CompilationException;
import io.bit3.jsass.Compiler;
import io.bit3.jsass.Options;
import io.bit3.jsass.Output;
import io.bit3.jsass.OutputStyle;
import io.bit3.jsass.importer.Import;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * libsass through jsass, compressed output. libsass stops at the first error of a file, so each
 * entry reports at most one error; the pipeline compiles every entry and reports them all.
 */
public final class JsassStylesheetCompiler implements StylesheetCompiler {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        // Records which files each @import resolves to, for incremental rebuilds. Returning null
        // lets libsass resolve the import itself, so tracking never changes what compiles.
        options.getImporters().add((url, previous) -> {
            track(url, previous, includePaths, inputs);
            return null;
        });
        try {
            Output out = new Compiler().compileFile(source.toUri(), output.toUri(), options);
            return new CompileResult.Compiled(out.getCss() == null ? "" : out.getCss(),
                    sourceMap ? out.getSourceMap() : null, List.copyOf(inputs), List.of());
        } catch (CompilationException e) {
            return new CompileResult.Failed(List.of(diagnostic(source, e)));
        }
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
