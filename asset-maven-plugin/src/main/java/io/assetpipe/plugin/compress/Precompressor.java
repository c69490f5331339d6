package io.assetpipe.plugin.compress;

import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.plugin.media.MediaTypes;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the precompressed variants of one file. A variant is kept only when it is worth a second
 * file and a {@code Vary} lookup: at least {@value #MIN_SAVED_BYTES} bytes and {@value #MIN_SAVED_PERCENT}%
 * smaller than the identity file. Already-compressed types (images, woff, archives) are never encoded.
 */
public final class Precompressor {
    public static final int MIN_SAVED_BYTES = 100;
    public static final int MIN_SAVED_PERCENT = 10;

    private final List<Encoder> encoders;

    public Precompressor(List<ContentEncoding> encodings) {
        this.encoders = encodings.stream().distinct().sorted().map(Encoder::of).toList();
    }

    /** The variants worth keeping for {@code path} with content {@code identity}, in encoding order. */
    public Map<ContentEncoding, byte[]> variants(String path, byte[] identity, VariantCache cache) {
        Map<ContentEncoding, byte[]> kept = new EnumMap<>(ContentEncoding.class);
        if (!MediaTypes.isCompressible(path)) {
            return kept;
        }
        for (Encoder encoder : encoders) {
            byte[] encoded = cache.get(identity, encoder);
            if (worthKeeping(identity.length, encoded.length)) {
                kept.put(encoder.encoding(), encoded);
            }
        }
        return kept;
    }

    public static boolean worthKeeping(long identitySize, long encodedSize) {
        long saved = identitySize - encodedSize;
        return saved >= MIN_SAVED_BYTES && saved * 100 >= identitySize * MIN_SAVED_PERCENT;
    }

    /** Where encoded bytes come from: computed, or reused from an earlier build with the same input. */
    public interface VariantCache {
        byte[] get(byte[] identity, Encoder encoder);

        VariantCache NONE = (identity, encoder) -> encoder.encode(identity);
    }
}
