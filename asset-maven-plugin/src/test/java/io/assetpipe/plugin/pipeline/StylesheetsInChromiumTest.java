package io.assetpipe.plugin.pipeline;

import static io.assetpipe.plugin.HeadlessChromium.attribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.plugin.HeadlessChromium;
import io.assetpipe.plugin.TestWebJars;
import io.assetpipe.plugin.scss.SassImplementation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stylesheets built by the whole pipeline and rendered in headless Chromium. Bootstrap 5.3.8 from
 * its WebJar, as example-app uses it, under both Sass compilers: the same page computes the same
 * styles. And libraries written for Dart Sass, which libsass cannot build: Bulma 1.0.4 configured
 * with {@code @use … with (…)}, Tabler 1.4.0 through a {@code pkg:} URL, flag-icons 7.5.0 with its
 * flags' URLs rewritten to fingerprinted files.
 */
class StylesheetsInChromiumTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The example app, the reactor module beside this one. */
    private static final Path EXAMPLE_APP = Path.of("..", "example-app").toAbsolutePath().normalize();
    private static final Optional<String> UNAVAILABLE = HeadlessChromium.unavailableFor(StylesheetsInChromiumTest.class);

    @TempDir
    Path project;

    private Path src() {
        return project.resolve("src");
    }

    private Path out(SassImplementation sass) {
        return project.resolve("out-" + sass.name().toLowerCase(Locale.ROOT));
    }

    private BuildResult build(SassImplementation sass, List<String> webjars) throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String webjar : webjars) {
            jars.add(TestWebJars.jar(webjar));
        }
        BuildConfig config = BuildConfig.defaults(src(), out(sass), project.resolve("work-" + sass))
                .withDependencyJars(jars).withSassCompiler(sass);
        return new AssetPipeline(config, BuildLog.NONE).run();
    }

    private AssetManifest built(SassImplementation sass, List<String> webjars) throws IOException {
        BuildResult result = build(sass, webjars);
        return assertInstanceOf(BuildResult.Built.class, result, result::toString).manifest();
    }

    /** libsass's error for a library written for Dart Sass, pointing at the compiler that builds it. */
    private void failsUnderJsass(List<String> webjars) throws IOException {
        BuildResult result = build(SassImplementation.JSASS, webjars);
        String errors = assertInstanceOf(BuildResult.Failed.class, result, result::toString).errors().toString();
        assertTrue(errors.contains("does not support") && errors.contains("Set <sassCompiler>dart</sassCompiler>"), errors);
    }

    private void write(String path, String text) throws IOException {
        Path f = src().resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    /** Copies {@code <webjar>/<version>/<from>} into the source directory under {@code to}. */
    private void copyFromWebJar(String webjar, String from, String to) throws IOException {
        Path target = src().resolve(to);
        Files.createDirectories(target.getParent());
        Files.write(target, TestWebJars.file(webjar, from));
    }

    /** The DOM of {@code html}, written into {@code sass}'s bundle directory, after Chromium ran it. */
    private String render(SassImplementation sass, String html) throws Exception {
        Assumptions.assumeTrue(UNAVAILABLE.isEmpty(), UNAVAILABLE::get);
        Path page = out(sass).resolve("page.html");
        Files.writeString(page, html);
        String dom = HeadlessChromium.dumpDom(page);
        assertFalse(dom.contains("data-error=\""), "an uncaught error: " + dom);
        return dom;
    }

    /**
     * A page linking {@code css}, whose script writes what {@code probe} gives (a value or a promise)
     * into {@code <body data-out>} once the page has loaded.
     */
    private static String probePage(AssetManifest manifest, String css, String body, String probe) {
        return HeadlessChromium.page(List.of(manifest.assets().get(css).path()), body
                + "<script>window.addEventListener('load', () => Promise.resolve(" + probe
                + ").then(out => document.body.setAttribute('data-out', out)));</script>", List.of());
    }

    // -- Bootstrap 5.3.8: example-app's page under both compilers ---------------------------------

    /**
     * Writes, once the page has loaded and its scripts ran, every longhand property Chromium
     * computes ({@code getComputedStyle}) for every element and for each {@code ::before} and
     * {@code ::after} with content, and each custom property of the root resolved as a colour, as
     * JSON into a script element. URLs are written relative to the page, so two bundle folders
     * compare equal.
     */
    private static final String COLLECT_STYLES = """
            <script>
            window.addEventListener('load', () => setTimeout(() => {
              const base = location.href.substring(0, location.href.lastIndexOf('/') + 1);
              const out = {};
              document.querySelectorAll('html, body, body *').forEach((el, i) => {
                if (el.tagName === 'SCRIPT') return;
                for (const pseudo of ['', '::before', '::after']) {
                  const cs = getComputedStyle(el, pseudo || null);
                  if (pseudo && (cs.content === 'none' || cs.content === 'normal')) continue;
                  const props = {};
                  for (let j = 0; j < cs.length; j++) {
                    props[cs[j]] = cs.getPropertyValue(cs[j]).split(base).join('');
                  }
                  out[i + ' ' + el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + pseudo] = props;
                }
              });
              // Custom properties keep their text as written (#ffe69c, rgb(255, 230.2, 155.8)): each one
              // is compared resolved instead, as a colour and as an rgb() triplet, in a probe element.
              const probe = document.createElement('i');
              document.body.appendChild(probe);
              const resolved = {};
              for (const name of Object.keys(out['0 html'])) {
                if (!name.startsWith('--')) continue;
                for (const use of ['var(' + name + ')', 'rgb(var(' + name + '))']) {
                  probe.style.color = '';
                  probe.style.color = use;
                  resolved['color: ' + use] = getComputedStyle(probe).color;
                }
              }
              probe.remove();
              out['custom properties of the root, resolved'] = resolved;
              const json = document.createElement('script');
              json.type = 'application/json';
              json.id = 'computed-styles';
              json.textContent = JSON.stringify(out);
              document.body.appendChild(json);
            }, 100));
            </script>
            """;

    private static final String RESOLVED = "custom properties of the root, resolved";

    /** example-app's product.html with its placeholders filled from {@code manifest}, as its PageTemplate does. */
    private static String examplePage(AssetManifest manifest) throws IOException {
        String template = Files.readString(EXAMPLE_APP.resolve("src/main/resources/io/assetpipe/example/product.html"));
        Matcher placeholder = Pattern.compile("\\{\\{\\s*(url|stylesheet|script)\\s+([^\\s}]+)\\s*}}").matcher(template);
        StringBuilder html = new StringBuilder();
        while (placeholder.find()) {
            String path = manifest.assets().get(placeholder.group(2)).path();
            placeholder.appendReplacement(html, Matcher.quoteReplacement(switch (placeholder.group(1)) {
                case "stylesheet" -> "<link rel=\"stylesheet\" href=\"" + path + "\">";
                case "script" -> "<script defer src=\"" + path + "\"></script>";
                default -> path;
            }));
        }
        placeholder.appendTail(html);
        return html.toString().replace("</body>", COLLECT_STYLES + "</body>");
    }

    private Map<String, Map<String, String>> computedStyles(SassImplementation sass, AssetManifest manifest)
            throws Exception {
        String dom = render(sass, examplePage(manifest));
        Matcher json = Pattern.compile("<script type=\"application/json\" id=\"computed-styles\">(.*?)</script>",
                Pattern.DOTALL).matcher(dom);
        assertTrue(json.find(), "no computed styles in " + dom);
        assertEquals("ready", attribute(dom, "data-app"), "the page's own script ran");
        return JSON.readValue(json.group(1), new TypeReference<>() {});
    }

    @Test
    void exampleAppsPageComputesTheSameStylesUnderBothCompilers() throws Exception {
        try (Stream<Path> files = Files.walk(EXAMPLE_APP.resolve("src/main/assets"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = src().resolve(EXAMPLE_APP.resolve("src/main/assets").relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        List<String> webjars = List.of("bootstrap", "jquery");
        AssetManifest jsass = built(SassImplementation.JSASS, webjars);
        AssetManifest dart = built(SassImplementation.DART, webjars);

        long jsassBytes = jsass.assets().get("css/app.css").size();
        long dartBytes = dart.assets().get("css/app.css").size();
        System.out.printf(Locale.ROOT, "example-app css/app.css: jsass %,d bytes, Dart Sass %,d bytes (%+.2f %%)%n",
                jsassBytes, dartBytes, 100.0 * (dartBytes - jsassBytes) / jsassBytes);
        assertTrue(Math.abs(dartBytes - jsassBytes) * 100 <= jsassBytes, jsassBytes + " against " + dartBytes);

        Map<String, Map<String, String>> fromJsass = computedStyles(SassImplementation.JSASS, jsass);
        Map<String, Map<String, String>> fromDart = computedStyles(SassImplementation.DART, dart);
        assertEquals(fromJsass.keySet(), fromDart.keySet(), "the same elements and pseudo-elements");
        Map<String, String> resolved = fromJsass.remove(RESOLVED);
        List<String> differences = differences(RESOLVED, resolved, fromDart.remove(RESOLVED));
        TreeSet<String> properties = new TreeSet<>();
        fromJsass.forEach((element, styles) -> {
            styles.keySet().removeIf(property -> property.startsWith("--")); // written as they were: resolved above
            properties.addAll(styles.keySet());
            differences.addAll(differences(element, styles, fromDart.get(element)));
        });
        System.out.println("compared " + fromJsass.size() + " elements and pseudo-elements, " + properties.size()
                + " properties each: " + properties + "; and " + resolved.size() / 2 + " custom properties resolved");
        assertTrue(fromJsass.size() > 60 && properties.size() > 400 && resolved.size() > 200,
                fromJsass.size() + " x " + properties.size() + ", " + resolved.size());
        assertEquals(List.of(), differences.subList(0, Math.min(20, differences.size())), differences.size() + " differ");
    }

    /** The properties of {@code jsass} whose value in {@code dart} is not the same. */
    private static List<String> differences(String element, Map<String, String> jsass, Map<String, String> dart) {
        List<String> differences = new ArrayList<>();
        jsass.forEach((property, value) -> {
            if (!value.equals(dart.get(property))) {
                differences.add(element + " " + property + ": " + value + " (jsass) / " + dart.get(property) + " (Dart Sass)");
            }
        });
        return differences;
    }

    // -- Libraries written for Dart Sass -------------------------------------------------------

    @Test
    void bulmaConfiguredThroughUseWith() throws Exception {
        write("css/site.scss", "@use \"bulma/sass\" with ($primary: #0a7e5c, $family-primary: Georgia);\n");
        List<String> webjars = List.of("bulma");
        failsUnderJsass(webjars);
        AssetManifest manifest = built(SassImplementation.DART, webjars);
        String dom = render(SassImplementation.DART, probePage(manifest, "css/site.css",
                "<button class=\"button is-primary\" id=\"go\">Go</button>"
                        + "<div class=\"columns\" id=\"row\"><div class=\"column is-one-quarter\" id=\"quarter\">¼</div></div>",
                "[getComputedStyle(go).backgroundColor, getComputedStyle(document.body).fontFamily,"
                        + " (quarter.getBoundingClientRect().width / row.getBoundingClientRect().width).toFixed(2)].join('|')"));
        String[] out = attribute(dom, "data-out").split("\\|");
        // Bulma 1 builds its colours from HSL custom properties: #0a7e5c comes back within a unit.
        assertColour(10, 126, 92, out[0]);
        assertEquals("Georgia", out[1]);
        assertEquals("0.25", out[2], "a column of a quarter");
    }

    /** {@code rgb(r, g, b)} within one unit per channel of the colour given. */
    private static void assertColour(int red, int green, int blue, String rgb) {
        Matcher m = Pattern.compile("rgb\\((\\d+), (\\d+), (\\d+)\\)").matcher(rgb);
        assertTrue(m.matches(), rgb);
        int[] expected = {red, green, blue};
        for (int i = 0; i < 3; i++) {
            assertTrue(Math.abs(Integer.parseInt(m.group(i + 1)) - expected[i]) <= 1, rgb + " is not #0a7e5c");
        }
    }

    @Test
    void tablerThroughAPkgUrl() throws Exception {
        write("css/site.scss", "@use \"pkg:@tabler/core\" with ($primary: #0a7e5c);\n");
        List<String> webjars = List.of("tabler__core", "bootstrap");
        failsUnderJsass(webjars);
        AssetManifest manifest = built(SassImplementation.DART, webjars);
        String dom = render(SassImplementation.DART, probePage(manifest, "css/site.css",
                "<a class=\"btn btn-primary\" id=\"go\">Go</a><div class=\"card\" id=\"card\"><div class=\"card-body\">x</div></div>",
                "[getComputedStyle(go).backgroundColor, getComputedStyle(card).borderTopStyle].join('|')"));
        String[] out = attribute(dom, "data-out").split("\\|");
        assertColour(10, 126, 92, out[0]);
        assertEquals("solid", out[1]);
    }

    @Test
    void flagIconsWithTheirFlagsFingerprinted() throws Exception {
        for (String country : List.of("fr", "jp")) {
            copyFromWebJar("flag-icons", "flags/4x3/" + country + ".svg", "flags/4x3/" + country + ".svg");
            copyFromWebJar("flag-icons", "flags/1x1/" + country + ".svg", "flags/1x1/" + country + ".svg");
        }
        write("css/flags.scss", "@use \"flag-icons/sass/variables\" with ($flag-icons-included-countries: (\"fr\", \"jp\"));\n"
                + "@use \"flag-icons/sass/flag-icons\";\n");
        List<String> webjars = List.of("flag-icons");
        failsUnderJsass(webjars);
        AssetManifest manifest = built(SassImplementation.DART, webjars);
        String fr = manifest.assets().get("flags/4x3/fr.svg").path();
        String jp = manifest.assets().get("flags/1x1/jp.svg").path();
        // Each flag's background URL, whether the browser could load it, and the 4:3 and 1:1 boxes.
        String dom = render(SassImplementation.DART, probePage(manifest, "css/flags.css",
                "<span class=\"fi fi-fr\" id=\"fr\"></span><span class=\"fi fi-jp fis\" id=\"jp\"></span>",
                "Promise.all([fr, jp].map(flag => new Promise(done => {"
                        + " const url = getComputedStyle(flag).backgroundImage.slice(5, -2);"
                        + " const image = new Image(); image.onload = () => done(url + ' loaded '"
                        + " + (flag.getBoundingClientRect().width / flag.getBoundingClientRect().height).toFixed(2));"
                        + " image.onerror = () => done(url + ' not loaded'); image.src = url; }))).then(v => v.join('|'))"));
        String base = out(SassImplementation.DART).toUri().toString();
        assertEquals(base + fr + " loaded 1.33|" + base + jp + " loaded 1.00", attribute(dom, "data-out"));
    }
}
