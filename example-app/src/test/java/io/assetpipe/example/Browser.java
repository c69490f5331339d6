package io.assetpipe.example;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both named explicitly so that
 * Selenium Manager never downloads a browser or a driver. Console messages come from the browser
 * log and network events (the DevTools {@code Network.*} events) from the performance log; both
 * are version-independent, unlike Selenium's per-Chrome-version DevTools bindings.
 */
final class Browser implements AutoCloseable {
    // Debian's paths; -Dexample.chromium / -Dexample.chromedriver point elsewhere (other distros).
    static final Path CHROMIUM = Path.of(System.getProperty("example.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER =
            Path.of(System.getProperty("example.chromedriver", "/usr/bin/chromedriver"));

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Why this machine cannot run the browser test, if it cannot. With {@code CI=true} a missing
     * browser fails the test instead: CI installs it, so its absence there is a broken set-up.
     */
    static Optional<String> unavailable() {
        List<String> missing = Stream.of(CHROMIUM, CHROMEDRIVER)
                .filter(p -> !Files.isExecutable(p)).map(Path::toString).toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String message = "the browser test needs Debian's chromium and chromium-driver, but "
                + String.join(" and ", missing) + " is missing; install them with "
                + "`apt-get install chromium chromium-driver` (.ci/run does)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true and " + message);
        }
        return Optional.of("SKIPPED: " + message);
    }

    static Browser start() throws IOException {
        Path profile = Files.createTempDirectory("example-app-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the background-networking flags Chromium's own connections fail here and log errors.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,1180",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        Path logDir = Files.createDirectories(Path.of(System.getProperty("example.screenshots", "target")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(logDir.resolve("chromedriver.log").toFile())
                .build();
        try {
            return new Browser(service, new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            service.stop();
            deleteTree(profile);
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Console entries since the last call; SEVERE ones are errors, including failed loads and SRI. */
    List<LogEntry> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    static List<String> errors(List<LogEntry> console) {
        return console.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** The HTTP(S) requests the page made since the last call, in the order they started. */
    List<NetworkRequest> network() {
        return requests().stream().filter(r -> r.url().startsWith("http")).toList();
    }

    /** Every request the page made since the last call, whatever its scheme (file:, data:, http:). */
    List<NetworkRequest> requests() {
        Json json = new Json();
        Map<String, NetworkRequest.Builder> requests = new LinkedHashMap<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            Map<String, Object> envelope = json.toType(entry.getMessage(), Json.MAP_TYPE);
            @SuppressWarnings("unchecked")
            Map<String, Object> message = (Map<String, Object>) envelope.get("message");
            String method = (String) message.get("method");
            @SuppressWarnings("unchecked")
            Map<String, Object> params = (Map<String, Object>) message.get("params");
            if (method == null || !method.startsWith("Network.") || params == null
                    || !(params.get("requestId") instanceof String id)) {
                continue;
            }
            if (method.equals("Network.requestWillBeSent")) {
                requests.computeIfAbsent(id, NetworkRequest.Builder::new).sent(params);
            } else if (requests.containsKey(id)) {
                requests.get(id).event(method, params);
            }
        }
        List<NetworkRequest> result = new ArrayList<>();
        requests.values().forEach(builder -> result.add(builder.build()));
        return result;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp profile is harmless
        }
    }
}
