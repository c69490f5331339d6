package io.assetpipe.plugin.report;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.AssetManifest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a build shipped, asset by asset: sizes raw and precompressed as the manifest lists them,
 * what each compiled output is made of (from the metafile) and the change since the previous
 * release. Plain values, from which the reporters write the HTML page, the metafile and the log
 * table, and against which budgets are checked.
 *
 * @param project what was built, e.g. {@code com.example:shop:1.5.0}
 * @param generator the manifest's generator, e.g. {@code assetpipe 0.1.0}
 * @param buildTime the manifest's build time
 * @param assets current assets by logical path, then the ones removed since the previous release
 * @param metafile the build's metafile
 * @param previous the release compared with, or why there is none
 * @param budgets the budgets checked and what they found (none configured: empty)
 */
public record BuildReport(String project, String generator, Instant buildTime, List<AssetReport> assets, Metafile metafile,
                          PreviousRelease previous, BudgetCheck budgets) {
    public BuildReport {
        assets = List.copyOf(assets);
        Objects.requireNonNull(metafile, "metafile");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(budgets, "budgets");
    }

    /** The report of the bundle {@code manifest} describes, made of what {@code metafile} says. */
    public static BuildReport of(String project, AssetManifest manifest, Metafile metafile, PreviousRelease previous) {
        Map<String, AssetEntry> before = previous instanceof PreviousRelease.Found found
                ? found.manifest().assets() : Map.of();
        Set<String> maps = sourceMaps(manifest.assets());
        List<AssetReport> assets = new ArrayList<>();
        manifest.assets().forEach((logical, entry) -> {
            Metafile.Output output = metafile.outputs().get(entry.path());
            List<Contributor> contributors = output == null || output.inputs().isEmpty()
                    ? List.of() : Contributor.of(output.inputs(), output.unmapped());
            AssetEntry old = before.get(logical);
            assets.add(new AssetReport(logical, entry.path(), Sizes.of(entry), old == null ? null : Sizes.of(old),
                    maps.contains(logical), output == null ? null : output.entryPoint(), contributors));
        });
        Set<String> oldMaps = sourceMaps(before);
        before.forEach((logical, old) -> {
            if (!manifest.assets().containsKey(logical)) {
                assets.add(new AssetReport(logical, null, null, Sizes.of(old), oldMaps.contains(logical), null, List.of()));
            }
        });
        return new BuildReport(project, manifest.generator(), manifest.buildTime(), assets, metafile, previous,
                BudgetCheck.NONE);
    }

    /** This report with the outcome of its budgets. */
    public BuildReport withBudgets(BudgetCheck check) {
        return new BuildReport(project, generator, buildTime, assets, metafile, previous, check);
    }

    /** The current assets that pages load: everything but source maps. */
    public List<AssetReport> shipped() {
        return assets.stream().filter(a -> !a.removed() && !a.sourceMap()).toList();
    }

    private static Set<String> sourceMaps(Map<String, AssetEntry> assets) {
        return assets.values().stream().map(AssetEntry::sourceMap).filter(Objects::nonNull).collect(Collectors.toSet());
    }
}
