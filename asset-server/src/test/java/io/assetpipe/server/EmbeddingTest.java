package io.assetpipe.server;

import static io.assetpipe.manifest.ContentEncoding.GZIP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.assetpipe.http.AssetBundle;
import io.assetpipe.http.LogicalPathPolicy;
import io.assetpipe.http.TestBundles;
import io.assetpipe.http.TestServer;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler inside an existing Undertow app, as docs/server.md shows it. */
class EmbeddingTest {
    static final byte[] CSS = "body{margin:0}\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    @Test
    void wrapsTheAppsHandlerAndMountsUnderAPathHandler() throws Exception {
        Path jar = TestBundles.builder().add("css/site.css", "text/css; charset=utf-8", CSS, GZIP)
                .writeJar(temp.resolve("app-assets.jar"));
        // The app puts its assets jar on the classpath and loads every bundle there.
        AssetBundle bundle = AssetBundle.fromClasspath(new URLClassLoader(new URL[] {jar.toUri().toURL()}, null));
        HttpHandler app = exchange -> exchange.getResponseSender().send("app " + exchange.getRequestPath());
        AssetHandler assets = AssetHandler.builder(bundle).next(app).build();
        AssetHandler mounted = AssetHandler.builder(bundle).prefix("").logicalPaths(LogicalPathPolicy.REDIRECT).build();
        Undertow undertow = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(Handlers.path(assets).addPrefixPath("/static", mounted))
                .build();
        undertow.start();
        try {
            int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
            String fingerprinted = bundle.asset("css/site.css").orElseThrow().path();

            assertEquals("app /", body(port, "/"));
            assertEquals("app /assets/css/missing.css", body(port, "/assets/css/missing.css"));
            assertArrayEquals(CSS, get(port, "/assets/" + fingerprinted).body());
            assertArrayEquals(CSS, get(port, "/static/" + fingerprinted).body());
            HttpResponse<byte[]> redirect = get(port, "/static/css/site.css");
            assertEquals(302, redirect.statusCode());
            assertEquals("/static/" + fingerprinted, redirect.headers().firstValue("Location").orElseThrow());
        } finally {
            undertow.stop();
        }
    }

    private static HttpResponse<byte[]> get(int port, String path) {
        return TestServer.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build());
    }

    private static String body(int port, String path) {
        return new String(get(port, path).body(), StandardCharsets.UTF_8);
    }
}
