package io.assetpipe.plugin.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The build log's short version of the report: the largest assets and the biggest changes since
 * the previous release, in exact bytes (as budgets are given), how the budgets went (the limits
 * that could not be checked, too), and where the whole report is.
 * Source maps are left out: pages never load them.
 *
 * @param info where the lines go (Maven's INFO level, so {@code -q} silences them)
 * @param page the HTML report, named at the end
 */
public record LogTable(Consumer<String> info, Path page) implements BuildReporter {
    static final int ROWS = 5;

    @Override
    public void report(BuildReport report) {
        List<Measure> measures = measures(report);
        List<AssetReport> shipped = report.shipped();
        List<AssetReport> largest = shipped.stream()
                .sorted(Comparator.comparingLong((AssetReport a) -> a.sizes().raw()).reversed()).limit(ROWS).toList();
        List<String[]> rows = new ArrayList<>();
        for (AssetReport asset : largest) {
            rows.add(row(asset.logicalPath(), measures.stream()
                    .map(m -> m.hasFile(asset.sizes()) ? number(m.of(asset.sizes())) : "-").toList()));
        }
        info.accept("Largest assets in bytes (" + labels(measures) + "), " + largest.size() + " of " + shipped.size() + ":");
        table(rows);
        switch (report.previous()) {
            case PreviousRelease.Found found -> changes(report, found, measures);
            case PreviousRelease.Unavailable none -> info.accept("No previous release to compare with: " + none.reason());
        }
        List<BudgetCheck.Verdict> verdicts = report.budgets().verdicts();
        if (!verdicts.isEmpty()) {
            long failed = verdicts.stream().filter(BudgetCheck.Verdict::failed).count();
            info.accept("Size budgets: " + verdicts.size() + (verdicts.size() == 1 ? " limit" : " limits") + " checked, "
                    + (failed == 0 ? "all within" : failed + " exceeded"));
        }
        report.budgets().notes().forEach(info);
        info.accept("Build report: " + page);
    }

    private void changes(BuildReport report, PreviousRelease.Found found, List<Measure> measures) {
        List<AssetReport> changed = report.assets().stream()
                .filter(a -> !a.sourceMap() && (a.removed() || a.previous() == null || a.change(Measure.RAW).getAsLong() != 0))
                .sorted(Comparator.comparingLong(LogTable::rawChange).reversed().thenComparing(AssetReport::logicalPath))
                .toList();
        if (changed.isEmpty()) {
            info.accept("No asset changed size since " + found.coordinates());
            return;
        }
        info.accept("Biggest changes since " + found.coordinates() + " in bytes (" + labels(measures) + "), "
                + Math.min(ROWS, changed.size()) + " of " + changed.size() + ":");
        List<String[]> rows = new ArrayList<>();
        for (AssetReport asset : changed.subList(0, Math.min(ROWS, changed.size()))) {
            String status = asset.removed() ? " (removed)" : asset.previous() == null ? " (new)" : "";
            rows.add(row(asset.logicalPath() + status, measures.stream().map(m -> signed(change(asset, m))).toList()));
        }
        table(rows);
    }

    /** The size change of {@code asset}, counting a new asset from 0 and a removed one down to 0. */
    private static long change(AssetReport asset, Measure measure) {
        if (asset.removed()) {
            return -measure.of(asset.previous());
        }
        return asset.previous() == null ? measure.of(asset.sizes()) : asset.change(measure).getAsLong();
    }

    private static long rawChange(AssetReport asset) {
        return Math.abs(change(asset, Measure.RAW));
    }

    /** Raw, then the encodings some asset of the bundle has a variant in. */
    static List<Measure> measures(BuildReport report) {
        List<Measure> measures = new ArrayList<>(List.of(Measure.RAW));
        for (Measure m : List.of(Measure.GZIP, Measure.BROTLI, Measure.ZSTD)) {
            if (report.shipped().stream().anyMatch(a -> m.hasFile(a.sizes()))) {
                measures.add(m);
            }
        }
        return measures;
    }

    private static String labels(List<Measure> measures) {
        return String.join(" / ", measures.stream().map(Measure::label).toList());
    }

    private static String[] row(String name, List<String> cells) {
        List<String> all = new ArrayList<>(List.of(name));
        all.addAll(cells);
        return all.toArray(String[]::new);
    }

    /** Left-aligned names, right-aligned numbers, two spaces between columns. */
    private void table(List<String[]> rows) {
        int columns = rows.isEmpty() ? 0 : rows.get(0).length;
        int[] widths = new int[columns];
        rows.forEach(r -> {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        });
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("  ").append(r[0]).append(" ".repeat(widths[0] - r[0].length()));
            for (int i = 1; i < columns; i++) {
                line.append("  ").append(" ".repeat(widths[i] - r[i].length())).append(r[i]);
            }
            info.accept(line.toString());
        }
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String signed(long n) {
        return n == 0 ? "0" : String.format(Locale.ROOT, "%+,d", n);
    }
}
