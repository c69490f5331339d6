package io.assetpipe.plugin.packaging;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The time of a reproducible build: the manifest's {@code buildTime} and the time of every entry
 * of the assets jar. Read from {@code project.build.outputTimestamp} with maven-archiver's rules
 * ({@code MavenArchiver.parseBuildOutputTimestamp}, 3.6.4), as maven-jar-plugin reads it: digits are
 * seconds since the epoch; anything else an ISO-8601 date-time with offset, truncated to seconds;
 * unset (null, or one character that is not a digit, Maven's way to switch it off in a child POM)
 * falls back to the {@code SOURCE_DATE_EPOCH} environment variable.
 *
 * <p>With neither, the time is {@link #UNSET}, a fixed instant, so the jar is still the same bytes
 * on every machine, for every user and in every time zone.
 *
 * @param instant the build time
 * @param configured whether it came from the property or {@code SOURCE_DATE_EPOCH}, not {@link #UNSET}
 */
public record OutputTimestamp(Instant instant, boolean configured) {
    /**
     * The time when none is configured: 1980-02-01T00:00:00Z, as Gradle dates the entries of its
     * reproducible archives. Not the epoch: a ZIP entry cannot hold a date before 1980 in its DOS
     * date field, and the JDK then adds an extended-timestamp field converted in the JVM's own
     * time zone, so the same sources gave different jars in Tokyo and Los Angeles. Nor
     * 1980-01-01T00:00:00, whose DOS encoding the JDK takes for "before 1980" too; a month later
     * stays in 1980 even for a tool that converts it to local time.
     */
    public static final Instant UNSET = Instant.parse("1980-02-01T00:00:00Z");

    /** The timestamp for {@code value}, falling back to the {@code SOURCE_DATE_EPOCH} environment variable. */
    public static OutputTimestamp parse(String value) {
        return parse(value, System.getenv("SOURCE_DATE_EPOCH"));
    }

    /**
     * @param value {@code ${project.build.outputTimestamp}}, may be null
     * @param sourceDateEpoch the {@code SOURCE_DATE_EPOCH} environment variable, may be null
     * @throws IllegalArgumentException naming the value when it is neither form
     */
    public static OutputTimestamp parse(String value, String sourceDateEpoch) {
        String text = value;
        String name = "project.build.outputTimestamp";
        if (text == null || (text.length() < 2 && !isDigits(text))) {
            text = sourceDateEpoch;
            name = "SOURCE_DATE_EPOCH";
            if (text == null) {
                return new OutputTimestamp(UNSET, false);
            }
        }
        if (isDigits(text)) {
            return new OutputTimestamp(Instant.ofEpochSecond(Long.parseLong(text)), true);
        }
        try {
            return new OutputTimestamp(OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.SECONDS).toInstant(), true);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " \"" + text + "\" is neither an ISO-8601"
                    + " date-time with offset, such as 2026-01-01T00:00:00Z, nor seconds since the epoch");
        }
    }

    private static boolean isDigits(String text) {
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }
}
