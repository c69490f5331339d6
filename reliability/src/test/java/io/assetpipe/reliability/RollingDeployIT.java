package io.assetpipe.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.reliability.bundle.Release;
import io.assetpipe.reliability.bundle.SiteReleases;
import io.assetpipe.reliability.harness.Haproxy;
import io.assetpipe.reliability.harness.Http;
import io.assetpipe.reliability.harness.Origin;
import io.assetpipe.reliability.harness.ProcessGroup;
import io.assetpipe.reliability.harness.Report;
import io.assetpipe.reliability.harness.Suite;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mid-deploy, v1 and v2 instances serve side by side. A browser that got a v1 page may fetch its
 * assets from any instance, so every URL a v1 page references — directly or through its stylesheet
 * and source-map comments — must be answered 200 with v1's bytes by every instance. Both releases are
 * built by the real plugin from {@code src/test/projects/site}; v2 carries v1's changed files in
 * {@code retired} ({@code keepReleases=1}); the same v2 built without carry-forward shows the check
 * has teeth.
 */
class RollingDeployIT {
    private static final String SECTION = "4 Rolling deploy";
    private static final Pattern PAGE_URL = Pattern.compile("(?:href|src)=\"([^\"]+)\"");
    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?([^'\")]+)['\"]?\\s*\\)");
    private static final Pattern SOURCE_MAP_URL = Pattern.compile("sourceMappingURL=(\\S+)");
    private static final ProcessGroup processes = new ProcessGroup("rolling-deploy");
    private static Release v1;
    private static Release v2;
    private static Release v2WithoutCarryForward;
    private static List<Origin> mixed;
    private static Haproxy haproxy;

    @BeforeAll
    static void start() {
        Suite.freshDir("rolling-deploy");
        v1 = SiteReleases.v1();
        v2 = SiteReleases.v2();
        v2WithoutCarryForward = SiteReleases.v2WithoutCarryForward();
        List<Origin> v1Origins = Origin.startAll(processes, "v1-origin", 1, List.of(v1.jar()), 2);
        List<Origin> v2Origins = Origin.startAll(processes, "v2-origin", 2, List.of(v2.jar()), 2);
        mixed = new ArrayList<>(v1Origins);
        mixed.addAll(v2Origins);
        haproxy = Haproxy.start(processes, mixed);
    }

    @AfterAll
    static void stop() {
        processes.close();
    }

    @Test
    void everyUrlOfAV1PageIsServedByEveryInstanceMidDeploy() throws Exception {
        Set<String> urls = referencedUrls(v1);
        assertTrue(urls.size() >= 4, "the v1 page references its assets: " + urls);
        assertFalse(v2.manifest().retired().isEmpty(), "v2 carries v1's changed files");

        for (Origin origin : mixed) {
            for (String url : urls) {
                assertServesV1(origin.name(), origin.uri(url), url);
            }
        }
        // And through the balancer, each URL often enough to reach every instance (round robin).
        for (int round = 0; round < mixed.size(); round++) {
            for (String url : urls) {
                assertServesV1("haproxy", haproxy.uri(url), url);
            }
        }

        Set<String> v2Urls = referencedUrls(v2);
        long v2MissingOnV1 = v2Urls.stream().filter(u -> Http.status(mixed.get(0).uri(u)) == 404).count();
        Report.figure(SECTION, "releases built by asset-maven-plugin (src/test/projects/site); 1 v1 + 2 v2 instances "
                + "(v2 built with keepReleases=1: v1's " + v2.manifest().retired().size()
                + " changed assets in `retired`) behind HAProxy: " + urls.size() + " URLs referenced by the v1 page, "
                + "each answered 200 with v1's bytes by all 3 instances directly and " + mixed.size()
                + "× through HAProxy");
        Report.figure(SECTION, "the other direction: " + v2MissingOnV1 + " of the v2 page's " + v2Urls.size()
                + " URLs are 404 on a v1 instance — roll the asset origins forward before the app that renders v2 pages"
                + " (docs/deployment.md)");
    }

    @Test
    void withoutCarryForwardAV1PageBreaksOnAV2Instance() throws Exception {
        Origin bare = Origin.start(processes, "v2-no-carry-forward", List.of(v2WithoutCarryForward.jar()), 2);
        Set<String> urls = referencedUrls(v1);
        List<String> missing = urls.stream().filter(u -> Http.status(bare.uri(u)) == 404).toList();
        Report.figure(SECTION, "control: a v2 built without keepReleases answers 404 to " + missing.size() + " of the "
                + urls.size() + " v1 URLs");
        assertFalse(missing.isEmpty(), "v1's changed files must be missing from a v2 without carry-forward");
    }

    private static void assertServesV1(String who, URI uri, String url) throws Exception {
        HttpResponse<byte[]> response = Http.get(uri);
        assertEquals(200, response.statusCode(), who + " GET " + url);
        assertArrayEquals(v1.content().get(url.substring(Traffic.PREFIX.length() + 1)), response.body(),
                who + " body of " + url);
    }

    /**
     * The URLs a browser fetches for {@code release}'s page: those in the HTML, then those in each
     * stylesheet ({@code url(...)}) and script ({@code sourceMappingURL}), resolved like a browser.
     */
    private static Set<String> referencedUrls(Release release) {
        URI page = URI.create("http://app.example/index.html");
        Set<String> urls = new LinkedHashSet<>();
        Matcher m = PAGE_URL.matcher(release.page(Traffic.PREFIX));
        while (m.find()) {
            urls.add(m.group(1));
        }
        for (String url : List.copyOf(urls)) {
            String body = new String(release.content().get(url.substring(Traffic.PREFIX.length() + 1)),
                    StandardCharsets.UTF_8);
            List<Pattern> patterns = url.endsWith(".css") ? List.of(CSS_URL, SOURCE_MAP_URL)
                    : url.endsWith(".js") ? List.of(SOURCE_MAP_URL) : List.of();
            for (Pattern pattern : patterns) {
                Matcher r = pattern.matcher(body);
                while (r.find()) {
                    urls.add(page.resolve(url).resolve(r.group(1)).getPath());
                }
            }
        }
        return urls;
    }
}
