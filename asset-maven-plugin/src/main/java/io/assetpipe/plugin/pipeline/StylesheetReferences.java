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
                ReferenceSource sources = null; // made for the first missing reference
                for (CssReferences.Reference ref : refs) {
                    String target = resolveReference(p.logicalPath(), ref.path());
                    if (target != null && pending.containsKey(target)) {
                        resolved.put(ref, target);
                        kept.add(ref);
                        deps.add(target);
                    } else if (!ref.sourceMap()) { // a library's CSS often names a map it does not ship
                        if (sources == null) {
                            sources = ReferenceSource.of(src, p,
                                    p.sourceMap() == null ? null : pending.get(p.sourceMap()), refs);
                        }
                        Diagnostic d = sources.locate(ref, "references \"" + ref.raw() + "\", which is not in "
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

    private static String text(Path src, PendingAsset p, List<Diagnostic> errors) {
        try {
            return SourceText.decode(src.resolve(p.logicalPath()), p.bytes());
        } catch (SourceText.SourceException e) {
            errors.add(e.diagnostic());
            return null;
        }
    }
}
