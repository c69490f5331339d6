package io.assetpipe.spring;

import static io.assetpipe.manifest.ContentEncoding.GZIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.http.AssetBundle;
import io.assetpipe.http.AssetUrls;
import io.assetpipe.http.TestBundles;
import io.assetpipe.http.TestServer;
import io.assetpipe.http.Text;
import io.assetpipe.manifest.AssetEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.Jetty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/** What the auto-configuration registers, and what it says when it cannot, in real Spring Boot apps. */
class AssetpipeAutoConfigurationTest {
    static final byte[] CSS = "body{margin:0}\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] JS = "console.log(1);\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    Path jar;
    AssetEntry css;
    AssetEntry js;

    @BeforeEach
    void bundle() throws Exception {
        TestBundles.Builder site = TestBundles.builder()
                .add("css/site.css", "text/css; charset=utf-8", CSS, GZIP)
                .add("js/app.js", "text/javascript; charset=utf-8", JS);
        css = site.manifest().assets().get("css/site.css");
        js = site.manifest().assets().get("js/app.js");
        jar = site.writeJar(temp.resolve("site-assets.jar"));
    }

    @Test
    void withoutABundleTheAppFailsToStartSayingWhatToDo() {
        Exception e = assertThrows(Exception.class,
                () -> BootApps.run(BootApps.OnTomcat.class, List.of(), Map.of()).close());
        Text.that(causes(e)).contains("BundleException: no META-INF/assets/manifest.json on the classpath")
                .contains("assetpipe.require-bundle=false");
    }

    @Test
    void requireBundleFalseStartsWithoutAssets() throws Exception {
        try (ConfigurableApplicationContext context = BootApps.run(BootApps.OnTomcat.class, List.of(),
                Map.of("assetpipe.require-bundle", "false"))) {
            assertTrue(context.getBeansOfType(AssetBundle.class).isEmpty());
            assertFalse(context.containsBean("assetpipeServlet"));
        }
    }

    @Test
    void prefixAndContextPathShapeTheServletMappingAndTheUrls() throws Exception {
        try (ConfigurableApplicationContext context = BootApps.run(BootApps.OnJetty.class, List.of(jar),
                Map.of("assetpipe.prefix", "/static", "server.servlet.context-path", "/shop",
                        "assetpipe.logical-paths", "redirect"))) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            TestServer client = new TestServer(port, () -> { });
            AssetUrls urls = context.getBean(AssetUrls.class);
            assertEquals("/shop/static/" + css.path(), urls.url("css/site.css"));
            assertEquals(200, client.get(urls.url("css/site.css")).statusCode());
            assertEquals("/shop/static/" + css.path(),
                    client.get("/shop/static/css/site.css").headers().firstValue("Location").orElseThrow());
            assertEquals(404, client.get("/shop/assets/" + css.path()).statusCode());
            assertEquals("JettyServletWebServer", ((WebServerApplicationContext) context).getWebServer()
                    .getClass().getSimpleName());
            assertEquals("12.1.14", Jetty.VERSION, "the Jetty this project names, not Spring Boot's default");
        }
    }

    @Test
    void theDialectWritesTagsWithFingerprintedUrlIntegrityAndCrossorigin() throws Exception {
        try (ConfigurableApplicationContext context = BootApps.run(BootApps.OnTomcat.class, List.of(jar), Map.of())) {
            TemplateEngine engine = new TemplateEngine();
            engine.setTemplateResolver(new StringTemplateResolver());
            engine.addDialect(context.getBean(AssetDialect.class));
            String html = engine.process("<head><asset:stylesheet path=\"css/site.css\" media=\"screen\"/>"
                    + "<asset:script path=\"js/app.js\"/><asset:script path=\"js/app.js\" type=\"module\"/>"
                    + "<link rel=\"icon\" th:href=\"${#assets.url('css/site.css')}\"></head>", new Context());
            assertEquals("<head><link rel=\"stylesheet\" href=\"/assets/" + css.path() + "\" integrity=\""
                    + css.integrity() + "\" crossorigin=\"anonymous\" media=\"screen\">"
                    + "<script defer src=\"/assets/" + js.path() + "\" integrity=\"" + js.integrity()
                    + "\" crossorigin=\"anonymous\"></script>"
                    + "<script src=\"/assets/" + js.path() + "\" integrity=\"" + js.integrity()
                    + "\" crossorigin=\"anonymous\" type=\"module\"></script>"
                    + "<link rel=\"icon\" href=\"/assets/" + css.path() + "\"></head>", html);
            TemplateProcessingException unknown = assertThrows(TemplateProcessingException.class,
                    () -> engine.process("<asset:script path=\"js/ap.js\"/>", new Context()));
            Text.that(causes(unknown)).contains("unknown asset \"js/ap.js\"").contains("\"js/app.js\"");
        }
    }

    /** Every message in the cause chain, as a user reads the stack trace. */
    static String causes(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
