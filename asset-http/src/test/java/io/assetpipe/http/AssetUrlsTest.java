package io.assetpipe.http;

import static io.assetpipe.manifest.ContentEncoding.GZIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetUrlsTest {
    static final byte[] CSS = "body{margin:0}\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] JS = "console.log(1);\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path temp;

    static AssetBundle bundle;

    @BeforeAll
    static void load() throws Exception {
        bundle = AssetBundle.fromJar(TestBundles.builder()
                .add("css/site.css", "text/css; charset=utf-8", CSS, GZIP)
                .add("css/print.css", "text/css; charset=utf-8", "p{}".getBytes(StandardCharsets.UTF_8))
                .add("js/app.js", "text/javascript; charset=utf-8", JS)
                .writeJar(temp.resolve("site-assets.jar")));
    }

    @Test
    void urlsAreFingerprintedAndPrefixed() {
        String fingerprinted = "css/site-" + TestBundles.sha256(CSS).substring(0, 12) + ".css";
        assertEquals("/assets/" + fingerprinted, AssetUrls.create(bundle, "/assets", null).url("css/site.css"));
        assertEquals("/static/" + fingerprinted, AssetUrls.create(bundle, "/static/", "").url("css/site.css"));
        assertEquals("https://cdn.example/assets/" + fingerprinted,
                AssetUrls.create(bundle, "/assets", "https://cdn.example/").url("css/site.css"));
    }

    @Test
    void integrityIsTheSha384OfTheFile() {
        assertEquals(TestBundles.integrity(JS), AssetUrls.create(bundle, "/assets", null).integrity("js/app.js"));
    }

    @Test
    void anUnknownPathNamesItAndTheClosestKnownNames() {
        AssetUrls urls = AssetUrls.create(bundle, "/assets", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> urls.url("css/sit.css"));
        Text.that(e.getMessage()).contains("unknown asset \"css/sit.css\"")
                .contains("closest known: \"css/site.css\", \"css/print.css\"");
        Text.that(assertThrows(IllegalArgumentException.class, () -> urls.integrity("app.js")).getMessage())
                .contains("\"js/app.js\"");
        // A fingerprinted path is not a logical path.
        assertThrows(IllegalArgumentException.class, () -> urls.url(bundle.asset("js/app.js").orElseThrow().path()));
    }

    @Test
    void levenshteinDistance() {
        assertEquals(0, AssetUrls.distance("abc", "abc"));
        assertEquals(1, AssetUrls.distance("css/sit.css", "css/site.css"));
        assertEquals(3, AssetUrls.distance("kitten", "sitting"));
        assertEquals(4, AssetUrls.distance("", "abcd"));
    }
}
