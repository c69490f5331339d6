package io.assetpipe.plugin.report;

import io.assetpipe.manifest.ContentEncoding;

/**
 * A way to count an asset's bytes: as stored, or as a client that accepts one encoding receives
 * it. An asset without that variant (an image, a file too small to gain) is sent as it is, so its
 * raw size counts.
 */
public enum Measure {
    RAW(null, "raw", "maxRawBytes"),
    GZIP(ContentEncoding.GZIP, "gzip", "maxGzipBytes"),
    BROTLI(ContentEncoding.BR, "brotli", "maxBrotliBytes"),
    ZSTD(ContentEncoding.ZSTD, "zstd", "maxZstdBytes");

    private final ContentEncoding encoding;
    private final String label;
    private final String budgetElement;

    Measure(ContentEncoding encoding, String label, String budgetElement) {
        this.encoding = encoding;
        this.label = label;
        this.budgetElement = budgetElement;
    }

    /** The bytes of an asset of {@code sizes} by this measure. */
    public long of(Sizes sizes) {
        return encoding == null ? sizes.raw() : sizes.variants().getOrDefault(encoding, sizes.raw());
    }

    /** Whether {@code sizes} has a file of its own for this measure (raw always has). */
    public boolean hasFile(Sizes sizes) {
        return encoding == null || sizes.variants().containsKey(encoding);
    }

    /** As the report and messages name it: {@code raw}, {@code gzip}, {@code brotli}, {@code zstd}. */
    public String label() {
        return label;
    }

    /** The POM element of a budget's limit in this measure, e.g. {@code maxGzipBytes}. */
    public String budgetElement() {
        return budgetElement;
    }
}
