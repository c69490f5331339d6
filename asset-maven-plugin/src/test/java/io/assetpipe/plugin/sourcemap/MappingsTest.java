package io.assetpipe.plugin.sourcemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MappingsTest {
    /**
     * libsass's map of {@code .a { background: url(../img/a.svg); }\n.bb { color: red; }}, compiled
     * compressed to {@code .a{background:url(../img/a.svg)}.bb{color:red}}.
     */
    private static final String LIBSASS =
            "AAAA,AAAA,EAAE,AAAC,CAAE,UAAU,CAAE,iBAAiB,CAAI,AACtC,AAAA,GAAG,AAAC,CAAE,KAAK,CAAE,GAAG,CAAI";

    @Test
    void decodesToAbsoluteValuesAndEncodesBackTheSameText() {
        Mappings m = Mappings.parse(LIBSASS);
        assertEquals(1, m.lines().size());
        List<int[]> line = m.lines().get(0);
        // ".bb" starts at column 32 of the CSS and comes from line 1 (0-based), column 0 of source 0.
        assertArrayEquals(new int[] {32, 0, 1, 0}, line.get(9));
        assertEquals(LIBSASS, m.format());
        String severalLines = "AAAA;;AACA,EAAE;ACAA,IAAI";
        assertEquals(severalLines, Mappings.parse(severalLines).format());
        assertEquals("", Mappings.parse("").format());
        assertThrows(IllegalArgumentException.class, () -> Mappings.parse("AAAAAAAAAAAA"));
    }

    @Test
    void textThatIsNotBase64VlqIsAnIllegalArgumentNotAnAssertionOrAnIndexError() {
        assertThrows(IllegalArgumentException.class, () -> Mappings.parse("AAAA,A!AA"));
        assertThrows(IllegalArgumentException.class, () -> Mappings.parse("AAAA,é"));
        assertThrows(IllegalArgumentException.class, () -> Mappings.parse("AAAg"), "a value cut short");
    }

    @Test
    void theSegmentMappingAColumnIsTheLastOneAtOrBeforeItThatNamesASource() {
        Mappings m = Mappings.parse("A,CAAC,EAAE;AACA");
        assertArrayEquals(new int[] {1, 0, 0, 1}, m.sourceSegmentAt(0, 2));
        assertArrayEquals(new int[] {3, 0, 0, 3}, m.sourceSegmentAt(0, 99));
        assertNull(m.sourceSegmentAt(0, 0), "the segment at column 0 names no source");
        assertArrayEquals(new int[] {0, 0, 1, 3}, m.sourceSegmentAt(1, 0));
        assertNull(m.sourceSegmentAt(2, 0));
    }

    @Test
    void editsMoveTheColumnsAfterThemOnTheirLineOnly() {
        String text = ".a{background:url(x.png)}.bb{color:red}\n.c{background:url(y.png)}\n";
        // Segments at ".a", "url(", ".bb" on line 0, and at ".c" and a column inside "y.png" on line 1.
        Mappings m = new Mappings(List.of(
                new java.util.ArrayList<>(List.of(new int[] {0, 0, 0, 0}, new int[] {14, 0, 0, 5},
                        new int[] {26, 0, 1, 0})),
                new java.util.ArrayList<>(List.of(new int[] {0, 0, 2, 0}, new int[] {20, 0, 2, 9}))));
        int x = text.indexOf("x.png");
        int y = text.indexOf("y.png");
        // x.png -> x-0123456789ab.png (13 longer); y.png -> z.png (same length) then a shorter name.
        m.applyEdits(text, List.of(new Mappings.Edit(x, x + 5, 18), new Mappings.Edit(y, y + 5, 2)));
        assertEquals(List.of(0, 14, 39), m.lines().get(0).stream().map(s -> s[0]).toList());
        // Column 20 was 2 chars into "y.png"; the 2-char replacement ends there.
        assertEquals(List.of(0, 20), m.lines().get(1).stream().map(s -> s[0]).toList());
        m.applyEdits(text, List.of(new Mappings.Edit(y, y + 5, 1)));
        assertEquals(List.of(0, 19), m.lines().get(1).stream().map(s -> s[0]).toList(), "clamped into the replacement");
    }
}
