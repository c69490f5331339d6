package io.assetpipe.plugin.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** maven-archiver's rules (MavenArchiver.parseBuildOutputTimestamp), and the fixed time when unset. */
class OutputTimestampTest {
    private static final Instant NEW_YEAR = Instant.parse("2026-01-01T00:00:00Z");

    private static OutputTimestamp set(Instant instant) {
        return new OutputTimestamp(instant, true);
    }

    @Test
    void isoDateTimesWithAnOffsetAndEpochSeconds() {
        assertEquals(set(NEW_YEAR), OutputTimestamp.parse("2026-01-01T00:00:00Z", null));
        assertEquals(set(NEW_YEAR), OutputTimestamp.parse("2026-01-01T01:00:00+01:00", null));
        assertEquals(set(NEW_YEAR), OutputTimestamp.parse("2026-01-01T00:00:00.999Z", null)); // truncated to seconds
        assertEquals(set(NEW_YEAR), OutputTimestamp.parse("1767225600", null));
        assertEquals(set(Instant.EPOCH), OutputTimestamp.parse("0", null)); // one digit is a number
    }

    @Test
    void unsetIsSourceDateEpochElseTheFixedTime() {
        OutputTimestamp unset = new OutputTimestamp(Instant.parse("1980-02-01T00:00:00Z"), false);
        assertEquals(unset, OutputTimestamp.parse(null, null));
        assertEquals(unset, OutputTimestamp.parse("a", null)); // one character: Maven's "switched off"
        assertEquals(set(NEW_YEAR), OutputTimestamp.parse(null, "1767225600"));
        assertEquals(set(NEW_YEAR), OutputTimestamp.parse("x", "1767225600"));
        assertEquals(set(Instant.ofEpochSecond(5)), OutputTimestamp.parse("5", "1767225600"));
    }

    @Test
    void anythingElseIsAnErrorNamingTheValueAndWhereItCameFrom() {
        assertEquals("project.build.outputTimestamp \"yesterday\" is neither an ISO-8601 date-time with offset,"
                        + " such as 2026-01-01T00:00:00Z, nor seconds since the epoch",
                assertThrows(IllegalArgumentException.class, () -> OutputTimestamp.parse("yesterday", null)).getMessage());
        assertEquals("SOURCE_DATE_EPOCH \"2026-01-01\" is neither an ISO-8601 date-time with offset,"
                        + " such as 2026-01-01T00:00:00Z, nor seconds since the epoch",
                assertThrows(IllegalArgumentException.class, () -> OutputTimestamp.parse(null, "2026-01-01")).getMessage());
    }
}
