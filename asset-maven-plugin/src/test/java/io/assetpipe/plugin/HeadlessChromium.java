package io.assetpipe.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, run once per page with {@code --dump-dom}: the page's DOM after its
 * scripts ran, which is how a test proves a bundle works in a browser, not only that it compiled.
 * Follows example-app's {@code Browser.unavailable()} convention: without Chromium the test is
 * skipped with a message, except under {@code CI=true}, where CI installs it and its absence fails.
 */
public final class HeadlessChromium {
    /** Debian's path; {@code -Dassetpipe.chromium} points elsewhere (other distros). */
    static final Path CHROMIUM = Path.of(System.getProperty("assetpipe.chromium", "/usr/bin/chromium"));

    private HeadlessChromium() {}

    /** Why this machine cannot run the browser check, if it cannot (a failure under {@code CI=true}). */
    public static Optional<String> unavailable() {
        if (Files.isExecutable(CHROMIUM)) {
            return Optional.empty();
        }
        String message = "the browser check needs Debian's chromium, but " + CHROMIUM + " is missing; install it with"
                + " `apt-get install chromium` (.ci/run does)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true and " + message);
        }
        return Optional.of("SKIPPED: " + message);
    }

    /** {@link #unavailable()}, said once as a warning naming {@code test}, which then skips its browser checks. */
    public static Optional<String> unavailableFor(Class<?> test) {
        Optional<String> why = unavailable();
        why.ifPresent(reason -> System.out.println("[WARNING] " + test.getSimpleName() + " " + reason));
        return why;
    }

    /** The value of the first attribute {@code name} in {@code dom}, as Chromium serialised it. */
    public static String attribute(String dom, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
        assertTrue(m.find(), name + " in " + dom);
        return m.group(1);
    }

    /**
     * The DOM of {@code page} (a file) once loaded and its timers had up to five seconds of virtual
     * time, as Chromium serialises it.
     */
    public static String dumpDom(Path page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("assetpipe-chromium");
        try {
            Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--no-first-run",
                    "--disable-dev-shm-usage", "--allow-file-access-from-files", "--virtual-time-budget=5000",
                    "--user-data-dir=" + profile, "--dump-dom", page.toUri().toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] dom = chromium.getInputStream().readAllBytes();
            if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
                chromium.destroyForcibly();
                fail("chromium did not exit within 60 s for " + page);
            }
            assertEquals(0, chromium.exitValue(), "chromium's exit code for " + page);
            return new String(dom, StandardCharsets.UTF_8);
        } finally {
            try (Stream<Path> paths = Files.walk(profile)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * A page that loads {@code scripts} (paths relative to the page) after a handler that writes any
     * uncaught error into {@code <body data-error>}, so the dumped DOM shows it.
     */
    public static String page(String body, List<String> scripts) {
        return page(List.of(), body, scripts);
    }

    /** The same, with {@code stylesheets} linked in the head. */
    public static String page(List<String> stylesheets, String body, List<String> scripts) {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><script>")
                .append("window.onerror=function(m){document.documentElement.setAttribute('data-error',String(m))};")
                .append("</script>");
        for (String stylesheet : stylesheets) {
            html.append("<link rel=\"stylesheet\" href=\"").append(stylesheet).append("\">");
        }
        html.append("</head><body>").append(body);
        for (String script : scripts) {
            html.append("<script src=\"").append(script).append("\"></script>");
        }
        return html.append("</body></html>\n").toString();
    }
}
