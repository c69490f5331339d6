package io.assetpipe.plugin.carryforward;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How much to carry forward: the {@code keepReleases} previous releases, minus those built more than
 * {@code keepReleasesMaxAge} before this one.
 *
 * @param count how many previous releases, 0 for none
 * @param maxAge the age limit, if any
 */
public record KeepReleases(int count, Optional<Duration> maxAge) {

    public KeepReleases {
        if (count < 0) {
            throw new IllegalArgumentException("<keepReleases> must be 0 or more, was " + count);
        }
        if (maxAge.isPresent() && maxAge.get().isNegative()) {
            throw new IllegalArgumentException("<keepReleasesMaxAge> must not be negative, was " + maxAge.get());
        }
    }

    /**
     * From the POM values; {@code maxAge} null or blank means no age limit.
     *
     * @throws IllegalArgumentException naming the POM element of a bad value
     */
    public static KeepReleases of(int count, String maxAge) {
        if (maxAge == null || maxAge.isBlank()) {
            return new KeepReleases(count, Optional.empty());
        }
        try {
            return new KeepReleases(count, Optional.of(Duration.parse(maxAge.trim())));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("<keepReleasesMaxAge> \"" + maxAge
                    + "\" is not an ISO-8601 duration such as P30D (30 days) or PT12H (12 hours)", e);
        }
    }
}
