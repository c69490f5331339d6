package io.assetpipe.plugin.compress;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.github.luben.zstd.Zstd;
import io.assetpipe.manifest.ContentEncoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Compresses bytes with one content encoding, at its strongest setting, deterministically. */
public interface Encoder {
    ContentEncoding encoding();

    byte[] encode(byte[] input);

    static Encoder of(ContentEncoding encoding) {
        return switch (encoding) {
            case GZIP -> new Gzip();
            case BR -> new Brotli();
            case ZSTD -> new Zstandard();
        };
    }

    /** gzip level 9; Java writes modification time 0 in the header, so output depends only on input. */
    record Gzip() implements Encoder {
        @Override
        public ContentEncoding encoding() {
            return ContentEncoding.GZIP;
        }

        @Override
        public byte[] encode(byte[] input) {
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
    }

    /** Brotli quality 11 (the maximum), default window. */
    record Brotli() implements Encoder {
        @Override
        public ContentEncoding encoding() {
            return ContentEncoding.BR;
        }

        @Override
        public byte[] encode(byte[] input) {
            Brotli4jLoader.ensureAvailability();
            try {
                return com.aayushatharva.brotli4j.encoder.Encoder.compress(
                        input, new com.aayushatharva.brotli4j.encoder.Encoder.Parameters().setQuality(11));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** zstd level 19, the strongest level that is not "ultra" (ultra levels need large decoder windows). */
    record Zstandard() implements Encoder {
        @Override
        public ContentEncoding encoding() {
            return ContentEncoding.ZSTD;
        }

        @Override
        public byte[] encode(byte[] input) {
            return Zstd.compress(input, 19);
        }
    }
}
