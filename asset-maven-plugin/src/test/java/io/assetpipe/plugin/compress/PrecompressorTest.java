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
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class PrecompressorTest {
    private static final byte[] TEXT = "body { color: red; margin: 0 auto; }\n".repeat(200).getBytes(StandardCharsets.UTF_8);

    @Test
    void everyEncoderRoundTripsAndIsDeterministic() throws Exception {
        Brotli4jLoader.ensureAvailability();
        for (ContentEncoding encoding : ContentEncoding.values()) {
            Encoder encoder = Encoder.of(encoding, Effort.MAX);
            byte[] a = encoder.encode(TEXT);
            assertArrayEquals(a, encoder.encode(TEXT), encoding + " is deterministic");
            assertArrayEquals(TEXT, decode(encoding, a), encoding.token());
        }
        byte[] gz = Encoder.of(ContentEncoding.GZIP, Effort.MAX).encode(TEXT);
        assertEquals(0, gz[4] | gz[5] | gz[6] | gz[7], "gzip mtime is 0");
    }

    @Test
    void encodesOnlyCompressibleTypesWithTheChosenEncodings() {
        Precompressor all = new Precompressor(List.of(ContentEncoding.ZSTD, ContentEncoding.BR, ContentEncoding.GZIP), Effort.MAX);
        assertEquals(List.of("br11", "gzip9", "zstd19"), settings(all.encodersFor("css/a.css")));
        assertTrue(all.encodersFor("img/a.png").isEmpty());
        assertTrue(all.encodersFor("f/a.woff2").isEmpty());
        assertEquals(List.of("gzip9"), settings(new Precompressor(List.of(ContentEncoding.GZIP), Effort.MAX).encodersFor("a.svg")));
    }

    @Test
    void sourceMapsGetTheirOwnEffortAndEverythingElseTheMaximum() throws Exception {
        Precompressor fastMaps = new Precompressor(List.of(ContentEncoding.BR, ContentEncoding.GZIP, ContentEncoding.ZSTD),
                Effort.FAST);
        assertEquals(List.of("br5", "gzip6", "zstd9"), settings(fastMaps.encodersFor("js/app-0123456789ab.js.map")));
        assertEquals(List.of("br11", "gzip9", "zstd19"), settings(fastMaps.encodersFor("js/app-0123456789ab.js")));
        assertEquals(List.of("br11", "gzip9", "zstd19"),
                settings(new Precompressor(List.of(ContentEncoding.BR, ContentEncoding.GZIP, ContentEncoding.ZSTD),
                        Effort.MAX).encodersFor("a.css.map")));

        // The fast levels really are different settings, and still decode to the input.
        byte[] map = sourceMapLike();
        for (ContentEncoding encoding : ContentEncoding.values()) {
            byte[] fast = Encoder.of(encoding, Effort.FAST).encode(map);
            byte[] max = Encoder.of(encoding, Effort.MAX).encode(map);
            assertTrue(max.length < fast.length, encoding + ": max " + max.length + " < fast " + fast.length);
            assertArrayEquals(map, decode(encoding, fast), encoding.token());
        }
    }

    @Test
    void marginIsAtLeast100BytesAndTenPercent() {
        assertTrue(Precompressor.worthKeeping(1000, 900));
        assertFalse(Precompressor.worthKeeping(1000, 901));
        assertFalse(Precompressor.worthKeeping(500, 401), "saves 99 bytes");
        assertTrue(Precompressor.worthKeeping(500, 400));
    }

    private static byte[] decode(ContentEncoding encoding, byte[] encoded) throws Exception {
        Brotli4jLoader.ensureAvailability();
        return switch (encoding) {
            case GZIP -> new GZIPInputStream(new ByteArrayInputStream(encoded)).readAllBytes();
            case BR -> Decoder.decompress(encoded).getDecompressedData();
            case ZSTD -> Zstd.decompress(encoded, (int) Zstd.getFrameContentSize(encoded));
        };
    }

    private static List<String> settings(List<Encoder> encoders) {
        return encoders.stream().map(Encoder::setting).toList();
    }

    /** ~200 KB like a source map's embedded sources: code from a small vocabulary, in random order. */
    private static byte[] sourceMapLike() {
        String[] words = {"function", "return", "var", "this", "element", "options", "config", "(", ")", "{", "}",
                ";", "=", "!==", "null", "undefined", "document", "window", "addEventListener", "querySelector",
                "classList", "toggle", "data", "key", "value", "length", "index", "\\n", "if", "else", "for"};
        StringBuilder json = new StringBuilder("{\"version\":3,\"sourcesContent\":[\"");
        java.util.Random random = new java.util.Random(7);
        while (json.length() < 200_000) {
            json.append(words[random.nextInt(words.length)]).append(random.nextInt(3) == 0 ? "" : " ");
        }
        return json.append("\"]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
