package io.assetpipe.http;

import io.assetpipe.manifest.AssetEntry;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * URLs and Subresource Integrity values for templates, by logical path:
 * {@code url("css/site.css")} → {@code /assets/css/site-3f2a9c1be0d4.css} (or
 * {@code https://cdn.example/assets/css/site-3f2a9c1be0d4.css} with an asset host), and
 * {@code integrity("js/app.js")} → {@code sha384-…}. Immutable and thread-safe.
 */
public final class AssetUrls {
    private final Map<String, AssetEntry> assets;
    private final String base;

    private AssetUrls(Map<String, AssetEntry> assets, String base) {
        this.assets = assets;
        this.base = base;
    }

    /**
     * @param prefix the prefix the handler serves under, e.g. {@code /assets}
     * @param assetHost a CDN base URL such as {@code https://cdn.example} ({@code ASSET_HOST}), or
     *     {@code null}/empty for same-origin URLs
     */
    public static AssetUrls create(AssetBundle bundle, String prefix, String assetHost) {
        Objects.requireNonNull(bundle, "bundle");
        String host = assetHost == null ? "" : stripTrailingSlash(assetHost.trim());
        return new AssetUrls(bundle.assets(), host + stripTrailingSlash(Objects.requireNonNull(prefix, "prefix")) + "/");
    }

    /** The fingerprinted URL of a current asset. */
    public String url(String logicalPath) {
        return base + entry(logicalPath).path();
    }

    /** The {@code integrity} attribute value of a current asset. */
    public String integrity(String logicalPath) {
        return entry(logicalPath).integrity();
    }

    private AssetEntry entry(String logicalPath) {
        AssetEntry entry = assets.get(logicalPath);
        if (entry == null) {
            String closest = assets.keySet().stream()
                    .sorted(Comparator.comparingInt((String known) -> distance(logicalPath, known))
                            .thenComparing(Comparator.naturalOrder()))
                    .limit(3)
                    .map(known -> "\"" + known + "\"")
                    .collect(Collectors.joining(", "));
            throw new IllegalArgumentException("unknown asset \"" + logicalPath + "\""
                    + (closest.isEmpty() ? " (the bundle has no assets)" : "; closest known: " + closest));
        }
        return entry;
    }

    private static String stripTrailingSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    /** Levenshtein distance, for "did you mean" suggestions only. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
