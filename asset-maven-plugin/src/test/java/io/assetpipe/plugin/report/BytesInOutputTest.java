package io.assetpipe.plugin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.assetpipe.plugin.sourcemap.Mappings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BytesInOutputTest {
    /**
     * Closure's shape: a wrapper the build adds around a module, a second line whose string holds
     * 2-, 3- and 4-byte UTF-8 characters (map columns count UTF-16 units, 𝄞 is two), then the
     * {@code sourceMappingURL} comment, which nothing maps.
     */
    private static final String OUTPUT = "(function(){var a=1;\nvar b=\"é€𝄞\";})();\n//# sourceMappingURL=x.js.map\n";

    private static byte[] map(String sources, List<List<int[]>> lines, String extra) {
        List<List<int[]>> copy = new ArrayList<>();
        lines.forEach(l -> copy.add(new ArrayList<>(l)));
        return ("{\"version\":3,\"sources\":" + sources + ",\"mappings\":\"" + new Mappings(copy).format() + "\"" + extra
                + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachSourceOwnsTheBytesFromItsSegmentToTheNextAndEveryByteIsCountedOnce() {
        byte[] output = OUTPUT.getBytes(StandardCharsets.UTF_8);
        byte[] map = map("[\"a.js\",\"b.js\"]", List.of(
                List.of(new int[] {12, 0, 0, 0}),                           // "var a=1;\n" from a.js
                List.of(new int[] {0, 1, 0, 0}, new int[] {13})),            // "var b=\"é€𝄞\";" from b.js, then unmapped
                ",\"sourcesContent\":[\"var a = 1;\\n\",\"var b = \\\"é€\\\";\\n\"]");

        BytesInOutput parts = BytesInOutput.of(output, map);

        assertEquals(Map.of("a.js", 9L, "b.js", 7L + 2 + 3 + 4 + 2), parts.bySource());
        assertEquals(12 + "})();\n".length() + "//# sourceMappingURL=x.js.map\n".length(), parts.unmapped());
        assertEquals(output.length, parts.unmapped() + parts.bySource().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(Map.of("a.js", 11L, "b.js", 17L), parts.sourceSizes(), "UTF-8 sizes of the embedded sources");
    }

    @Test
    void aBrokenMapStillCountsEveryByteOnce() {
        byte[] output = "abc\ndef\n".getBytes(StandardCharsets.UTF_8);
        // Columns out of order and past the end of the line, a source index the map does not have.
        byte[] map = map("[\"x.js\"]", List.of(
                List.of(new int[] {2, 0, 0, 0}, new int[] {1, 0, 0, 0}, new int[] {99, 0, 0, 0}),
                List.of(new int[] {0, 5, 0, 0})), "");

        BytesInOutput parts = BytesInOutput.of(output, map);

        assertEquals(Map.of("x.js", 2L), parts.bySource(), "c and the line break of line 0");
        assertEquals(6, parts.unmapped(), "ab, and line 1 whose source does not exist");
    }

    @Test
    void sourcesAreNamedWithTheSourceRootAndMergedByName() {
        byte[] output = "ab".getBytes(StandardCharsets.UTF_8);
        byte[] map = map("[\"x.js\",\"x.js\"]", List.of(List.of(new int[] {0, 0, 0, 0}, new int[] {1, 1, 0, 0})),
                ",\"sourceRoot\":\"lib\"");

        assertEquals(Map.of("lib/x.js", 2L), BytesInOutput.of(output, map).bySource());
    }

    @Test
    void whatIsNotASourceMapIsAnError() {
        byte[] output = "a".getBytes(StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> BytesInOutput.of(output, "not json".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> BytesInOutput.of(output,
                "{\"version\":3,\"sections\":[]}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> BytesInOutput.of(output,
                "{\"version\":3,\"sources\":[],\"mappings\":\"!!\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
