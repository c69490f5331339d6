package io.assetpipe.plugin.pipeline;

import io.assetpipe.plugin.compile.Diagnostic;
import io.assetpipe.plugin.compile.SourceText;
import io.assetpipe.plugin.css.CssReferences;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * References between assets: {@code url(...)} and {@code @import} in stylesheets, resolved to the
 * assets they name, and each asset's source map. They decide the order assets are fingerprinted in,
 * since a file's fingerprint covers the fingerprinted names it refers to.
 */
final class StylesheetReferences {
    /** Per stylesheet, the references that name an asset of the bundle. */
    private final Map<String, List<CssReferences.Reference>> kept = new HashMap<>();
    /** Per stylesheet, the logical path each kept reference names. */
    private final Map<String, Map<CssReferences.Reference, String>> targets = new HashMap<>();
    /** Per asset, the assets it refers to (stylesheet references and its source map). */
    private final Map<String, Set<String>> edges = new TreeMap<>();

    private StylesheetReferences() {}

    /**
     * Resolves the references of every stylesheet in {@code pending}. A reference to no asset is an
     * error or a warning, as {@link BuildConfig#failOnMissingReference()} says; undecodable
     * stylesheets are errors.
     */
    static StylesheetReferences resolve(BuildConfig config, Map<String, PendingAsset> pending,
                                        List<Diagnostic> errors, List<Diagnostic> warnings) {
        Path src = config.sourceDirectory();
        StylesheetReferences out = new StylesheetReferences();
        for (PendingAsset p : pending.values()) {
            Set<String> deps = new TreeSet<>();
            if (p.sourceMap() != null) {
                deps.add(p.sourceMap());
            }
            if (isCss(p.logicalPath())) {
                String css = text(src, p, errors);
                if (css == null) {
                    continue;
                }
                List<CssReferences.Reference> refs = CssReferences.find(css);
                Map<CssReferences.Reference, String> resolved = new HashMap<>();
                List<CssReferences.Reference> kept = new ArrayList<>();
                for (CssReferences.Reference ref : refs) {
                    String target = resolveReference(p.logicalPath(), ref.path());
                    if (target != null && pending.containsKey(target)) {
                        resolved.put(ref, target);
                        kept.add(ref);
                        deps.add(target);
                    } else if (!ref.sourceMap()) { // a library's CSS often names a map it does not ship
                        Diagnostic d = locate(src, p, ref, "references \"" + ref.raw() + "\", which is not in "
                                + src + (target == null ? "" : " (looked for " + target + ")"));
                        if (config.failOnMissingReference()) {
                            errors.add(d);
                        } else {
                            warnings.add(d);
                        }
                    }
                }
                out.kept.put(p.logicalPath(), kept);
                out.targets.put(p.logicalPath(), resolved);
            }
            out.edges.put(p.logicalPath(), deps);
        }
        return out;
    }

    /** Whether {@code logical} names a stylesheet ({@code .css} in any case: {@code LEGACY.CSS}). */
    static boolean isCss(String logical) {
        return logical.regionMatches(true, logical.length() - 4, ".css", 0, 4);
    }

    /** Per asset, the assets it refers to, for {@link io.assetpipe.plugin.fingerprint.DependencyOrder}. */
    Map<String, Set<String>> edges() {
        return edges;
    }

    /** Whether {@code logical} is a stylesheet whose references may need rewriting. */
    boolean isStylesheet(String logical) {
        return kept.containsKey(logical);
    }

    /** The references of stylesheet {@code logical} that name an asset. */
    List<CssReferences.Reference> references(String logical) {
        return kept.get(logical);
    }

    /** The logical path {@code ref} in stylesheet {@code logical} names. */
    String target(String logical, CssReferences.Reference ref) {
        return targets.get(logical).get(ref);
    }

    /** The logical path {@code ref} names, relative to the stylesheet at {@code cssLogical}; null if outside. */
    static String resolveReference(String cssLogical, String ref) {
        List<String> parts = new ArrayList<>(List.of(cssLogical.split("/")));
        parts.remove(parts.size() - 1);
        for (String segment : ref.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(segment);
            }
        }
        return String.join("/", parts);
    }

    /**
     * Where to point for a reference: for compiled Sass, the {@code .scss} line (or the line of a
     * {@code .css} file the compile imported) that writes it, found
     * by its text, else by its file name (a path Sass builds from a variable, such as
     * {@code url("#{$img}/logo.png")}), else by that name without its extension (a mixin's
     * argument); else the stylesheet Sass compiled, with the position in the compiled CSS; a plain
     * stylesheet's own position.
     */
    private static Diagnostic locate(Path src, PendingAsset p, CssReferences.Reference ref, String message) {
        // A library's plain .css that a Sass import inlined (Leaflet's) holds its url()s as written, too.
        List<Path> written = p.sources().stream()
                .filter(source -> CompilePlan.isSass(source.toString()) || source.toString().endsWith(".css"))
                .toList();
        String fileName = ref.path().substring(ref.path().lastIndexOf('/') + 1);
        String stem = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        // The stem finds a mixin's argument: @include icon(nothere) builds "../img/nothere.svg".
        for (String needle : stem.length() >= 3 ? List.of(ref.raw(), fileName, stem) : List.of(ref.raw(), fileName)) {
            for (Path source : written) {
                try {
                    String text = SourceText.read(source);
                    int at = needle.isEmpty() ? -1 : text.indexOf(needle);
                    if (at >= 0) {
                        return Diagnostic.at(source, text, at, message);
                    }
                } catch (SourceText.SourceException e) {
                    // try the next source; the fallback below still names the stylesheet
                }
            }
        }
        if (!written.isEmpty()) {
            return Diagnostic.of(written.get(0), message + " (a path Sass builds; at line " + ref.line() + ", column "
                    + ref.column() + " of the CSS compiled from this file)");
        }
        Path file = p.sources().size() == 1 ? p.sources().get(0) : src.resolve(p.logicalPath());
        return Diagnostic.of(file, ref.line(), ref.column(), message);
    }

    private static String text(Path src, PendingAsset p, List<Diagnostic> errors) {
        try {
            return SourceText.decode(src.resolve(p.logicalPath()), p.bytes());
        } catch (SourceText.SourceException e) {
            errors.add(e.diagnostic());
            return null;
        }
    }
}
