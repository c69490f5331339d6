package io.assetpipe.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.manifest.ManifestCodec;
import io.assetpipe.manifest.EncodedVariant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The build report of this app's own build ({@code target/assetpipe/report.html}), opened the way a
 * developer opens it: from the file system, in a real headless Chromium.
 */
class BuildReportBrowserIT {
    private static final Path REPORT = Path.of(System.getProperty("example.report", "target/assetpipe/report.html"));
    private static final Path MANIFEST = Path.of(System.getProperty("example.manifest",
            "target/classes/META-INF/assets/manifest.json"));

    private static Optional<String> unavailable;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        unavailable = Browser.unavailable();
        if (unavailable.isPresent()) {
            System.out.println("[WARNING] BuildReportBrowserIT " + unavailable.get());
            return;
        }
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theReportOpensFromTheFileSystemOffLineAndShowsTheBuildsOwnNumbers() throws Exception {
        Assumptions.assumeTrue(unavailable.isEmpty(), unavailable::get);
        String url = REPORT.toAbsolutePath().toUri().toString();
        browser.requests();
        browser.console();
        browser.driver().get(url);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState === 'complete'"
                        + " && document.querySelectorAll('.treemap .cell').length > 0")));
        Path screenshot = Path.of(System.getProperty("example.screenshots", "target/screenshots"), "build-report.png");
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, browser.driver().getScreenshotAs(OutputType.BYTES));

        assertEquals(List.of(), Browser.errors(browser.console()), "console errors (screenshot: " + screenshot + ")");
        List<NetworkRequest> requests = browser.requests();
        // Requests that reach a network or the file system; Chromium's own chrome:// pages (its new-tab
        // page loading in the background) and data: URLs are not the report's.
        assertEquals(List.of(), requests.stream()
                        .filter(r -> !r.url().equals(url) && r.url().matches("(?i)(https?|wss?|file|ftp):.*")).toList(),
                "requests other than the page itself");

        // The treemaps name the real libraries the app's bundles are made of.
        assertEquals(List.of("jquery"), js("return [...document.querySelectorAll("
                + "'[data-output=\"js/app.js\"] .cell.webjar')].map(c => c.dataset.name)"));
        assertEquals(List.of("bootstrap"), js("return [...document.querySelectorAll("
                + "'[data-output=\"css/app.css\"] .cell.webjar')].map(c => c.dataset.name)"));

        // Every size in the table is the manifest's; a variant the bundle does not have is a dash.
        AssetManifest manifest = ManifestCodec.read(Files.readAllBytes(MANIFEST), MANIFEST.toString());
        List<Map<String, Object>> rows = js("return [...document.querySelectorAll('#asset-table tbody tr')]"
                + ".map(r => ({path: r.dataset.path, cells: Object.fromEntries([...r.querySelectorAll("
                + "'td[data-measure]')].map(c => [c.dataset.measure, c.dataset.bytes || c.textContent])) }))");
        assertEquals(manifest.assets().size(), rows.size());
        for (Map<String, Object> row : rows) {
            AssetEntry entry = manifest.assets().get((String) row.get("path"));
            Map<String, String> expected = new HashMap<>();
            expected.put("raw", String.valueOf(entry.size()));
            expected.put("gzip", size(entry, ContentEncoding.GZIP));
            expected.put("brotli", size(entry, ContentEncoding.BR));
            expected.put("zstd", size(entry, ContentEncoding.ZSTD));
            assertEquals(expected, row.get("cells"), String.valueOf(row.get("path")));
        }
        assertTrue(((String) js("return document.getElementById('previous').textContent"))
                .startsWith("Not compared with a previous release: "), "this version has no earlier release");
    }

    private static String size(AssetEntry entry, ContentEncoding encoding) {
        return entry.variant(encoding).map(EncodedVariant::size).map(String::valueOf).orElse("\u2014");
    }

    @SuppressWarnings("unchecked")
    private static <T> T js(String script) {
        return (T) browser.driver().executeScript(script);
    }
}
