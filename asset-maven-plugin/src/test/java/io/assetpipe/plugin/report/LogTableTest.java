package io.assetpipe.plugin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogTableTest {
    private static final Metafile NO_PARTS = new Metafile(Map.of(), Map.of());

    @Test
    void largestAssetsThenBiggestChangesInExactBytesWithoutSourceMaps() {
        TestReports current = new TestReports()
                .asset("css/app.css", 229_022, 30_967, 23_027)
                .asset("js/app.js.map", 513_089, 155_540, 150_480)
                .asset("js/app.js", 82_191, 29_455, 26_424)
                .asset("img/new.svg", 388, 263, 221);
        TestReports before = new TestReports()
                .asset("css/app.css", 229_022, 30_967, 23_027)
                .asset("js/app.js", 80_000, 28_000, 25_000)
                .asset("img/old.png", 5_000, 0, 0);
        BuildReport report = BuildReport.of("com.example:shop:1.5.0", current.manifest(), NO_PARTS,
                new PreviousRelease.Found("com.example:shop:jar:assets:1.4.0", before.manifest()));
        List<String> lines = new ArrayList<>();

        new LogTable(lines::add, Path.of("/p/target/assetpipe/report.html")).report(report);

        assertEquals(List.of(
                "Largest assets in bytes (raw / gzip / brotli), 3 of 3:",
                "  css/app.css  229,022  30,967  23,027",
                "  js/app.js     82,191  29,455  26,424",
                "  img/new.svg      388     263     221",
                "Biggest changes since com.example:shop:jar:assets:1.4.0 in bytes (raw / gzip / brotli), 3 of 3:",
                "  img/old.png (removed)  -5,000  -5,000  -5,000",
                "  js/app.js              +2,191  +1,455  +1,424",
                "  img/new.svg (new)        +388    +263    +221",
                "Build report: /p/target/assetpipe/report.html"), lines);
    }

    @Test
    void withoutAPreviousReleaseItSaysWhyAndWithBudgetsHowTheyWentAndWhatWasNotChecked() {
        TestReports current = new TestReports().asset("js/app.js", 82_191, 29_455, 0);
        BuildReport report = BuildReport.of("com.example:shop:1.5.0", current.manifest(), NO_PARTS,
                new PreviousRelease.Unavailable("no release of com.example:shop below 1.5.0"));
        report = report.withBudgets(BudgetCheck.of(List.of(
                new SizeBudget("js/**", Map.of(Measure.GZIP, 30_000L, Measure.RAW, 80_000L), 5.0)), report));
        List<String> lines = new ArrayList<>();

        new LogTable(lines::add, Path.of("report.html")).report(report);

        assertEquals(List.of(
                "Largest assets in bytes (raw / gzip), 1 of 1:",
                "  js/app.js  82,191  29,455",
                "No previous release to compare with: no release of com.example:shop below 1.5.0",
                "Size budgets: 2 limits checked, 1 exceeded",
                "maxGrowthPercent 5 of budget js/** not checked: no release of com.example:shop below 1.5.0",
                "Build report: report.html"), lines);
    }
}
