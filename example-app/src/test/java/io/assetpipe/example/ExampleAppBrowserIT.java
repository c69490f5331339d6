package io.assetpipe.example;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The newcomer's first run, end to end: the jar that {@code mvn package} built (asset-maven-plugin
 * bundle inside, AssetHandler embedded) started with {@code java -jar}, and a real headless
 * Chromium loading its page.
 */
class ExampleAppBrowserIT {
    private static final String FINGERPRINT = "-[0-9a-f]{12}";

    private static Optional<String> unavailable;
    private static AppProcess app;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        unavailable = Browser.unavailable();
        if (unavailable.isPresent()) {
            System.out.println("[WARNING] ExampleAppBrowserIT " + unavailable.get());
            return;
        }
        app = AppProcess.start();
        browser = Browser.start();
    }

    @BeforeEach
    void skipWithoutBrowser() {
        Assumptions.assumeTrue(unavailable.isEmpty(), unavailable::get);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (app != null) {
                app.close();
            }
        }
    }

    @Test
    void pageLoadsCleanlyStyledWithItsFontScriptAndIntegrity() throws Exception {
        List<NetworkRequest> requests = load(app.baseUrl());
        Path screenshot = screenshot("example-app.png");

        assertEquals(List.of(), Browser.errors(browser.console()), "console errors");
        assertEquals(List.of(), requests.stream()
                .filter(r -> r.failure() != null || r.status() >= 400).toList(), "failed requests");
        assertEquals(List.of(), requests.stream().filter(r -> r.path().startsWith("/assets/"))
                .filter(r -> !r.path().matches("/assets/.+" + FINGERPRINT + "\\.[a-z0-9]+")).toList(),
                "every asset the page loads has a fingerprinted URL");
        for (String type : List.of("Stylesheet", "Script", "Font", "Image")) {
            assertTrue(requests.stream().anyMatch(r -> r.type().equals(type)
                            && r.path().startsWith("/assets/") && r.status() == 200),
                    "a " + type + " loaded from /assets/: " + requests);
        }

        // The app's SCSS variables reached Bootstrap, and the app's own partials compiled.
        assertAll("computed styles (screenshot: " + screenshot + ")",
                () -> assertEquals("rgb(15, 118, 110)", style("#add-to-cart", "backgroundColor"),
                        "$primary (Bootstrap's default is rgb(13, 110, 253))"),
                () -> assertEquals("#0f766e", js("return getComputedStyle(document.documentElement)"
                        + ".getPropertyValue('--bs-primary').trim()"), "--bs-primary"),
                () -> assertTrue(style("body", "fontFamily").startsWith("Inter"),
                        "$font-family-sans-serif: " + style("body", "fontFamily")),
                () -> assertEquals("rgb(194, 65, 12)", style(".price", "color"), ".price colour"),
                () -> assertEquals("12px", style(".card", "borderRadius"), "$border-radius"),
                () -> assertTrue(style(".hero", "backgroundImage")
                                .matches("url\\(\"http://127\\.0\\.0\\.1:\\d+/assets/images/contours"
                                        + FINGERPRINT + "\\.png\"\\)"),
                        "hero image URL rewritten to its fingerprinted file: "
                                + style(".hero", "backgroundImage")));

        // The web font was downloaded and is in use, in both weights the page uses.
        Object fonts = js("return [...document.fonts].filter(f => f.family.replace(/\"/g, '') === 'Inter'"
                + " && f.status === 'loaded').map(f => f.weight).sort().join(',')");
        assertEquals("400,700", fonts, "Inter faces loaded (document.fonts)");
        assertEquals(Boolean.TRUE, js("return document.fonts.check('700 16px Inter')"));

        // The script ran: jQuery (from its WebJar) rendered the catalog through the app's modules.
        assertEquals("ready", js("return document.documentElement.dataset.app"));
        assertEquals(List.of("Volume=24 L", "Weight=780 g", "Back length=48 cm",
                        "Fabric=210D recycled ripstop", "Hip belt pockets=2", "Rain cover=Included"),
                js("return [...document.querySelectorAll('#spec-list li')].map(li =>"
                        + " li.querySelector('.spec-label').textContent + '='"
                        + " + li.querySelector('.spec-value').textContent)"));
        assertEquals("3 colours: Moss, Slate, Ember", js("return document.querySelector("
                + "'#colour-summary').textContent"));

        // Every script and stylesheet carries SRI, and the browser accepted it: the stylesheet is
        // applied (above) with readable rules, the script ran (above), and nothing was blocked.
        List<Map<String, Object>> tags = js("return [...document.querySelectorAll("
                + "'script, link[rel=stylesheet]')].map(e => ({tag: e.tagName, url: e.src || e.href,"
                + " integrity: e.integrity, crossorigin: e.crossOrigin}))");
        assertEquals(2, tags.size(), "one stylesheet and one script: " + tags);
        for (Map<String, Object> tag : tags) {
            assertTrue(String.valueOf(tag.get("integrity")).matches("sha384-[A-Za-z0-9+/]{64}"),
                    "integrity of " + tag);
            assertEquals("anonymous", tag.get("crossorigin"), "crossorigin of " + tag);
            assertTrue(requests.stream().anyMatch(r -> r.url().equals(tag.get("url"))
                    && r.status() == 200 && r.failure() == null), "loaded: " + tag);
        }
        assertTrue(((Number) js("return document.querySelector('link[rel=stylesheet]').sheet"
                + ".cssRules.length")).intValue() > 1000, "Bootstrap's rules are in the stylesheet");
    }

    @Test
    void reloadRevalidatesThePageAndTakesImmutableAssetsFromTheCache() throws Exception {
        load(app.baseUrl());
        // An unmeasured reload first: it lets whatever the first visit fetched late (the tab's
        // favicon) settle in the cache, so the measured reload below starts from a warm cache.
        browser.driver().navigate().refresh();
        // What the document itself loads (the favicon, type Other, is the browser's own fetch).
        List<String> pageAssets = awaitReady().stream()
                .filter(r -> r.path().startsWith("/assets/") && !r.type().equals("Other"))
                .map(NetworkRequest::path).distinct().sorted().toList();
        int logMark = app.lineCount();

        browser.driver().navigate().refresh();
        List<NetworkRequest> reload = awaitReady();

        NetworkRequest page = reload.stream().filter(r -> r.type().equals("Document")).findFirst()
                .orElseThrow(() -> new AssertionError("no document request on reload: " + reload));
        assertFalse(page.fromCache(), "the HTML must be revalidated, not taken from cache: " + page);
        assertTrue(page.wireStatus() == 304 || page.wireStatus() == 200,
                "HTML revalidated with the server (304, or 200 if changed): " + page);
        List<NetworkRequest> reloadedAssets = reload.stream()
                .filter(r -> r.path().startsWith("/assets/")).toList();
        assertEquals(6, pageAssets.size(), "css, js, two fonts, image and icon: " + pageAssets);
        assertTrue(reloadedAssets.stream().map(NetworkRequest::path).toList().containsAll(pageAssets),
                "the reload loads the same assets " + pageAssets + ": " + reloadedAssets);
        assertEquals(List.of(), reloadedAssets.stream().filter(r -> !r.fromCache()).toList(),
                "immutable assets come from the browser cache on reload");
        reload.forEach(r -> System.out.println("reload: " + r));

        // And the server agrees: it answered the page with 304 and saw no asset request.
        List<String> log = app.awaitLine(logMark, line -> line.contains("\"GET / HTTP/1.1\" 304"),
                "the revalidated page (GET / ... 304)");
        assertEquals(List.of(), log.stream().filter(line -> line.contains(" /assets/")).toList(),
                "asset requests that reached the server on reload");
        assertEquals(List.of(), Browser.errors(browser.console()), "console errors on reload");
    }

    /** Proves the integrity checks above can fail: a wrong hash is blocked and logged. */
    @Test
    void aWrongIntegrityIsBlockedAndReported() throws Exception {
        load(app.baseUrl());
        String css = js("return document.querySelector('link[rel=stylesheet]').href");
        String good = js("return document.querySelector('link[rel=stylesheet]').integrity");
        String wrong = "sha384-" + "A".repeat(64);

        assertEquals("load", addStylesheet(css, good), "control: the real integrity loads");
        assertEquals("error", addStylesheet(css, wrong), "a wrong integrity must block the stylesheet");
        List<String> errors = Browser.errors(browser.console());
        assertTrue(errors.stream().anyMatch(e -> e.contains("integrity")),
                "the browser reports the SRI failure as a console error: " + errors);
    }

    private static String addStylesheet(String href, String integrity) {
        Object outcome = browser.driver().executeAsyncScript("""
                const [href, integrity, done] = arguments;
                const link = document.createElement('link');
                link.rel = 'stylesheet';
                link.crossOrigin = 'anonymous';
                link.integrity = integrity;
                link.onload = () => done('load');
                link.onerror = () => done('error');
                link.href = href + '?probe=' + Math.random();
                document.head.append(link);
                """, href, integrity);
        return String.valueOf(outcome);
    }

    /** Opens {@code url} in the browser, waits until the page is ready and returns its requests. */
    private static List<NetworkRequest> load(String url) {
        browser.network(); // drop events of earlier pages
        browser.console();
        browser.driver().get(url);
        return awaitReady();
    }

    private static List<NetworkRequest> awaitReady() {
        // Ready = the script ran, the window's load event fired and every used font face settled.
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState === 'complete'"
                        + " && document.documentElement.dataset.app === 'ready'"
                        + " && document.fonts.status === 'loaded'")));
        return browser.network();
    }

    @SuppressWarnings("unchecked")
    private static <T> T js(String script) {
        return (T) browser.driver().executeScript(script);
    }

    private static String style(String selector, String property) {
        return js("return getComputedStyle(document.querySelector('" + selector + "'))." + property);
    }

    private static Path screenshot(String name) throws Exception {
        Path dir = Path.of(System.getProperty("example.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Files.write(file, browser.driver().getScreenshotAs(OutputType.BYTES));
        return file;
    }
}
