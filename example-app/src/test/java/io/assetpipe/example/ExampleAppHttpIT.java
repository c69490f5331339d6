package io.assetpipe.example;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged app over plain HTTP: the page's caching contract, without needing a browser. */
class ExampleAppHttpIT {
    private static final Pattern STYLESHEET = Pattern.compile(
            "<link rel=\"stylesheet\" href=\"(/assets/css/app-[0-9a-f]{12}\\.css)\" "
                    + "integrity=\"(sha384-[^\"]+)\" crossorigin=\"anonymous\">");

    private static AppProcess app;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        app = AppProcess.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void pageIsRevalidatedWithItsETag() throws Exception {
        HttpResponse<String> page = get("/", null);
        String etag = page.headers().firstValue("ETag").orElse("");
        assertAll(
                () -> assertEquals(200, page.statusCode()),
                () -> assertEquals("text/html; charset=utf-8", header(page, "Content-Type")),
                () -> assertEquals("no-cache", header(page, "Cache-Control")),
                () -> assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag),
                () -> assertTrue(header(page, "Content-Security-Policy").startsWith("default-src 'self'")));

        HttpResponse<String> again = get("/", etag);
        assertEquals(304, again.statusCode());
        assertEquals(etag, header(again, "ETag"));
        assertEquals("", again.body());
    }

    @Test
    void integrityInThePageMatchesTheBytesServed() throws Exception {
        Matcher link = STYLESHEET.matcher(get("/", null).body());
        assertTrue(link.find(), "stylesheet tag in the page");

        HttpResponse<byte[]> css = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl())
                .resolve(link.group(1))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, css.statusCode());
        assertEquals("public, max-age=31536000, immutable",
                css.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(link.group(2), "sha384-" + Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-384").digest(css.body())));
    }

    @Test
    void unknownPathsGetTheNotFoundPageAndOtherMethodsAreRefused() throws Exception {
        HttpResponse<String> missing = get("/no-such-page", null);
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("Off the map"), missing.body());
        assertEquals(404, get("/assets/css/no-such-file.css", null).statusCode());

        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl()))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", header(post, "Allow"));
    }

    private static HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl()).resolve(path));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }
}
