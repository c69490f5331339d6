package io.assetpipe.plugin.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import com.github.luben.zstd.Zstd;
import io.assetpipe.manifest.ContentEncoding;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class PrecompressorTest {
    private static final byte[] TEXT = "body { color: red; margin: 0 auto; }\n".repeat(200).getBytes(StandardCharsets.UTF_8);

    @Test
    void everyEncoderRoundTripsAndIsDeterministic() throws Exception {
        Brotli4jLoader.ensureAvailability();
        for (ContentEncoding encoding : ContentEncoding.values()) {
            Encoder encoder = Encoder.of(encoding);
            byte[] a = encoder.encode(TEXT);
            assertArrayEquals(a, encoder.encode(TEXT), encoding + " is deterministic");
            byte[] decoded = switch (encoding) {
                case GZIP -> new GZIPInputStream(new ByteArrayInputStream(a)).readAllBytes();
                case BR -> Decoder.decompress(a).getDecompressedData();
                case ZSTD -> Zstd.decompress(a, TEXT.length);
            };
            assertArrayEquals(TEXT, decoded, encoding.token());
        }
        byte[] gz = Encoder.of(ContentEncoding.GZIP).encode(TEXT);
        assertEquals(0, gz[4] | gz[5] | gz[6] | gz[7], "gzip mtime is 0");
    }

    @Test
    void keepsOnlyVariantsWorthAFileAndNeverEncodesCompressedTypes() {
        Precompressor all = new Precompressor(List.of(ContentEncoding.ZSTD, ContentEncoding.BR, ContentEncoding.GZIP));
        Map<ContentEncoding, byte[]> css = all.variants("css/a.css", TEXT, Precompressor.VariantCache.NONE);
        assertEquals(List.of(ContentEncoding.BR, ContentEncoding.GZIP, ContentEncoding.ZSTD), List.copyOf(css.keySet()));
        assertTrue(all.variants("img/a.png", TEXT, Precompressor.VariantCache.NONE).isEmpty());
        assertTrue(all.variants("f/a.woff2", TEXT, Precompressor.VariantCache.NONE).isEmpty());
        assertTrue(all.variants("tiny.css", "a{}".getBytes(StandardCharsets.UTF_8), Precompressor.VariantCache.NONE).isEmpty());
        assertEquals(List.of(ContentEncoding.GZIP), List.copyOf(new Precompressor(List.of(ContentEncoding.GZIP))
                .variants("a.svg", TEXT, Precompressor.VariantCache.NONE).keySet()));
    }

    @Test
    void marginIsAtLeast100BytesAndTenPercent() {
        assertTrue(Precompressor.worthKeeping(1000, 900));
        assertFalse(Precompressor.worthKeeping(1000, 901));
        assertFalse(Precompressor.worthKeeping(500, 401), "saves 99 bytes");
        assertTrue(Precompressor.worthKeeping(500, 400));
    }
}
