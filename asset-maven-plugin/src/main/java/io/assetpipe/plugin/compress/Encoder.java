package io.assetpipe.plugin.compress;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.github.luben.zstd.Zstd;
import io.assetpipe.manifest.ContentEncoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;

/** Compresses bytes with one content encoding at one level, deterministically. */
public interface Encoder {
    ContentEncoding encoding();

    /** The encoding and its level, such as {@code br11}: different settings give different bytes. */
    String setting();

    byte[] encode(byte[] input);

    static Encoder of(ContentEncoding encoding, Effort effort) {
        return switch (encoding) {
            case GZIP -> new Using(encoding, effort.gzipLevel, input -> gzip(input, effort.gzipLevel));
            case BR -> new Using(encoding, effort.brotliQuality, input -> brotli(input, effort.brotliQuality));
            case ZSTD -> new Using(encoding, effort.zstdLevel, input -> Zstd.compress(input, effort.zstdLevel));
        };
    }

    /** One encoding, its level and the function that produces it. */
    record Using(ContentEncoding encoding, int level, UnaryOperator<byte[]> compressor) implements Encoder {
        @Override
        public String setting() {
            return encoding.token() + level;
        }

        @Override
        public byte[] encode(byte[] input) {
            return compressor.apply(input);
        }
    }

    /** Java writes modification time 0 in the gzip header, so output depends only on input and level. */
    private static byte[] gzip(byte[] input, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(level);
            }
        }) {
            gzip.write(input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Brotli at {@code quality} with the default window. */
    private static byte[] brotli(byte[] input, int quality) {
        Brotli4jLoader.ensureAvailability();
        try {
            return com.aayushatharva.brotli4j.encoder.Encoder.compress(
                    input, new com.aayushatharva.brotli4j.encoder.Encoder.Parameters().setQuality(quality));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
