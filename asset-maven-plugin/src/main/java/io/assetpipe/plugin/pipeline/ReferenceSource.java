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

/**
 * Where a reference of a stylesheet was written, to point a diagnostic at it.
 *
 * <p>For compiled Sass, the stylesheet's source map says which declaration of which file made
 * it: the diagnostic points at the reference inside that declaration when it is written out there,
 * else at the declaration itself, "a path Sass builds" (from variables, or a mixin's argument). So
 * a new partial's wrong {@code url("img/logo.png")} is reported in that partial, never at another
 * file's {@code url("../img/logo.png")}, which merely contains the same text. Without a source map
 * ({@code sourceMaps} off), a source that writes exactly that URL (the whole of it) is taken, else
 * the stylesheet with the position in the compiled CSS. A plain stylesheet is its own source.
 */
final class ReferenceSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    /** The Sass sources and the plain .css files a Sass import inlined (Leaflet's), in load order. */
    private final List<Path> written;
    private final List<CssReferences.Reference> refs;
    private final Mappings mappings;
    private final List<String> mapSources;
    private final Map<Path, Optional<String>> texts = new HashMap<>();
    private final Map<String, Integer> unmappedSoFar = new HashMap<>();

    private ReferenceSource(Path file, List<Path> written, List<CssReferences.Reference> refs, Mappings mappings,
                            List<String> mapSources) {
        this.file = file;
        this.written = written;
        this.refs = refs;
        this.mappings = mappings;
        this.mapSources = mapSources;
    }

    /**
     * @param css a stylesheet of the bundle, under {@code src}
     * @param map its source map, or null
     * @param refs every reference of its compiled text
     */
    static ReferenceSource of(Path src, PendingAsset css, PendingAsset map, List<CssReferences.Reference> refs) {
        Path plain = src.resolve(css.logicalPath());
        List<Path> written = css.sources().equals(List.of(plain)) ? List.of() : css.sources().stream()
                .filter(source -> CompilePlan.isSass(source.toString()) || source.toString().endsWith(".css"))
                .toList();
        Mappings mappings = null;
        List<String> mapSources = new ArrayList<>();
        if (map != null && !written.isEmpty()) {
            try {
                JsonNode json = JSON.readTree(map.bytes());
                mappings = Mappings.parse(json.path("mappings").asText());
                json.path("sources").forEach(source -> mapSources.add(source.asText()));
            } catch (IOException | RuntimeException e) {
                mappings = null; // a map we cannot read: placed as without one
            }
        }
        Path file = css.sources().size() == 1 ? css.sources().get(0) : plain;
        return new ReferenceSource(file, written, refs, mappings, mapSources);
    }

    /** A diagnostic saying {@code message} where {@code ref} was written. */
    Diagnostic locate(CssReferences.Reference ref, String message) {
        if (written.isEmpty()) {
            return Diagnostic.of(file, ref.line(), ref.column(), message);
        }
        Diagnostic mapped = mappings == null ? null : mapped(ref, message);
        if (mapped != null) {
            return mapped;
        }
        // The repeat-th reference with this text goes to the repeat-th place a source writes it.
        int repeat = unmappedSoFar.merge(ref.raw(), 1, Integer::sum) - 1;
        Diagnostic first = null;
        int seen = 0;
        for (Path source : written) {
            String text = text(source);
            for (int at = text == null ? -1 : wholeUrl(text, ref.raw(), 0, text.length()); at >= 0;
                 at = wholeUrl(text, ref.raw(), at + 1, text.length())) {
                Diagnostic here = Diagnostic.at(source, text, at, message);
                if (seen++ == repeat) {
                    return here;
                }
                first = first == null ? here : first;
            }
        }
        return first != null ? first : Diagnostic.of(written.get(0), message + " (a path Sass builds; at line "
                + ref.line() + ", column " + ref.column() + " of the CSS compiled from this file)");
    }

    /** Where the source map puts {@code ref}'s declaration, and {@code ref} in it; null if it says nothing. */
    private Diagnostic mapped(CssReferences.Reference ref, String message) {
        int[] segment = mappings.sourceSegmentAt(ref.line() - 1, ref.column() - 1);
        if (segment == null || segment[1] >= mapSources.size()) {
            return null;
        }
        // The map names sources as the bundle does (css/site.scss, node_modules/x/_y.scss).
        Path name = Path.of(mapSources.get(segment[1]));
        Path source = written.stream().filter(w -> w.endsWith(name)).findFirst().orElse(null);
        if (source == null) {
            return null;
        }
        String text = text(source);
        int start = text == null ? -1 : offset(text, segment[2], segment[3]);
        if (start < 0) {
            return Diagnostic.of(source, segment[2] + 1, segment[3] + 1, message);
        }
        // As many references with the same text come before this one in the declaration, in the CSS and in the source.
        long before = refs.stream().filter(r -> r.line() == ref.line() && r.column() - 1 >= segment[0]
                && r.column() < ref.column() && r.raw().equals(ref.raw())).count();
        int end = declarationEnd(text, start);
        int at = wholeUrl(text, ref.raw(), start, end);
        for (long i = 0; i < before && at >= 0; i++) {
            at = wholeUrl(text, ref.raw(), at + 1, end);
        }
        return at >= 0 ? Diagnostic.at(source, text, at, message)
                : Diagnostic.of(source, segment[2] + 1, segment[3] + 1, message + " (a path Sass builds)");
    }

    private String text(Path source) {
        return texts.computeIfAbsent(source, s -> {
            try {
                return Optional.of(SourceText.read(s));
            } catch (SourceText.SourceException e) {
                return Optional.empty();
            }
        }).orElse(null);
    }

    /**
     * The first place from {@code from} (before {@code to}) where {@code url} is written as a whole
     * URL: between {@code (}, a quote or a space and {@code )}, a quote or a space. Not inside a
     * longer one: {@code img/x.png} is not in {@code ../img/x.png}, nor {@code x.woff} in {@code x.woff2}.
     */
    static int wholeUrl(String text, String url, int from, int to) {
        if (url.isEmpty()) {
            return -1;
        }
        for (int at = text.indexOf(url, from); at >= 0 && at + url.length() <= to; at = text.indexOf(url, at + 1)) {
            int after = at + url.length();
            if (at > 0 && "(\"' \t\n\r".indexOf(text.charAt(at - 1)) >= 0
                    && (after == text.length() || ")\"' \t\n\r".indexOf(text.charAt(after)) >= 0)) {
                return at;
            }
        }
        return -1;
    }

    /** The char index of 0-based {@code line} and {@code column} in {@code text}, or -1 past its end. */
    private static int offset(String text, int line, int column) {
        int at = 0;
        for (int l = 0; l < line; l++) {
            at = text.indexOf('\n', at) + 1;
            if (at == 0) {
                return -1;
            }
        }
        return at + column <= text.length() ? at + column : -1;
    }

    /** Where the declaration starting at {@code start} ends: its {@code ;} or the {@code }} closing its block. */
    private static int declarationEnd(String text, int start) {
        int depth = 0;
        char quote = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && (c == ';' || c == '}' || c == '{')) {
                return i;
            }
        }
        return text.length();
    }
}
