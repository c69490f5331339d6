package io.assetpipe.plugin.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The size budgets checked against a build: one verdict per asset and limit, and notes on what
 * could not be checked (growth without a previous release).
 *
 * @param verdicts every limit checked, passed or not
 * @param notes limits that could not be checked, and why
 */
public record BudgetCheck(List<Verdict> verdicts, List<String> notes) {
    public static final BudgetCheck NONE = new BudgetCheck(List.of(), List.of());

    public BudgetCheck {
        verdicts = List.copyOf(verdicts);
        notes = List.copyOf(notes);
    }

    /**
     * One limit of one budget on one asset.
     *
     * @param asset the asset's logical path, or null when the budget matched none
     * @param budget the budget's {@code assets} glob
     * @param limit the limit as configured, e.g. {@code maxGzipBytes 60,000}
     * @param actual what was measured, e.g. {@code 61,204 B gzip}
     * @param failed whether the limit was exceeded (or the budget matches no asset)
     * @param message for a failure, the whole story: the asset, the limit, the size and its three
     *     largest contributors; else null
     */
    public record Verdict(String asset, String budget, String limit, String actual, boolean failed, String message) {}

    /** The verdicts that fail the build (or are warnings with {@code warnOnly}). */
    public List<Verdict> failures() {
        return verdicts.stream().filter(Verdict::failed).toList();
    }

    /** Checks {@code budgets} against {@code report}'s assets and its previous release. */
    public static BudgetCheck of(List<SizeBudget> budgets, BuildReport report) {
        List<Verdict> verdicts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (SizeBudget budget : budgets) {
            List<AssetReport> matched = report.assets().stream().filter(budget::matches).toList();
            if (matched.isEmpty()) {
                verdicts.add(new Verdict(null, budget.assets(), "<assets>" + budget.assets() + "</assets>",
                        "no asset", true, "budget <assets>" + budget.assets() + "</assets> matches no asset"
                        + " (logical paths such as " + examples(report) + ")"));
            }
            for (AssetReport asset : matched) {
                budget.maxBytes().forEach((measure, max) -> verdicts.add(size(asset, budget, measure, max)));
                if (budget.maxGrowthPercent() != null) {
                    growth(asset, budget, report.previous(), verdicts, notes);
                }
            }
        }
        return new BudgetCheck(verdicts, notes.stream().distinct().toList());
    }

    private static Verdict size(AssetReport asset, SizeBudget budget, Measure measure, long max) {
        long actual = measure.of(asset.sizes());
        String limit = measure.budgetElement() + " " + number(max);
        String measured = bytes(actual) + " " + measure.label()
                + (measure.hasFile(asset.sizes()) ? "" : " (no " + measure.label() + " variant: sent as it is)");
        boolean failed = actual > max;
        return new Verdict(asset.logicalPath(), budget.assets(), limit, measured, failed, failed
                ? asset.logicalPath() + " is " + measured + ", over " + limit + " (budget " + budget.assets() + "); "
                        + contributors(asset)
                : null);
    }

    private static void growth(AssetReport asset, SizeBudget budget, PreviousRelease previous, List<Verdict> verdicts,
                               List<String> notes) {
        String limit = "maxGrowthPercent " + number(budget.maxGrowthPercent());
        if (!(previous instanceof PreviousRelease.Found found)) {
            notes.add(limit + " of budget " + budget.assets() + " not checked: "
                    + ((PreviousRelease.Unavailable) previous).reason());
            return;
        }
        if (asset.previous() == null) {
            notes.add(limit + " of budget " + budget.assets() + " not checked for " + asset.logicalPath()
                    + ": it is new since " + found.coordinates());
            return;
        }
        Set<Measure> measures = budget.maxBytes().isEmpty() ? Set.of(Measure.RAW) : budget.maxBytes().keySet();
        for (Measure measure : measures) {
            long before = measure.of(asset.previous());
            long now = measure.of(asset.sizes());
            double percent = before == 0 ? (now == 0 ? 0 : Double.POSITIVE_INFINITY) : (now - before) * 100.0 / before;
            String actual = String.format(Locale.ROOT, "%+.1f %% %s (%s to %s)", percent, measure.label(),
                    bytes(before), bytes(now));
            boolean failed = percent > budget.maxGrowthPercent();
            verdicts.add(new Verdict(asset.logicalPath(), budget.assets(), limit, actual, failed, failed
                    ? asset.logicalPath() + " grew " + actual + " since " + found.coordinates() + ", over " + limit
                            + " (budget " + budget.assets() + "); " + contributors(asset)
                    : null));
        }
    }

    /** The three largest contributors of {@code asset}, as the end of a failure message. */
    private static String contributors(AssetReport asset) {
        if (asset.contributors().isEmpty()) {
            return "its contributors are unknown (it has no source map)";
        }
        if (!asset.composed()) {
            return "it is copied as it is from " + asset.logicalPath();
        }
        long raw = asset.sizes().raw();
        return "largest contributors of its " + bytes(raw) + " raw: " + asset.contributors().stream().limit(3)
                .map(c -> c.label() + " " + bytes(c.bytes()) + String.format(Locale.ROOT, " (%.1f %%)", c.bytes() * 100.0 / raw))
                .collect(Collectors.joining(", "));
    }

    private static String examples(BuildReport report) {
        return report.shipped().stream().limit(3).map(AssetReport::logicalPath).collect(Collectors.joining(", "));
    }

    /** {@code 61,204 B}. */
    static String bytes(long n) {
        return number(n) + " B";
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A percentage as configured: {@code 5}, {@code 2.5}. */
    private static String number(double n) {
        return n == Math.rint(n) ? number((long) n) : String.valueOf(n);
    }
}
