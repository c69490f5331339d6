package io.assetpipe.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.http.AssetBundle;
import io.assetpipe.http.AssetUrls;
import io.assetpipe.manifest.AssetEntry;
import org.junit.jupiter.api.Test;

/** Runs against the real bundle asset:build wrote into target/classes/META-INF/assets. */
class PageTemplateTest {
    private static final AssetBundle BUNDLE =
            AssetBundle.fromClasspath(PageTemplateTest.class.getClassLoader());
    private static final AssetUrls URLS = AssetUrls.create(BUNDLE, "/assets", null);

    @Test
    void writesFingerprintedUrlsWithIntegrity() {
        AssetEntry css = BUNDLE.asset("css/app.css").orElseThrow();
        AssetEntry js = BUNDLE.asset("js/app.js").orElseThrow();

        String html = PageTemplate.render("page.html", """
                <link rel="icon" href="{{url images/tern.svg}}">
                {{stylesheet css/app.css}}
                {{ script js/app.js }}
                """, URLS);

        assertEquals("<link rel=\"icon\" href=\"/assets/" + BUNDLE.asset("images/tern.svg")
                        .orElseThrow().path() + "\">\n"
                        + "<link rel=\"stylesheet\" href=\"/assets/" + css.path() + "\" integrity=\""
                        + css.integrity() + "\" crossorigin=\"anonymous\">\n"
                        + "<script defer src=\"/assets/" + js.path() + "\" integrity=\""
                        + js.integrity() + "\" crossorigin=\"anonymous\"></script>\n", html);
        assertTrue(css.path().matches("css/app-[0-9a-f]{12}\\.css"), css.path());
    }

    @Test
    void theAppsPagesReferenceOnlyAssetsInTheBundle() {
        for (String page : new String[] {"product.html", "not-found.html"}) {
            String html = PageTemplate.render(page, URLS);
            assertTrue(html.contains("integrity=\"sha384-"), page);
            assertTrue(!html.contains("{{"), page);
        }
    }

    @Test
    void anUnknownAssetNamesTheTemplateLine() {
        var e = assertThrows(IllegalStateException.class, () -> PageTemplate.render("page.html",
                "<html>\n<link href=\"{{url css/missing.css}}\">\n", URLS));
        assertTrue(e.getMessage().startsWith("page.html:2: "), e.getMessage());
    }

    @Test
    void anUnknownPlaceholderNamesTheTemplateLine() {
        var e = assertThrows(IllegalStateException.class, () -> PageTemplate.render("page.html",
                "<html>\n\n{{image images/tern.svg}}\n", URLS));
        assertEquals("page.html:3: unknown placeholder {{image images/tern.svg}} "
                + "(expected {{url|stylesheet|script <logical path>}})", e.getMessage());
    }
}
