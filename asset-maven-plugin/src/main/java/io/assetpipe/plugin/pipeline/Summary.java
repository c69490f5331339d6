package io.assetpipe.plugin.pipeline;

import io.assetpipe.manifest.ContentEncoding;
import java.util.Locale;
import java.util.Map;

/**
 * Figures for the one INFO line a build prints.
 *
 * @param assets assets in the manifest
 * @param compiled outputs compiled this run
 * @param reused outputs taken from the incremental cache
 * @param bytesIn total size of the source files
 * @param bytesOut total size of the identity files
 * @param encodedBytes total size of the kept variants, per encoding
 * @param millis wall time
 */
public record Summary(int assets, int compiled, int reused, long bytesIn, long bytesOut,
                      Map<ContentEncoding, Long> encodedBytes, long millis) {

    public String line() {
        StringBuilder out = new StringBuilder();
        out.append(assets).append(" assets (").append(compiled).append(" compiled, ").append(reused)
                .append(" reused): ").append(size(bytesIn)).append(" in, ").append(size(bytesOut)).append(" out");
        encodedBytes.forEach((encoding, bytes) -> out.append(", ").append(encoding.token()).append(' ').append(size(bytes)));
        return out.append(" in ").append(String.format(Locale.ROOT, "%.2f s", millis / 1000.0)).toString();
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.2f MiB", bytes / (1024.0 * 1024));
    }
}
