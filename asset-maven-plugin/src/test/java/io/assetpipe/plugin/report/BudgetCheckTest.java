package io.assetpipe.plugin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetCheckTest {
    private static final String PREVIOUS = "com.example:shop:jar:assets:1.4.0";

    /** The example app's js/app.js as built: jQuery and three modules of its own. */
    private static final Metafile METAFILE = new Metafile(Map.of(), Map.of(
            TestReports.fingerprinted("js/app.js"), new Metafile.Output(82_191, Map.of(
                    "webjars/jquery/dist-module/jquery.module.js", 80_756L,
                    "js/app.js", 575L, "js/catalog.js", 362L, "js/format.js", 164L), "js/app.js"),
            TestReports.fingerprinted("img/logo.png"), new Metafile.Output(200, Map.of("img/logo.png", 200L), null)));

    private static TestReports current() {
        return new TestReports()
                .asset("js/app.js.map", 513_089, 155_540, 150_480)
                .asset("js/app.js", 82_191, 29_455, 26_424)
                .asset("img/logo.png", 200, 0, 0);
    }

    private static BuildReport report(PreviousRelease previous) {
        return BuildReport.of("com.example:shop:1.5.0", current().manifest(), METAFILE, previous);
    }

    private static final PreviousRelease NONE = new PreviousRelease.Unavailable("no release below 1.5.0");

    private static SizeBudget budget(String assets, Measure measure, long max) {
        return new SizeBudget(assets, Map.of(measure, max), null);
    }

    @Test
    void aBreachNamesTheAssetTheLimitItsSizeAndItsThreeLargestContributors() {
        BudgetCheck check = BudgetCheck.of(List.of(budget("js/**", Measure.GZIP, 20_000)), report(NONE));

        assertEquals(1, check.verdicts().size(), "js/** matches js/app.js, not its source map: " + check.verdicts());
        BudgetCheck.Verdict v = check.failures().get(0);
        assertEquals("js/app.js is 29,455 B gzip, over maxGzipBytes 20,000 (budget js/**); largest contributors of"
                + " its 82,191 B raw: jquery (WebJar) 80,756 B (98.3 %), js/app.js 575 B (0.7 %), js/catalog.js"
                + " 362 B (0.4 %)", v.message());
        assertEquals("js/app.js", v.asset());
    }

    @Test
    void withinBudgetPassesAndEachMeasureIsItsOwnVerdict() {
        SizeBudget budget = new SizeBudget("js/app.js", Map.of(Measure.GZIP, 60_000L, Measure.RAW, 82_191L,
                Measure.BROTLI, 26_000L), null);

        BudgetCheck check = BudgetCheck.of(List.of(budget), report(NONE));

        assertEquals(List.of("maxRawBytes 82,191 82,191 B raw false", "maxGzipBytes 60,000 29,455 B gzip false",
                        "maxBrotliBytes 26,000 26,424 B brotli true"),
                check.verdicts().stream().map(v -> v.limit() + " " + v.actual() + " " + v.failed()).toList());
        assertNull(check.verdicts().get(0).message());
    }

    @Test
    void anAssetWithoutTheVariantCountsWithTheBytesItIsSentAs() {
        BudgetCheck check = BudgetCheck.of(List.of(budget("img/*.png", Measure.BROTLI, 100)), report(NONE));

        assertEquals("img/logo.png is 200 B brotli (no brotli variant: sent as it is), over maxBrotliBytes 100"
                + " (budget img/*.png); it is copied as it is from img/logo.png", check.failures().get(0).message());
    }

    @Test
    void anOutputBuiltWithoutSourceMapsHasNoKnownContributors() {
        Metafile withoutMaps = new Metafile(Map.of(), Map.of(
                TestReports.fingerprinted("js/app.js"), new Metafile.Output(82_191, Map.of(), "js/app.js")));
        BuildReport report = BuildReport.of("com.example:shop:1.5.0", current().manifest(), withoutMaps, NONE);

        BudgetCheck check = BudgetCheck.of(List.of(budget("js/app.js", Measure.RAW, 1)), report);

        assertEquals("js/app.js is 82,191 B raw, over maxRawBytes 1 (budget js/app.js); its contributors are unknown"
                + " (it has no source map)", check.failures().get(0).message());
        assertFalse(report.assets().stream().anyMatch(AssetReport::composed), "nothing to draw a treemap of");
    }

    @Test
    void sourceMapsAreBudgetedOnlyByAGlobThatNamesThem() {
        BudgetCheck check = BudgetCheck.of(List.of(budget("**/*.map", Measure.RAW, 1_000_000)), report(NONE));
        assertEquals("js/app.js.map", check.verdicts().get(0).asset());
        assertFalse(check.verdicts().get(0).failed());
    }

    @Test
    void aBudgetThatMatchesNothingFails() {
        BudgetCheck check = BudgetCheck.of(List.of(budget("css/app.css", Measure.GZIP, 1)), report(NONE));
        assertEquals("budget <assets>css/app.css</assets> matches no asset (logical paths such as img/logo.png,"
                + " js/app.js)", check.failures().get(0).message());
    }

    @Test
    void growthIsMeasuredAgainstThePreviousReleaseInTheBudgetsMeasures() {
        TestReports before = new TestReports().asset("js/app.js", 80_000, 25_000, 24_000);
        PreviousRelease previous = new PreviousRelease.Found(PREVIOUS, before.manifest());
        SizeBudget budget = new SizeBudget("js/**", Map.of(Measure.GZIP, 60_000L), 5.0);

        BudgetCheck check = BudgetCheck.of(List.of(budget), report(previous));

        assertEquals(1, check.failures().size(), check.verdicts().toString());
        assertEquals("js/app.js grew +17.8 % gzip (25,000 B to 29,455 B) since " + PREVIOUS + ", over"
                + " maxGrowthPercent 5 (budget js/**); largest contributors of its 82,191 B raw: jquery (WebJar)"
                + " 80,756 B (98.3 %), js/app.js 575 B (0.7 %), js/catalog.js 362 B (0.4 %)",
                check.failures().get(0).message());
        SizeBudget generous = new SizeBudget("js/**", Map.of(), 20.0);
        assertEquals(List.of("+2.7 % raw (80,000 B to 82,191 B)"), BudgetCheck.of(List.of(generous), report(previous))
                .verdicts().stream().map(BudgetCheck.Verdict::actual).toList(), "raw when the budget limits no size");
    }

    @Test
    void growthThatCannotBeMeasuredIsANoteNotAFailure() {
        SizeBudget budget = new SizeBudget("**", Map.of(), 5.0);
        BudgetCheck unavailable = BudgetCheck.of(List.of(budget), report(NONE));
        assertTrue(unavailable.verdicts().isEmpty());
        assertEquals(List.of("maxGrowthPercent 5 of budget ** not checked: no release below 1.5.0"), unavailable.notes());

        PreviousRelease previous = new PreviousRelease.Found(PREVIOUS,
                new TestReports().asset("js/app.js", 82_191, 29_455, 26_424).manifest());
        BudgetCheck check = BudgetCheck.of(List.of(budget), report(previous));
        assertEquals(List.of("maxGrowthPercent 5 of budget ** not checked for img/logo.png: it is new since " + PREVIOUS),
                check.notes());
        assertEquals(List.of("+0.0 % raw (82,191 B to 82,191 B)"),
                check.verdicts().stream().map(BudgetCheck.Verdict::actual).toList());
    }

    @Test
    void aBudgetWithoutALimitOrWithANegativeOneIsAConfigurationError() {
        assertEquals("<budget> for js/** sets no limit: give it maxRawBytes, maxGzipBytes, maxBrotliBytes,"
                        + " maxZstdBytes or maxGrowthPercent",
                assertThrows(IllegalArgumentException.class, () -> new SizeBudget("js/**", Map.of(), null)).getMessage());
        assertEquals("<budget> for js/**: <maxGzipBytes> -1 is negative", assertThrows(IllegalArgumentException.class,
                () -> new SizeBudget("js/**", Map.of(Measure.GZIP, -1L), null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SizeBudget(" ", Map.of(Measure.GZIP, 1L), null));
    }
}
