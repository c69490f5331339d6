package io.assetpipe.manifest;

import java.util.Optional;

/** The precompressed variants a bundle may carry, with their HTTP token and file suffix. */
public enum ContentEncoding {
    // Declared in the order of their tokens, so an EnumMap iterates (and serialises) sorted.
    BR("br", ".br"),
    GZIP("gzip", ".gz"),
    ZSTD("zstd", ".zst");

    private final String token;
    private final String suffix;

    ContentEncoding(String token, String suffix) {
        this.token = token;
        this.suffix = suffix;
    }

    /** The {@code Content-Encoding} token and the manifest key, e.g. {@code br}. */
    public String token() {
        return token;
    }

    /** The suffix appended to the file name of the variant, e.g. {@code .br}. */
    public String suffix() {
        return suffix;
    }

    public static Optional<ContentEncoding> fromToken(String token) {
        for (ContentEncoding encoding : values()) {
            if (encoding.token.equals(token)) {
                return Optional.of(encoding);
            }
        }
        return Optional.empty();
    }
}
