package io.assetpipe.plugin;

/**
 * POM form of a size budget:
 * {@code <budget><assets>js/**</assets><maxGzipBytes>60000</maxGzipBytes></budget>}. Maven fills it
 * by reflection, hence mutable; it becomes an immutable {@code SizeBudget}. Limits left out are not checked.
 */
public class Budget {
    /** Glob over logical paths, e.g. {@code js/**} or {@code css/app.css}. */
    private String assets;

    private Long maxRawBytes;

    private Long maxGzipBytes;

    private Long maxBrotliBytes;

    private Long maxZstdBytes;

    /** Largest growth since the previous release, in percent. */
    private Double maxGrowthPercent;

    public String getAssets() {
        return assets;
    }

    public void setAssets(String assets) {
        this.assets = assets;
    }

    public Long getMaxRawBytes() {
        return maxRawBytes;
    }

    public void setMaxRawBytes(Long maxRawBytes) {
        this.maxRawBytes = maxRawBytes;
    }

    public Long getMaxGzipBytes() {
        return maxGzipBytes;
    }

    public void setMaxGzipBytes(Long maxGzipBytes) {
        this.maxGzipBytes = maxGzipBytes;
    }

    public Long getMaxBrotliBytes() {
        return maxBrotliBytes;
    }

    public void setMaxBrotliBytes(Long maxBrotliBytes) {
        this.maxBrotliBytes = maxBrotliBytes;
    }

    public Long getMaxZstdBytes() {
        return maxZstdBytes;
    }

    public void setMaxZstdBytes(Long maxZstdBytes) {
        this.maxZstdBytes = maxZstdBytes;
    }

    public Double getMaxGrowthPercent() {
        return maxGrowthPercent;
    }

    public void setMaxGrowthPercent(Double maxGrowthPercent) {
        this.maxGrowthPercent = maxGrowthPercent;
    }
}
