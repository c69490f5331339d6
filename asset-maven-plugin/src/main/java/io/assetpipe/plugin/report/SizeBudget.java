package io.assetpipe.plugin.report;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A size limit on the assets a glob matches, checked after every build.
 *
 * @param assets a glob over logical paths ({@code *} within a folder, {@code **} across, as in
 *     {@link FileSystems#getDefault()}'s {@code glob:} syntax); it matches source maps only if it ends
 *     in {@code .map}, since pages never load them
 * @param maxBytes the largest size allowed, per measure
 * @param maxGrowthPercent the largest growth allowed since the previous release, in percent of
 *     its size there, measured in each measure of {@code maxBytes} (raw if there are none), or null
 */
public record SizeBudget(String assets, Map<Measure, Long> maxBytes, Double maxGrowthPercent) {
    public SizeBudget {
        if (assets == null || assets.isBlank()) {
            throw new IllegalArgumentException("a <budget> needs <assets>, a glob over logical paths such as js/**");
        }
        assets = assets.trim();
        maxBytes = Collections.unmodifiableMap(maxBytes.isEmpty() ? Map.of() : new EnumMap<>(maxBytes));
        if (maxBytes.isEmpty() && maxGrowthPercent == null) {
            throw new IllegalArgumentException("<budget> for " + assets + " sets no limit: give it maxRawBytes,"
                    + " maxGzipBytes, maxBrotliBytes, maxZstdBytes or maxGrowthPercent");
        }
        for (Map.Entry<Measure, Long> max : maxBytes.entrySet()) {
            if (max.getValue() < 0) {
                throw new IllegalArgumentException("<budget> for " + assets + ": <" + max.getKey().budgetElement()
                        + "> " + max.getValue() + " is negative");
            }
        }
        if (maxGrowthPercent != null && (maxGrowthPercent < 0 || maxGrowthPercent.isNaN())) {
            throw new IllegalArgumentException("<budget> for " + assets + ": <maxGrowthPercent> " + maxGrowthPercent
                    + " is negative");
        }
    }

    /** Whether this budget limits {@code asset} (a current one). */
    public boolean matches(AssetReport asset) {
        if (asset.removed() || (asset.sourceMap() && !assets.endsWith(".map"))) {
            return false;
        }
        return assets.equals(asset.logicalPath()) || matcher().matches(Path.of(asset.logicalPath()));
    }

    private PathMatcher matcher() {
        return FileSystems.getDefault().getPathMatcher("glob:" + Objects.requireNonNull(assets));
    }
}
