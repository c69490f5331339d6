package io.assetpipe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The request fields the core parses itself since it depends on no server (Undertow did it before):
 * HTTP dates in all three forms, entity-tag lists and Range. The HTTP contract covers them on the
 * wire; these are the corners a browser rarely sends.
 */
class ParsersTest {
    static final Instant RFC_EXAMPLE = Instant.parse("1994-11-06T08:49:37Z");

    @ParameterizedTest
    @ValueSource(strings = {
        "Sun, 06 Nov 1994 08:49:37 GMT",   // IMF-fixdate
        "Sunday, 06-Nov-94 08:49:37 GMT",  // obsolete RFC 850
        "Sun Nov  6 08:49:37 1994",        // obsolete asctime
        "  Sun, 06 Nov 1994 08:49:37 GMT ",
    })
    void theThreeHttpDateFormsOfRfc9110AreRead(String date) {
        assertEquals(RFC_EXAMPLE, Preconditions.parseDate(date));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a date", "Sun, 06 Nov 1994 08:49:37 PST", "1994-11-06T08:49:37Z", ""})
    void anythingElseIsNoDate(String date) {
        assertNull(Preconditions.parseDate(date));
    }

    @Test
    void datesAreWrittenAsImfFixdate() {
        assertEquals("Thu, 01 Jan 2026 00:00:00 GMT", Preconditions.formatDate(Instant.parse("2026-01-01T00:00:00Z")));
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", Preconditions.formatDate(RFC_EXAMPLE.plusMillis(999)));
    }

    @ParameterizedTest(name = "[{0}] names abc: {1}")
    @CsvSource(delimiter = '|', value = {
        "\"abc\" | true",
        "W/\"abc\" | true",
        "\"x\", W/\"abc\" , \"y\" | true",
        "\"x\",\"abc\" | true",
        "\"abcd\" | false",
        "\"ab\" | false",
        "abc | true",
        "\"abc | false",
        "\"a,bc\", \"z\" | false",
        "'' | false",
    })
    void entityTagListsAreComparedWeakly(String list, boolean names) {
        assertEquals(names, Preconditions.listsTag(list, "abc"));
    }

    @Test
    void aCommaInsideAQuotedTagIsPartOfIt() {
        assertTrue(Preconditions.listsTag("\"x\", \"a,bc\"", "a,bc"));
    }

    @Test
    void ifNoneMatchAndIfRangeAgainstOneRepresentation() {
        Representation abc = new Representation(null, ByteBuffer.allocate(0), "\"abc\"", "abc",
                HeaderBlock.EMPTY, HeaderBlock.EMPTY, null);
        assertTrue(Preconditions.noneMatchFails(List.of("\"abc\""), abc));
        assertTrue(Preconditions.noneMatchFails(List.of("\"x\"", " * "), abc));
        assertFalse(Preconditions.noneMatchFails(List.of("\"x\"", "W/\"y\""), abc));
        long second = RFC_EXAMPLE.getEpochSecond();
        assertTrue(Preconditions.notModifiedSince("Sun, 06 Nov 1994 08:49:37 GMT", second));
        assertTrue(Preconditions.notModifiedSince("Sun, 06 Nov 1994 08:49:38 GMT", second));
        assertFalse(Preconditions.notModifiedSince("Sun, 06 Nov 1994 08:49:36 GMT", second));
        assertFalse(Preconditions.notModifiedSince(null, second));
        assertTrue(Preconditions.ifRangeHolds(null, abc, second));
        assertTrue(Preconditions.ifRangeHolds(" \"abc\" ", abc, second));
        assertFalse(Preconditions.ifRangeHolds("W/\"abc\"", abc, second), "a weak tag never matches");
        assertTrue(Preconditions.ifRangeHolds("Sunday, 06-Nov-94 08:49:37 GMT", abc, second));
        assertFalse(Preconditions.ifRangeHolds("Sun, 06 Nov 1994 08:49:38 GMT", abc, second), "exactly the date");
    }

    @ParameterizedTest(name = "Range: [{0}] of 100 bytes -> {1}")
    @CsvSource(delimiter = '|', value = {
        "bytes=0-9 | 0-9",
        "BYTES=0-9 | 0-9",
        "' bytes=0-0 ' | 0-0",
        "bytes=-10 | 90-99",
        "bytes=-1000 | 0-99",
        "bytes=90- | 90-99",
        "bytes=50-1000 | 50-99",
        "bytes=0-9, | 0-9",
        "bytes=100- | 416",
        "bytes=-0 | 416",
        "bytes=100-200, 300- | 416",
        "bytes=5-1 | full",
        "bytes=- | full",
        "bytes=a-b | full",
        "bytes=1.5-2 | full",
        "bytes=99999999999999999999- | full",
        "items=0-1 | full",
        "bytes= | full",
        "bytes=0-1,2-3 | full",
        "bytes=200-300, 0-1 | full",
    })
    void rangesAreResolvedAgainstTheRepresentation(String range, String expected) {
        RangeRequest request = RangeRequest.of(range, 100);
        String actual = request instanceof RangeRequest.Partial partial
                ? partial.range().first() + "-" + partial.range().last()
                : request instanceof RangeRequest.Unsatisfiable ? "416" : "full";
        assertEquals(expected, actual);
    }

    @Test
    void aRangeSaysWhatItCovers() {
        ByteRange range = new ByteRange(90, 99);
        assertEquals(10, range.length());
        assertEquals("bytes 90-99/100", range.contentRange(100));
    }
}
