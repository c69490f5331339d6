package io.assetpipe.plugin.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code report.html}: one self-contained page (its CSS and script inline, nothing loaded
 * from anywhere, which its Content-Security-Policy also enforces) holding the report as JSON, from
 * which its script draws the sortable asset table and a treemap per compiled output. It opens from
 * the file system, in CI artifacts, offline.
 */
public record HtmlPage(Path file) implements BuildReporter {
    public static final String FILE_NAME = "report.html";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMPLATE = "report-template.html";
    private static final String DATA = "/*REPORT_DATA*/";

    @Override
    public void report(BuildReport report) throws IOException {
        ReportFile.write(file, html(report).getBytes(StandardCharsets.UTF_8));
    }

    /** The page: the template with the report's JSON in place of its placeholder. */
    static String html(BuildReport report) {
        String template = template();
        int at = template.indexOf(DATA);
        // In a <script> element only "</" could end it early; as \u003c it is the same JSON string.
        String json = data(report).toString().replace("<", "\\u003c");
        return template.substring(0, at) + json + template.substring(at + DATA.length());
    }

    private static String template() {
        try (InputStream in = HtmlPage.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the plugin jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TEMPLATE + " from the plugin jar", e);
        }
    }

    static ObjectNode data(BuildReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("project", report.project());
        root.put("generator", report.generator());
        root.put("buildTime", report.buildTime().toString());
        switch (report.previous()) {
            case PreviousRelease.Found found -> root.putObject("previous")
                    .put("coordinates", found.coordinates())
                    .put("buildTime", found.manifest().buildTime().toString());
            case PreviousRelease.Unavailable none -> root.putObject("previous").put("unavailable", none.reason());
        }
        List<Measure> measures = LogTable.measures(report);
        ArrayNode measureNames = root.putArray("measures");
        measures.forEach(m -> measureNames.add(m.label()));
        ArrayNode assets = root.putArray("assets");
        for (AssetReport asset : report.assets()) {
            ObjectNode node = assets.addObject()
                    .put("path", asset.logicalPath())
                    .put("file", asset.file())
                    .put("sourceMap", asset.sourceMap());
            sizes(node, "sizes", asset.sizes(), measures);
            sizes(node, "previous", asset.previous(), measures);
        }
        ArrayNode outputs = root.putArray("outputs");
        for (AssetReport asset : report.assets()) {
            if (!asset.removed() && !asset.sourceMap() && asset.composed()) {
                output(outputs.addObject(), asset);
            }
        }
        ObjectNode budgets = root.putObject("budgets");
        ArrayNode verdicts = budgets.putArray("verdicts");
        for (BudgetCheck.Verdict v : report.budgets().verdicts()) {
            verdicts.addObject().put("asset", v.asset()).put("budget", v.budget()).put("limit", v.limit())
                    .put("actual", v.actual()).put("failed", v.failed()).put("message", v.message());
        }
        ArrayNode notes = budgets.putArray("notes");
        report.budgets().notes().forEach(notes::add);
        return root;
    }

    /** Sizes by measure; null for a measure without a variant of its own, so the page shows a dash. */
    private static void sizes(ObjectNode node, String field, Sizes sizes, List<Measure> measures) {
        if (sizes == null) {
            node.putNull(field);
            return;
        }
        ObjectNode out = node.putObject(field);
        for (Measure m : measures) {
            if (m.hasFile(sizes)) {
                out.put(m.label(), m.of(sizes));
            } else {
                out.putNull(m.label());
            }
        }
    }

    private static void output(ObjectNode node, AssetReport asset) {
        node.put("path", asset.logicalPath()).put("entryPoint", asset.entryPoint()).put("bytes", asset.sizes().raw());
        ArrayNode contributors = node.putArray("contributors");
        for (Contributor c : asset.contributors()) {
            ObjectNode cn = contributors.addObject()
                    .put("name", c.name())
                    .put("origin", c.origin().name().toLowerCase(java.util.Locale.ROOT))
                    .put("kind", c.origin().description())
                    .put("bytes", c.bytes());
            ObjectNode files = cn.putObject("files");
            c.files().forEach(files::put);
        }
    }
}
