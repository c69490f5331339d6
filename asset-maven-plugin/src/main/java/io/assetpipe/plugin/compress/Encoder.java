package io.assetpipe.plugin.compress;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.github.luben.zstd.Zstd;
import io.assetpipe.manifest.ContentEncoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.UnaryOperator;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Compresses bytes with one content encoding, at its strongest setting, deterministically. */
public interface Encoder {
    ContentEncoding encoding();

    byte[] encode(byte[] input);

    static Encoder of(ContentEncoding encoding) {
        return new Using(encoding, switch (encoding) {
            case GZIP -> Encoder::gzip;
            case BR -> Encoder::brotli;
            case ZSTD -> Encoder::zstd;
        });
    }

    /** One encoding and the function that produces it; the encoding is the only state. */
    record Using(ContentEncoding encoding, UnaryOperator<byte[]> compressor) implements Encoder {
        @Override
        public byte[] encode(byte[] input) {
            return compressor.apply(input);
        }
    }

    /** gzip level 9; Java writes modification time 0 in the header, so output depends only on input. */
    private static byte[] gzip(byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Brotli quality 11 (the maximum), default window. */
    private static byte[] brotli(byte[] input) {
        Brotli4jLoader.ensureAvailability();
        try {
            return com.aayushatharva.brotli4j.encoder.Encoder.compress(
                    input, new com.aayushatharva.brotli4j.encoder.Encoder.Parameters().setQuality(11));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** zstd level 19, the strongest level that is not "ultra" (ultra levels need large decoder windows). */
    private static byte[] zstd(byte[] input) {
        return Zstd.compress(input, 19);
    }
}
