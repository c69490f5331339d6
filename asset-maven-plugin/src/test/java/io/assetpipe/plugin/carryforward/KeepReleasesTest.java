package io.assetpipe.plugin.carryforward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeepReleasesTest {
    @Test
    void readsTheCountAndAnIsoDuration() {
        assertEquals(new KeepReleases(2, Optional.of(Duration.ofDays(30))), KeepReleases.of(2, "P30D"));
        assertEquals(new KeepReleases(1, Optional.of(Duration.ofHours(12))), KeepReleases.of(1, " PT12H "));
        assertEquals(new KeepReleases(0, Optional.empty()), KeepReleases.of(0, null));
        assertEquals(new KeepReleases(3, Optional.empty()), KeepReleases.of(3, ""));
    }

    @Test
    void badValuesNameThePomElement() {
        assertEquals("<keepReleases> must be 0 or more, was -1",
                assertThrows(IllegalArgumentException.class, () -> KeepReleases.of(-1, null)).getMessage());
        assertEquals("<keepReleasesMaxAge> \"30d\" is not an ISO-8601 duration such as P30D (30 days) or PT12H (12 hours)",
                assertThrows(IllegalArgumentException.class, () -> KeepReleases.of(1, "30d")).getMessage());
        assertEquals("<keepReleasesMaxAge> must not be negative, was PT-24H",
                assertThrows(IllegalArgumentException.class, () -> KeepReleases.of(1, "-P1D")).getMessage());
    }
}
