package io.assetpipe.plugin.pipeline;

import io.assetpipe.plugin.compile.SourceText;
import io.assetpipe.plugin.css.CssReferences;
import io.assetpipe.plugin.fingerprint.Fingerprint;
import io.assetpipe.plugin.sourcemap.Mappings;
import io.assetpipe.plugin.sourcemap.SourceMapEdits;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names every asset by its final bytes. Assets go in dependency order, so when a stylesheet is
 * reached, the assets it refers to already have their fingerprinted names to rewrite it with (and
 * a compiled output its source map's name for {@code sourceMappingURL}).
 *
 * <p>A stylesheet's source map comes before the stylesheet, yet has to match the rewritten text:
 * its generated columns are moved for the rewrites first. A fingerprinted name is as long whatever
 * the hash, so the rewrites' lengths are known before the names they write.
 */
final class Fingerprinter {
    private Fingerprinter() {}

    /**
     * @param paths fingerprinted bundle path by logical path
     * @param bytes final bytes by logical path, in dependency order
     * @param sha256 SHA-256 (hex) of the final bytes by logical path, computed once for name and manifest
     */
    record FingerprintedAssets(Map<String, String> paths, Map<String, byte[]> bytes, Map<String, String> sha256) {}

    /** Stands for any hash where only the length of a fingerprinted name matters. */
    private static final String ANY_HASH = "0".repeat(Fingerprint.LENGTH);

    static FingerprintedAssets fingerprint(List<String> order, Map<String, PendingAsset> pending,
                                           StylesheetReferences references) {
        Map<String, String> rewrittenStylesheetOfMap = rewrittenStylesheetsByMap(order, pending, references);
        Map<String, String> fingerprinted = new HashMap<>();
        Map<String, byte[]> finalBytes = new LinkedHashMap<>();
        Map<String, String> sha256 = new HashMap<>();
        for (String logical : order) {
            PendingAsset p = pending.get(logical);
            byte[] bytes = p.bytes();
            String stylesheet = rewrittenStylesheetOfMap.get(logical);
            if (stylesheet != null) {
                String css = text(pending.get(stylesheet));
                bytes = SourceMapEdits.afterEdits(bytes, css, edits(stylesheet, references));
            }
            if (references.isStylesheet(logical) || p.sourceMap() != null) {
                String text = text(p);
                if (references.isStylesheet(logical)) {
                    text = CssReferences.rewrite(text, references.references(logical),
                            ref -> relative(logical, fingerprinted.get(references.target(logical, ref))));
                }
                if (p.sourceMap() != null) {
                    String mapName = CssReferences.urlPath(CompilePlan.fileName(fingerprinted.get(p.sourceMap())));
                    text = StylesheetReferences.isCss(logical)
                            ? text + "\n/*# sourceMappingURL=" + mapName + " */\n"
                            : text + "//# sourceMappingURL=" + mapName + "\n";
                }
                bytes = text.getBytes(StandardCharsets.UTF_8);
            }
            String hash = Fingerprint.sha256Hex(bytes);
            fingerprinted.put(logical, Fingerprint.fingerprintedPath(logical, hash));
            sha256.put(logical, hash);
            finalBytes.put(logical, bytes);
        }
        return new FingerprintedAssets(fingerprinted, finalBytes, sha256);
    }

    /**
     * An asset's text as references were found in it: without a byte-order mark, which libsass
     * writes when the CSS holds a non-ASCII character (the final file has none either).
     */
    private static String text(PendingAsset p) {
        return SourceText.withoutByteOrderMark(new String(p.bytes(), StandardCharsets.UTF_8));
    }

    /**
     * The stylesheet each source map in the bundle was made for, where that stylesheet has
     * references to rewrite: a compiled one's own map, or the map a plain stylesheet names in its
     * {@code sourceMappingURL} (as a library's {@code .min.css} beside its {@code .min.css.map}). A map
     * two stylesheets name is left out: it cannot match both.
     */
    private static Map<String, String> rewrittenStylesheetsByMap(List<String> order, Map<String, PendingAsset> pending,
                                                                 StylesheetReferences references) {
        Map<String, String> byMap = new HashMap<>();
        Map<String, Integer> claims = new HashMap<>();
        for (String logical : order) {
            if (!references.isStylesheet(logical) || references.references(logical).isEmpty()) {
                continue;
            }
            String map = pending.get(logical).sourceMap();
            for (CssReferences.Reference ref : references.references(logical)) {
                if (map == null && ref.sourceMap()) {
                    map = references.target(logical, ref);
                }
            }
            if (map != null && claims.merge(map, 1, Integer::sum) == 1) {
                byMap.put(map, logical);
            } else if (map != null) {
                byMap.remove(map);
            }
        }
        return byMap;
    }

    /** The edits that rewriting {@code stylesheet}'s references will make, as long as they will be. */
    private static List<Mappings.Edit> edits(String stylesheet, StylesheetReferences references) {
        return references.references(stylesheet).stream()
                .map(ref -> new Mappings.Edit(ref.start(), ref.end(), CssReferences.replacement(ref, relative(stylesheet,
                        Fingerprint.fingerprintedPath(references.target(stylesheet, ref), ANY_HASH))).length()))
                .toList();
    }

    /** Path of {@code target} relative to the directory of {@code from} (both bundle paths). */
    static String relative(String from, String target) {
        String[] a = from.split("/");
        String[] b = target.split("/");
        int common = 0;
        while (common < a.length - 1 && common < b.length - 1 && a[common].equals(b[common])) {
            common++;
        }
        StringBuilder out = new StringBuilder();
        for (int i = common; i < a.length - 1; i++) {
            out.append("../");
        }
        for (int i = common; i < b.length; i++) {
            out.append(b[i]);
            if (i < b.length - 1) {
                out.append('/');
            }
        }
        return out.toString();
    }
}
