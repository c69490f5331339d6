package io.assetpipe.plugin.pipeline;

import io.assetpipe.plugin.compile.Diagnostic;
import io.assetpipe.plugin.js.ClosureScriptCompiler;
import io.assetpipe.plugin.js.ModuleGraph;
import io.assetpipe.plugin.js.ScriptBundle;
import io.assetpipe.plugin.js.ScriptInput;
import io.assetpipe.plugin.js.ScriptJob;
import io.assetpipe.plugin.library.LibraryRoots;
import io.assetpipe.plugin.scss.StylesheetCompiler;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to compile: one unit per Sass entry point (not {@code _partials}), per configured script
 * bundle and per JavaScript module entry; everything else is copied as it is.
 *
 * @param units the outputs to compile
 * @param scripts JavaScript files that are compiled (bundled or module), so not copied
 */
record CompilePlan(List<CompileUnit> units, Set<String> scripts) {

    /** Plans {@code files} (logical paths under the source directory); problems go to {@code errors}. */
    static CompilePlan of(BuildConfig config, StylesheetCompiler stylesheets, List<String> files,
                          LibraryRoots libraries, List<Diagnostic> errors) {
        Path src = config.sourceDirectory();
        List<CompileUnit> units = new ArrayList<>();
        List<Path> includePaths = new ArrayList<>(config.includePaths());
        includePaths.addAll(libraries.roots());
        for (String file : files) {
            if (isSass(file) && !fileName(file).startsWith("_")) {
                String output = file.substring(0, file.lastIndexOf('.')) + ".css";
                units.add(CompileUnit.stylesheet(output, file, () -> stylesheets.compile(
                        src.resolve(file), src, output, includePaths, config.sourceMaps())));
            }
        }
        ClosureScriptCompiler closure = new ClosureScriptCompiler(config.closureSettings());
        Set<String> bundled = new LinkedHashSet<>();
        for (ScriptBundle bundle : config.bundles()) {
            List<ScriptInput> inputs = new ArrayList<>();
            for (String include : bundle.includes()) {
                List<String> matched = match(files, include);
                if (matched.isEmpty()) {
                    errors.add(Diagnostic.of(src, "bundle " + bundle.name() + ": <include>" + include
                            + "</include> matches no file"));
                }
                for (String m : matched) {
                    if (bundled.add(m) || inputs.stream().noneMatch(i -> i.name().equals(m))) {
                        inputs.add(new ScriptInput(m, src.resolve(m), false));
                    }
                }
            }
            units.add(CompileUnit.script("bundle:" + bundle.name(), ScriptJob.bundle(bundle.name(), inputs), closure));
        }
        Set<String> verbatim = new TreeSet<>();
        for (String path : config.verbatimScripts()) {
            List<String> matched = match(files, path).stream().filter(ModuleGraph::isScript).toList();
            if (matched.isEmpty()) {
                errors.add(Diagnostic.of(src, "<verbatimScripts> " + path + " matches no script"));
            }
            verbatim.addAll(matched);
        }
        List<String> scripts = files.stream()
                .filter(f -> ModuleGraph.isScript(f) && !bundled.contains(f) && !verbatim.contains(f)).toList();
        ModuleGraph graph = ModuleGraph.scan(src, scripts, libraries);
        errors.addAll(graph.errors());
        for (ModuleGraph.Entry entry : graph.entries()) {
            units.add(CompileUnit.script("module:" + entry.logicalPath(),
                    ScriptJob.of(entry, graph.bareSpecifiers()), closure));
        }
        Set<String> handled = new TreeSet<>(scripts);
        handled.addAll(bundled);
        CompilePlan plan = new CompilePlan(units, handled);
        plan.checkOutputsAreDistinct(files, config.sourceMaps(), src, errors);
        return plan;
    }

    /**
     * Two sources making the same bundle path would silently lose one ({@code css/site.scss} and a
     * plain {@code css/site.css}, or a file {@code js/app.js.map} and the map made for
     * {@code js/app.js}): an error naming both.
     */
    private void checkOutputsAreDistinct(List<String> files, boolean sourceMaps, Path src, List<Diagnostic> errors) {
        /** A bundle path, what makes it (for the message), and the source file to point at. */
        record Output(String path, String madeBy, String source) {}
        List<Output> outputs = new ArrayList<>();
        for (CompileUnit unit : units) {
            boolean bundle = unit.kind().startsWith("bundle:");
            String source = unit.kind().substring(unit.kind().indexOf(':') + 1);
            String madeBy = bundle ? "the bundle " + source : source;
            outputs.add(new Output(unit.logicalPath(), madeBy, bundle ? unit.logicalPath() : source));
            if (sourceMaps) {
                outputs.add(new Output(unit.logicalPath() + ".map", "the source map of " + madeBy, unit.logicalPath()));
            }
        }
        files.stream().filter(this::isPassThrough).forEach(file -> outputs.add(new Output(file, file, file)));
        Map<String, String> madeBy = new HashMap<>();
        for (Output output : outputs) {
            String earlier = madeBy.putIfAbsent(output.path(), output.madeBy());
            if (earlier != null) {
                errors.add(Diagnostic.of(src.resolve(output.source()),
                        earlier + " and " + output.madeBy() + " both make " + output.path() + "; rename one"));
            }
        }
    }

    /** Files copied as they are: everything that is not Sass or JavaScript. */
    boolean isPassThrough(String file) {
        return !isSass(file) && !scripts.contains(file);
    }

    static boolean isSass(String file) {
        return file.endsWith(".scss") || file.endsWith(".sass");
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static List<String> match(List<String> files, String include) {
        if (files.contains(include)) {
            return List.of(include);
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + include);
        return files.stream().filter(f -> matcher.matches(Path.of(f))).sorted().toList();
    }
}
