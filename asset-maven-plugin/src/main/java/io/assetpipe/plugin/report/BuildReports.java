package io.assetpipe.plugin.report;

import io.assetpipe.manifest.AssetManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The report step of a build: makes the {@link BuildReport} of a bundle, checks the budgets
 * against it and hands it to every reporter ({@code report.html} and {@code meta.json} in
 * {@code directory}, and the log table when the bundle is new). Plain Java: the Mojo gives it the
 * pipeline's result and the previous release it looked up.
 *
 * @param project what is built, e.g. {@code com.example:shop:1.5.0}, for the page's title
 * @param directory where the report files go ({@code target/assetpipe})
 * @param budgets the budgets to check
 */
public record BuildReports(String project, Path directory, List<SizeBudget> budgets) {
    public BuildReports {
        budgets = List.copyOf(budgets);
    }

    public Path page() {
        return directory.resolve(HtmlPage.FILE_NAME);
    }

    public Path metafileFile() {
        return directory.resolve(MetafileWriter.FILE_NAME);
    }

    /**
     * Reports on the bundle of {@code manifest}, made of what {@code metafile} says, compared with
     * {@code previous}; {@code table} gets the log table's lines (a no-op for an up-to-date build,
     * which keeps to its one line).
     *
     * @return the report, with its budgets checked
     */
    public BuildReport write(AssetManifest manifest, Metafile metafile, PreviousRelease previous,
                             Consumer<String> table) throws IOException {
        BuildReport report = BuildReport.of(project, manifest, metafile, previous);
        report = report.withBudgets(BudgetCheck.of(budgets, report));
        for (BuildReporter reporter : List.of(new MetafileWriter(metafileFile()), new HtmlPage(page()),
                new LogTable(table, page()))) {
            reporter.report(report);
        }
        return report;
    }

    /**
     * The metafile the last full build wrote, for an up-to-date build's report; an empty one if it
     * is missing or unreadable (then the report shows sizes but not what the outputs are made of).
     */
    public Metafile lastMetafile(Consumer<String> warn) {
        try {
            return Metafile.parse(Files.readAllBytes(metafileFile()));
        } catch (NoSuchFileException e) {
            warn.accept(metafileFile() + " is missing: the report shows what the outputs are made of again after"
                    + " the next full build (mvn clean, or a changed source)");
        } catch (IOException e) {
            warn.accept(metafileFile() + " cannot be read (" + e.getMessage() + "): the report shows what the"
                    + " outputs are made of again after the next full build");
        }
        return new Metafile(Map.of(), Map.of());
    }
}
