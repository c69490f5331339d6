package io.assetpipe.plugin.pipeline;

import io.assetpipe.plugin.compile.SourceText;
import io.assetpipe.plugin.css.CssReferences;
import io.assetpipe.plugin.fingerprint.Fingerprint;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names every asset by its final bytes. Assets go in dependency order, so when a stylesheet is
 * reached, the assets it refers to already have their fingerprinted names to rewrite it with (and
 * a compiled output its source map's name for {@code sourceMappingURL}).
 */
final class Fingerprinter {
    private Fingerprinter() {}

    /**
     * @param paths fingerprinted bundle path by logical path
     * @param bytes final bytes by logical path, in dependency order
     * @param sha256 SHA-256 (hex) of the final bytes by logical path, computed once for name and manifest
     */
    record FingerprintedAssets(Map<String, String> paths, Map<String, byte[]> bytes, Map<String, String> sha256) {}

    static FingerprintedAssets fingerprint(List<String> order, Map<String, PendingAsset> pending,
                                           StylesheetReferences references) {
        Map<String, String> fingerprinted = new HashMap<>();
        Map<String, byte[]> finalBytes = new LinkedHashMap<>();
        Map<String, String> sha256 = new HashMap<>();
        for (String logical : order) {
            PendingAsset p = pending.get(logical);
            byte[] bytes = p.bytes();
            if (references.isStylesheet(logical) || p.sourceMap() != null) {
                // Without a byte-order mark, as StylesheetReferences read it (libsass writes one when
                // the CSS holds a non-ASCII character): the references' offsets are in that text.
                String text = SourceText.withoutByteOrderMark(new String(bytes, StandardCharsets.UTF_8));
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
