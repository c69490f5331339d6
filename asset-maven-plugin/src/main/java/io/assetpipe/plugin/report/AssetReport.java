package io.assetpipe.plugin.report;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One asset of the report: current or removed since the previous release.
 *
 * @param logicalPath its path before fingerprinting
 * @param file its fingerprinted path in the bundle, or null if it was removed
 * @param sizes its sizes, or null if it was removed
 * @param previous its sizes in the previous release, or null (new, or no previous release)
 * @param sourceMap whether it is another asset's source map
 * @param entryPoint the input it was built from (module entry, Sass file), or null
 * @param contributors what its bytes come from, largest first; empty when unknown (a source map, an
 *     output built without source maps, a removed asset)
 */
public record AssetReport(String logicalPath, String file, Sizes sizes, Sizes previous, boolean sourceMap,
                          String entryPoint, List<Contributor> contributors) {
    public AssetReport {
        contributors = List.copyOf(contributors);
    }

    public boolean removed() {
        return sizes == null;
    }

    /** Its change in {@code measure} since the previous release; empty when it is in only one of them. */
    public OptionalLong change(Measure measure) {
        return sizes == null || previous == null
                ? OptionalLong.empty()
                : OptionalLong.of(measure.of(sizes) - measure.of(previous));
    }

    /**
     * Whether it is known to be made from other files (a script bundle, a compiled stylesheet), so
     * its composition is worth showing; a copied file's only input is itself.
     */
    public boolean composed() {
        if (contributors.isEmpty()) {
            return false; // not known: a source map, or an output built without one
        }
        return entryPoint != null || contributors.size() > 1
                || !contributors.get(0).files().equals(Map.of(logicalPath, sizes.raw()));
    }
}
