package io.assetpipe.plugin.compress;

import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.plugin.media.MediaTypes;
import java.util.List;

/**
 * Chooses the encoders for a file and which of their outputs to keep. A variant is kept only when
 * it is worth a second file and a {@code Vary} lookup: at least {@value #MIN_SAVED_BYTES} bytes and
 * {@value #MIN_SAVED_PERCENT}% smaller than the identity file. Already-compressed types (images,
 * woff, archives) are never encoded; source maps are encoded with their own {@link Effort}.
 */
public final class Precompressor {
    public static final int MIN_SAVED_BYTES = 100;
    public static final int MIN_SAVED_PERCENT = 10;

    private final List<Encoder> encoders;
    private final List<Encoder> sourceMapEncoders;

    public Precompressor(List<ContentEncoding> encodings, Effort sourceMaps) {
        this.encoders = encoders(encodings, Effort.MAX);
        this.sourceMapEncoders = encoders(encodings, sourceMaps);
    }

    private static List<Encoder> encoders(List<ContentEncoding> encodings, Effort effort) {
        return encodings.stream().distinct().sorted().map(e -> Encoder.of(e, effort)).toList();
    }

    /** The encoders to run on {@code path}, in encoding order; none for already-compressed types. */
    public List<Encoder> encodersFor(String path) {
        if (!MediaTypes.isCompressible(path)) {
            return List.of();
        }
        return path.endsWith(".map") ? sourceMapEncoders : encoders;
    }

    public static boolean worthKeeping(long identitySize, long encodedSize) {
        long saved = identitySize - encodedSize;
        return saved >= MIN_SAVED_BYTES && saved * 100 >= identitySize * MIN_SAVED_PERCENT;
    }
}
