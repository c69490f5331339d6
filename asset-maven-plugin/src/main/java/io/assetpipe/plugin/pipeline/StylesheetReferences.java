package io.assetpipe.plugin.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.assetpipe.plugin.compile.Diagnostic;
import io.assetpipe.plugin.compile.SourceText;
import io.assetpipe.plugin.css.CssReferences;
import io.assetpipe.plugin.sourcemap.Mappings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * References between assets: {@code url(...)} and {@code @import} in stylesheets, resolved to the
 * assets they name, and each asset's source map. They decide the order assets are fingerprinted in,
 * since a file's fingerprint covers the fingerprinted names it refers to.
 */
final class StylesheetReferences {
    private static final ObjectMapper JSON = new ObjectMapper();

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
                Map<String, Integer> missingSoFar = new HashMap<>(); // per reference text, to place each repeat
                Map<Path, Optional<String>> sourceTexts = new HashMap<>(); // read once for all missing references
                for (CssReferences.Reference ref : refs) {
                    String target = resolveReference(p.logicalPath(), ref.path());
                    if (target != null && pending.containsKey(target)) {
                        resolved.put(ref, target);
                        kept.add(ref);
                        deps.add(target);
                    } else if (!ref.sourceMap()) { // a library's CSS often names a map it does not ship
                        int repeat = missingSoFar.merge(ref.raw(), 1, Integer::sum) - 1;
                        PendingAsset map = p.sourceMap() == null ? null : pending.get(p.sourceMap());
                        Diagnostic d = locate(src, p, map, ref, repeat, sourceTexts, "references \"" + ref.raw()
                                + "\", which is not in " + src + (target == null ? "" : " (looked for " + target + ")"));
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
     * {@code .css} file the compile imported) that writes it, found by its text (the
     * {@code repeat}-th time it is written, for the {@code repeat}-th missing reference with that
     * text), else by its file name (a path Sass builds from a variable, such as
     * {@code url("#{$img}/logo.png")}), else by that name without its extension (a mixin's
     * argument); else the declaration the Sass source map says made it; else the stylesheet Sass
     * compiled, with the position in the compiled CSS; a plain stylesheet's own position.
     */
    private static Diagnostic locate(Path src, PendingAsset p, PendingAsset map, CssReferences.Reference ref,
                                     int repeat, Map<Path, Optional<String>> sourceTexts, String message) {
        // A library's plain .css that a Sass import inlined (Leaflet's) holds its url()s as written, too.
        List<Path> written = p.sources().stream()
                .filter(source -> CompilePlan.isSass(source.toString()) || source.toString().endsWith(".css"))
                .toList();
        String fileName = ref.path().substring(ref.path().lastIndexOf('/') + 1);
        String stem = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        // The stem finds a mixin's argument: @include icon(nothere) builds "../img/nothere.svg".
        for (String needle : stem.length() >= 3 ? List.of(ref.raw(), fileName, stem) : List.of(ref.raw(), fileName)) {
            Diagnostic found = written(written, sourceTexts, needle, repeat, message);
            if (found != null) {
                return found;
            }
        }
        if (!written.isEmpty()) {
            Diagnostic mapped = mapped(map, written, ref, message + " (a path Sass builds)");
            return mapped != null ? mapped : Diagnostic.of(written.get(0), message + " (a path Sass builds; at line "
                    + ref.line() + ", column " + ref.column() + " of the CSS compiled from this file)");
        }
        Path file = p.sources().size() == 1 ? p.sources().get(0) : src.resolve(p.logicalPath());
        return Diagnostic.of(file, ref.line(), ref.column(), message);
    }

    /**
     * Where {@code needle} is written in {@code files}, as a whole name (not the start of a longer
     * one: {@code x.woff} is not in {@code x.woff2}): its {@code repeat}-th occurrence, or its first
     * when it is written fewer times; null if nowhere. {@code texts} keeps what was read, by file.
     */
    private static Diagnostic written(List<Path> files, Map<Path, Optional<String>> texts, String needle, int repeat,
                                      String message) {
        if (needle.isEmpty()) {
            return null;
        }
        Diagnostic first = null;
        int seen = 0;
        for (Path file : files) {
            String text = texts.computeIfAbsent(file, StylesheetReferences::readable).orElse(null);
            if (text == null) {
                continue; // try the next source; the caller's fallback still names the stylesheet
            }
            for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
                if (continuesName(text, at - 1) || continuesName(text, at + needle.length())) {
                    continue;
                }
                Diagnostic here = Diagnostic.at(file, text, at, message);
                if (seen++ == repeat) {
                    return here;
                }
                first = first == null ? here : first;
            }
        }
        return first;
    }

    private static Optional<String> readable(Path file) {
        try {
            return Optional.of(SourceText.read(file));
        } catch (SourceText.SourceException e) {
            return Optional.empty();
        }
    }

    /** Whether the char at {@code i} would make a file name around it longer ({@code 2} after {@code x.woff}). */
    private static boolean continuesName(String text, int i) {
        if (i < 0 || i >= text.length()) {
            return false;
        }
        char c = text.charAt(i);
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    /**
     * The line of a Sass source that the compiled stylesheet's source map gives for the declaration
     * holding {@code ref}: for a path Sass builds where no source writes it (a library's font folder
     * variable and file-name variable joined); null without a map or a mapping there.
     */
    private static Diagnostic mapped(PendingAsset map, List<Path> written, CssReferences.Reference ref, String message) {
        if (map == null) {
            return null;
        }
        try {
            JsonNode json = JSON.readTree(map.bytes());
            int[] segment = Mappings.parse(json.path("mappings").asText())
                    .sourceSegmentAt(ref.line() - 1, ref.column() - 1);
            if (segment == null || segment[1] >= json.path("sources").size()) {
                return null;
            }
            // The map names sources as the bundle does (css/site.scss, node_modules/x/_y.scss).
            Path name = Path.of(json.path("sources").get(segment[1]).asText());
            return written.stream().filter(source -> source.endsWith(name)).findFirst()
                    .map(source -> Diagnostic.of(source, segment[2] + 1, segment[3] + 1, message))
                    .orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
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
