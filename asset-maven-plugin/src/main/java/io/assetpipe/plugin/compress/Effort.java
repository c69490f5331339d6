package io.assetpipe.plugin.compress;

/**
 * How hard an encoder works. Everything a browser loads is compressed at {@link #MAX}; source maps,
 * which only developer tools fetch, default to {@link #FAST}: on Bootstrap's and jQuery's maps
 * brotli 11 takes ~20x the CPU of brotli 5 for ~12% fewer bytes (docs/performance.md).
 */
public enum Effort {
    /** gzip 9, brotli 11, zstd 19 (the strongest zstd level that is not "ultra": those need large decoder windows). */
    MAX(9, 11, 19),
    /** gzip 6, brotli 5, zstd 9. */
    FAST(6, 5, 9);

    final int gzipLevel;
    final int brotliQuality;
    final int zstdLevel;

    Effort(int gzipLevel, int brotliQuality, int zstdLevel) {
        this.gzipLevel = gzipLevel;
        this.brotliQuality = brotliQuality;
        this.zstdLevel = zstdLevel;
    }
}
